// How far "My work" looks (safe for the browser: the page says these numbers).
/** How far ahead "due soon" looks, in days. */
export const DUE_WITHIN_DAYS = 30;
/** How far back "recent changes" look, in days. */
export const CHANGES_WITHIN_DAYS = 14;
