// Cookies a request's code wants on its response without owning the response: the session
// cookie's refreshed expiry, decided deep in getSessionUser. server.js runs each Remix request
// inside `responseCookies.run(jar, …)` and appends the jar to whatever response goes out.
import { AsyncLocalStorage } from "node:async_hooks";

export const responseCookies = new AsyncLocalStorage<string[]>();

/** Adds a Set-Cookie value to this request's response (no-op outside a served request). */
export function setCookieOnResponse(cookie: string) {
  responseCookies.getStore()?.push(cookie);
}
