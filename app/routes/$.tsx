import { msg } from "~/i18n/message";
import { answer } from "~/lib/http.server";

// Any address no other route claims: a 404 inside the layout (the root loader runs, so the
// navigation is there), in the reader's language, instead of the router's "No route matches URL".
function notFound(): never {
  throw answer(404, msg("error.notFound", { what: msg("what.page") }));
}

export const loader = notFound;
export const action = notFound;

/** Never shown: the loader always throws, and the root error boundary draws the page. */
export default function NotFound() {
  return null;
}
