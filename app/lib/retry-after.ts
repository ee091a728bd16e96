import type { HeadersFunction } from "@remix-run/node";

/**
 * A route's document headers: pass the Retry-After of an action's or loader's 429/503 through
 * (Remix otherwise drops them from a document response). Export it as the route's `headers`.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders, errorHeaders }) => {
  const headers = new Headers();
  const retry = actionHeaders.get("Retry-After") ?? errorHeaders?.get("Retry-After") ?? loaderHeaders.get("Retry-After");
  if (retry) headers.set("Retry-After", retry);
  return headers;
};
