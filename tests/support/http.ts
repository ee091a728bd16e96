// Drives route modules (loaders and actions) as a request would, with a real signed-in session.
import { createUserSession } from "~/modules/users/session.server";
import { actor } from "./factories";

/** The Cookie header a sign-in as `email` would have set. */
export async function sessionCookie(email: string): Promise<string> {
  const user = await actor(email);
  const setCookie = await createUserSession(user.id, new Request("http://localhost/login"), "127.0.0.1");
  return setCookie.split(";")[0];
}

const loadContext = { requestId: "test-request", cspNonce: "test", clientIp: "127.0.0.1" };

type RouteFn = (args: { request: Request; params: Record<string, string>; context: typeof loadContext }) => unknown;

/** Runs a loader or action and gives back its Response, thrown or returned, as the server would. */
export async function call(fn: RouteFn, url: string, cookie: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Cookie", cookie);
  const request = new Request(new URL(url, "http://localhost"), { ...init, headers });
  try {
    const result = await fn({ request, params: {}, context: loadContext });
    if (result instanceof Response) return result;
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
