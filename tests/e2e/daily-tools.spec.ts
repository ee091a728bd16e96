// Issue 12 items 9–11 in the browser: the account page (change password, see and end sessions),
// saved views on the list (a <details> menu, private or shared), and a manager's bulk actions
// (checkboxes, one change, a summary per record). With JavaScript on and off where it matters.
// What changes passwords or many proposals runs on a side server with a database copy of its
// own, so no other spec sees it; the rest uses the main server and the `login` fixture.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import { E2E_DB_FILE } from "../support/e2e-env.js";
import { expect, PASSWORD, screenshotPath, signInThroughUi, test } from "./fixtures";
import { sidePort, startServer } from "./support-server";

const flash = (page: Page) => page.locator(".flash");
const sessionRows = (page: Page) => page.getByRole("list", { name: "Signed-in sessions" }).getByRole("listitem");

/** Full-page screenshots at 1440 and 390 px, and at 390 px one of `part` as well (to read it at full size). */
async function shoot(page: Page, name: string, part?: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: screenshotPath(`${name}-${width}`), fullPage: true });
    // Nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    if (part && width === 390)
      await page
        .locator(part)
        .first()
        .screenshot({ path: screenshotPath(`${name}-${width}-part`) });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** A server of this spec's own on a copy of the e2e database as it is now. */
async function sideServer(offset: number, name: string) {
  const file = path.join(process.cwd(), "tests", ".tmp", `daily-tools-${name}.db`);
  const src = new Database(E2E_DB_FILE);
  await src.backup(file);
  src.close();
  const server = await startServer(sidePort(offset), { DATABASE_URL: `file:${file}`, COOKIE_SECURE: "false" });
  /** How many audit events of `action` the copy holds. */
  const events = (action: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM AuditEvent WHERE action = ?").get(action) as { n: number }).n;
    } finally {
      db.close();
    }
  };
  return { ...server, events };
}

async function signedInOn(browser: Browser, url: string, who: "manager" | "viewer" | "analyst", js = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: url, javaScriptEnabled: js });
  const page = await context.newPage();
  await signInThroughUi(page, who);
  return { context, page };
}

test.describe("the account page", () => {
  test("shows this session marked, ends another one, and (without JavaScript) all the others", async ({ browser, login, page }) => {
    await login("analyst2", { to: "/account" });
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await login("analyst2", { page: otherPage });
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const noJsPage = await noJs.newPage();
    try {
      await page.goto("/account");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Timur Rakhimov");
      const current = sessionRows(page).filter({ hasText: "This session" });
      await expect(current).toHaveCount(1);
      await expect(current.getByRole("button")).toHaveCount(0);
      // End every other session one at a time, by keyboard.
      while (
        (await sessionRows(page)
          .getByRole("button", { name: /^End the session signed in at / })
          .count()) > 0
      ) {
        await sessionRows(page)
          .getByRole("button", { name: /^End the session signed in at / })
          .first()
          .focus();
        await page.keyboard.press("Enter");
        await expect(flash(page)).toHaveText("Session ended.");
      }
      await expect(sessionRows(page)).toHaveCount(1);
      await expect(page.getByText("No other session is signed in.")).toBeVisible();
      await otherPage.goto("/dashboard");
      await expect(otherPage).toHaveURL(/\/login/);
      await shoot(page, "account", "section[aria-labelledby=sessions-heading]");

      // Without JavaScript: two more sessions, ended together from the no-JS one.
      await login("analyst2", { page: noJsPage, to: "/account" });
      await login("analyst2", { page: otherPage });
      await noJsPage.goto("/account");
      await noJsPage.getByRole("button", { name: /^End all other sessions \(2\)$/ }).click();
      await expect(flash(noJsPage)).toHaveText("Other sessions ended: 2.");
      await expect(sessionRows(noJsPage)).toHaveCount(1);
      await otherPage.goto("/dashboard");
      await expect(otherPage).toHaveURL(/\/login/);
      await page.goto("/dashboard");
      await expect(page).toHaveURL(/\/login/);
    } finally {
      await Promise.all([other.close(), noJs.close()]);
    }
  });

  for (const js of [true, false]) {
    test(`changes the password with the current one, ends the other sessions and keeps this one (JavaScript ${js ? "on" : "off"})`, async ({ browser }) => {
      const server = await sideServer(60 + (js ? 0 : 1), `password-${js ? "js" : "nojs"}`);
      const me = await signedInOn(browser, server.url, "viewer", js);
      const elsewhere = await signedInOn(browser, server.url, "viewer");
      const fresh = await browser.newContext({ baseURL: server.url });
      try {
        const { page } = me;
        await page.goto("/account");
        // Refused next to the field it concerns, and nothing is sent back in a password field.
        await page.getByLabel("Current password").fill("not-the-password");
        await page.getByLabel("New password", { exact: true }).fill("a-new-viewer-password");
        await page.getByLabel("New password again").fill("a-new-viewer-password");
        await page.getByRole("button", { name: "Change password" }).click();
        await expect(page.getByText("That is not your current password.")).toBeVisible();
        await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
        if (!js) await expect(page.getByLabel("New password", { exact: true })).toHaveValue("");
        // The two new ones must agree (the server says so too, without JavaScript).
        await page.getByLabel("Current password").fill(PASSWORD);
        await page.getByLabel("New password", { exact: true }).fill("a-new-viewer-password");
        await page.getByLabel("New password again").fill("a-different-password");
        await page.getByRole("button", { name: "Change password" }).click();
        await expect(page.getByText("The two new passwords differ.")).toBeVisible();

        await page.getByLabel("Current password").fill(PASSWORD);
        await page.getByLabel("New password", { exact: true }).fill("a-new-viewer-password");
        await page.getByLabel("New password again").fill("a-new-viewer-password");
        await page.getByRole("button", { name: "Change password" }).click();
        await expect(flash(page)).toHaveText("Password changed. Other sessions ended: 1.");
        await expect(page.getByLabel("Current password")).toHaveValue("");
        await expect(sessionRows(page)).toHaveCount(1);
        await elsewhere.page.goto("/dashboard");
        await expect(elsewhere.page).toHaveURL(/\/login/);

        // The new password signs in; the old one does not.
        const signIn = await fresh.newPage();
        await signIn.goto("/login");
        await signIn.getByLabel("Email").fill("viewer@example.org");
        await signIn.getByLabel("Password").fill(PASSWORD);
        await signIn.getByRole("button", { name: "Sign in" }).click();
        await expect(signIn.getByText("That email and password do not match an active account.")).toBeVisible();
        await signIn.getByLabel("Password").fill("a-new-viewer-password");
        await signIn.getByRole("button", { name: "Sign in" }).click();
        await expect(signIn).toHaveURL(/\/dashboard/);

        // All of it is in the audit log.
        expect(server.events("user.password_changed")).toBe(1);
        expect(server.events("auth.password_check_failed")).toBe(1);
        await page.goto("/audit?action=user.password_changed");
        await expect(page.locator("tbody tr")).toHaveCount(1);
      } finally {
        await Promise.all([me.context.close(), elsewhere.context.close(), fresh.close()]);
        await server.stop();
      }
    });
  }
});
