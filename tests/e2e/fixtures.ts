import { test as base, expect, type Page } from "@playwright/test";
import { E2E_DB_TARGET, e2eServerSettings } from "../support/e2e-env.js";

export { expect };

export const PASSWORD = "summit-demo";
export type DemoUser = "admin" | "manager" | "analyst" | "analyst2" | "viewer";

/**
 * Signs in through the sign-in page, as a person does. Only for tests about signing in itself
 * (the form, the cookie it sets, sign-out); every other test uses the `login` fixture.
 */
export async function signInThroughUi(page: Page, who: DemoUser, to = "/dashboard") {
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel("Email").fill(`${who}@example.org`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

type AppSessions = {
  createUserSession: typeof import("~/modules/users/session.server").createUserSession;
  userId: (email: string) => Promise<string>;
};

/**
 * The app's own session code, bound to the main e2e server's database and settings. The app
 * reads its configuration once, when first imported, so it is imported here with the server's
 * settings (tests/support/e2e-env.js) and the worker's environment is put back afterwards: side
 * servers the tests start later inherit the worker's environment, not the main server's.
 */
async function loadAppSessions(): Promise<AppSessions & { disconnect: () => Promise<void> }> {
  const settings = e2eServerSettings();
  const saved = new Map(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  let dbModule: typeof import("~/db.server");
  let sessionModule: typeof import("~/modules/users/session.server");
  try {
    dbModule = await import("~/db.server");
    sessionModule = await import("~/modules/users/session.server");
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  // Had a spec imported the app earlier in this worker with other settings, the sessions would
  // land elsewhere and every test would fail at its first page; say why instead.
  if (dbModule.databaseTarget !== E2E_DB_TARGET) {
    throw new Error(`The app was loaded on ${dbModule.databaseTarget} before the login fixture could bind it to ${E2E_DB_TARGET}`);
  }
  const { db, readDb, postgres } = dbModule;
  return {
    createUserSession: sessionModule.createUserSession,
    userId: async (email) => (await readDb.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id,
    disconnect: async () => {
      await Promise.all([db.$disconnect(), readDb.$disconnect()]);
      await postgres?.pool.end();
    },
  };
}

/** The cookie a Set-Cookie header sets, in the shape BrowserContext.addCookies takes. */
function cookieFromHeader(header: string, baseURL: string) {
  const [pair, ...attributes] = header.split(";").map((part) => part.trim());
  const at = pair!.indexOf("=");
  const attrs = new Map(
    attributes.map((a) => {
      const eq = a.indexOf("=");
      return eq < 0 ? [a.toLowerCase(), ""] : [a.slice(0, eq).toLowerCase(), a.slice(eq + 1)];
    }),
  );
  const sameSite = attrs.get("samesite")?.toLowerCase();
  const maxAge = attrs.get("max-age");
  return {
    name: pair!.slice(0, at),
    value: pair!.slice(at + 1),
    domain: new URL(baseURL).hostname,
    path: attrs.get("path") ?? "/",
    httpOnly: attrs.has("httponly"),
    secure: attrs.has("secure"),
    sameSite: sameSite === "strict" ? ("Strict" as const) : sameSite === "none" ? ("None" as const) : ("Lax" as const),
    expires: maxAge === undefined ? -1 : Math.floor(Date.now() / 1000) + Number(maxAge),
  };
}

export type Login = (who: DemoUser, options?: { to?: string; page?: Page }) => Promise<void>;

/**
 * `login(who, { to, page })` signs a demo user in without the sign-in page, as Epic Stack's
 * playwright-utils does: it creates a real session row in the e2e server's database with the
 * app's own `createUserSession` and puts the very cookie that function answers with on the
 * page's browser context (the default `page` unless another is given). Then it opens `to`
 * (default /dashboard) and checks the server took the session. Nothing in the app knows about it.
 * Call it when no navigation of that page is in flight: a sign-out still on its way would clear
 * the new cookie (or end the new session) when it lands; wait for its page first.
 */
export const test = base.extend<{ login: Login }, { appSessions: AppSessions }>({
  appSessions: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const sessions = await loadAppSessions();
      await use(sessions);
      await sessions.disconnect();
    },
    { scope: "worker" },
  ],
  login: async ({ page: defaultPage, baseURL, appSessions }, use) => {
    await use(async (who, { to = "/dashboard", page = defaultPage } = {}) => {
      const userId = await appSessions.userId(`${who}@example.org`);
      const request = new Request(`${baseURL}/login`, { headers: { "User-Agent": "Playwright login fixture (tests/e2e/fixtures.ts)" } });
      const setCookie = await appSessions.createUserSession(userId, request, "127.0.0.1");
      await page.context().addCookies([cookieFromHeader(setCookie, baseURL!)]);
      await page.goto(to);
      await expect(page).not.toHaveURL(/\/login/);
    });
  },
});

/** Opens a proposal page by reference, via the list's search. */
export async function openProposal(page: Page, reference: string) {
  await page.goto(`/proposals?q=${encodeURIComponent(reference)}`);
  await page
    .getByRole("row", { name: new RegExp(reference) })
    .getByRole("link")
    .first()
    .click();
  await page.waitForURL(/\/proposals\/[a-z0-9]{10,}/i);
  await expect(page.locator(".page-head .eyebrow")).toContainText(reference);
  return page.url();
}

/** The 409 conflict view of a proposal's edit form, posted with a version that is not the current one (nothing is saved). */
export async function openConflictView(page: Page, proposalPath: string) {
  await page.goto(`${proposalPath}/edit`);
  // Wait for the scripts to have loaded and run: a form that hydrates after the version was
  // changed can put the page's own version back, and the save then succeeds (seen in CI).
  await page.waitForLoadState("networkidle");
  const version = page.locator('input[name="version"]');
  const stale = String(Number(await version.inputValue()) + 1000);
  await version.evaluate((input: HTMLInputElement, value) => (input.value = value), stale);
  await expect(version).toHaveValue(stale);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: /Someone else saved this proposal/ })).toBeVisible();
}

export function screenshotPath(name: string) {
  return `tests/.tmp/screenshots/${name}.png`;
}
