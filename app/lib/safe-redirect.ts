// The one check for redirect targets that come from a request (?redirectTo=, a form's
// redirectTo): only a path on this site, whatever tricks the text plays.
const PROBE_ORIGIN = "http://summit-tracker.invalid";

/**
 * `target` if it is a same-origin path, else `fallback`. Browsers drop tab, CR and LF inside
 * URLs and read "\" as "/", so "/\t/evil.example" or "/\evil.example" would become
 * "//evil.example": any control character or backslash is refused outright. What comes back is
 * the URL's own serialisation, percent-encoded ASCII, so it is always a valid header value.
 */
export function safeRedirectPath(target: unknown, fallback = "/dashboard"): string {
  if (typeof target !== "string" || target.length > 2048 || !target.startsWith("/")) return fallback;
  // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
  if (/[\u0000-\u001F\u007F-\u009F\\]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? fallback : path;
}
