import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { cookieSecure, env } from "~/config/env.server";

// One-shot messages shown after a redirect ("Proposal saved."). They hold nothing secret; the
// signature only stops a third party from planting text in someone's banner.
const storage = createCookieSessionStorage({
  cookie: {
    name: "st_flash",
    httpOnly: true,
    sameSite: "lax",
    secure: cookieSecure,
    path: "/",
    secrets: [env.SESSION_SECRET ?? randomBytes(32).toString("hex")],
  },
});

export type Flash = { kind: "success" | "error"; message: string };

export async function redirectWithFlash(request: Request, to: string, flash: Flash, headers: HeadersInit = {}) {
  const session = await storage.getSession(request.headers.get("Cookie"));
  session.flash("flash", flash);
  const h = new Headers(headers);
  h.append("Set-Cookie", await storage.commitSession(session));
  return redirect(to, { headers: h });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const cookie = request.headers.get("Cookie");
  if (!cookie?.includes("st_flash=")) return { flash: null, setCookie: null };
  const session = await storage.getSession(cookie);
  const flash = (session.get("flash") as Flash | undefined) ?? null;
  return { flash, setCookie: flash ? await storage.commitSession(session) : null };
}
