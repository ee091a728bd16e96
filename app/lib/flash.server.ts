import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { cookieSecure, env } from "~/config/env.server";
import { isMessage, type Message } from "~/i18n/message";

// One-shot messages shown after a redirect (flash.proposalSaved). They hold nothing secret; the
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

/** A flash holds a Message, translated when the next page shows it (root.tsx). */
export type Flash = { kind: "success" | "error"; message: Message };

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
  const stored = session.get("flash") as Partial<Flash> | undefined;
  // A cookie from before messages were keys (or any other shape) is dropped, not shown.
  const flash = stored && isMessage(stored.message) ? (stored as Flash) : null;
  return { flash, setCookie: stored ? await storage.commitSession(session) : null };
}
