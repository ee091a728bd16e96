// Issue 12 items 9–11 in the browser: the account page (change password, see and end sessions),
// saved views on the list (a <details> menu, private or shared), and a manager's bulk actions
// (checkboxes, one change, a summary per record). With JavaScript on and off where it matters.
// What changes passwords or many proposals runs on a side server with a database copy of its
// own, so no other spec sees it; the rest uses the main server and the `login` fixture.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { copyOfE2eDatabase } from "../support/e2e-databases.js";
import { expect, PASSWORD, screenshotPath, signInThroughUi, test } from "./fixtures";
import { sidePort, startServer, withDatabase } from "./support-server";

const flash = (page: Page) => page.locator(".flash");
const sessionRows = (page: Page) => page.getByRole("list", { name: "Signed-in sessions" }).getByRole("listitem");

/** Full-page screenshots at 1440 and 390 px, and at 390 px one of `part` as well (to read it at full size). */
async function shoot(page: Page, name: string, part?: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: screenshotPath(`${name}-${width}`), fullPage: true });
    // Nothing is wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    if (part && width === 390) {
      const shown = page.locator(part).first();
      // A phone folds the bulk form away (app/ui/phone-fold.tsx): open the fold to see it.
      await shown.evaluate((el) => el.closest("details.phone-fold")?.setAttribute("open", ""));
      await shown.screenshot({ path: screenshotPath(`${name}-${width}-part`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** A server of this spec's own on a copy of the e2e database (tests/support/e2e-databases.js). */
async function sideServer(offset: number, name: string) {
  const copy = await copyOfE2eDatabase(`daily-tools-${name}`);
  // Nobody is signed in on the copy: the sessions earlier specs opened (the same demo users)
  // would otherwise count among "other sessions".
  await withDatabase((db) => db.run(`DELETE FROM "Session"`), copy.target);
  const server = await startServer(sidePort(offset), { DATABASE_URL: copy.url, COOKIE_SECURE: "false" });
  /** How many audit events of `action` the copy holds. */
  const events = async (action: string) =>
    Number((await withDatabase((db) => db.all<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "AuditEvent" WHERE "action" = ?`, action), copy.target))[0]!.n);
  const stop = async () => {
    await server.stop();
    await copy.drop();
  };
  return { ...server, stop, events };
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
    // Earlier specs leave sessions of this account on the shared server (one row each, ended one
    // by one below): start from this one alone, then sign in exactly one other.
    const endAll = page.getByRole("button", { name: /^End all other sessions/ });
    if ((await endAll.count()) > 0) {
      await endAll.click();
      await expect(flash(page)).toHaveText(/^Other sessions ended: \d+\.$/);
    }
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await login("analyst2", { page: otherPage });
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const noJsPage = await noJs.newPage();
    try {
      await page.goto("/account");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Timur Rakhimov");
      await expect(sessionRows(page)).toHaveCount(2);
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
        // With JavaScript, typing before the page has hydrated could be reset by it.
        await page.waitForLoadState("networkidle");
        // Refused next to the field it concerns, and nothing is sent back in a password field.
        await page.getByLabel("Current password").fill("not-the-password");
        await page.getByLabel("New password", { exact: true }).fill("a-new-viewer-password");
        await page.getByLabel("New password again").fill("a-new-viewer-password");
        await page.getByRole("button", { name: "Change password" }).click();
        await expect(page.getByText("That is not your current password.")).toBeVisible();
        await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
        if (!js) await expect(page.getByLabel("New password", { exact: true })).toHaveValue("");
        // The answer's revalidation may still re-render the form (and empty its password fields):
        // type again only once the page is quiet, as after the first load.
        await page.waitForLoadState("networkidle");
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
        expect(await server.events("user.password_changed")).toBe(1);
        expect(await server.events("auth.password_check_failed")).toBe(1);
        await page.goto("/audit?action=user.password_changed");
        await expect(page.locator("tbody tr")).toHaveCount(1);
      } finally {
        await Promise.all([me.context.close(), elsewhere.context.close(), fresh.close()]);
        await server.stop();
      }
    });
  }
});

test.describe("saved views", () => {
  const menu = (page: Page) => page.locator("details.views-menu");
  /** Opens the menu unless it is open already (it stays open after a post with JavaScript). */
  const openMenu = async (page: Page) => {
    if ((await menu(page).getAttribute("open")) === null) await menu(page).locator("summary").click();
  };

  test("save the filters and sort under a name, shared with everyone; others see and open it; a manager may delete it", async ({ browser, login, page }) => {
    await login("analyst", { to: "/proposals?status=agreed&sort=title&page=1" });
    await page.waitForLoadState("networkidle");
    await openMenu(page);
    await page.getByLabel("Name of the view").fill("Agreed, by title");
    await page.getByLabel("Share with everyone").check();
    await page.getByRole("button", { name: "Save view" }).click();
    await expect(flash(page)).toHaveText("View “Agreed, by title” saved.");
    await expect(page).toHaveURL(/\/proposals\?status=agreed&sort=title$/);
    await openMenu(page);
    const link = menu(page).getByRole("link", { name: "Agreed, by title" });
    await expect(link).toHaveAttribute("aria-current", "page");
    // Saving the same name again is refused next to the name, the menu stays open.
    await page.getByLabel("Name of the view").fill("Agreed, by title");
    await page.getByRole("button", { name: "Save view" }).click();
    await expect(page.getByText("You already have a view with this name.")).toBeVisible();
    await expect(menu(page)).toHaveAttribute("open", "");
    await shoot(page, "list-views-menu", ".views-panel");

    const viewerContext = await browser.newContext();
    const viewer = await viewerContext.newPage();
    const managerContext = await browser.newContext();
    const manager = await managerContext.newPage();
    try {
      await login("viewer", { page: viewer, to: "/proposals" });
      await openMenu(viewer);
      await expect(menu(viewer).getByText("by Aigerim Nurlanova")).toBeVisible();
      // Not the viewer's: no delete button.
      await expect(menu(viewer).getByRole("button", { name: "Delete the view “Agreed, by title”" })).toHaveCount(0);
      await menu(viewer).getByRole("link", { name: "Agreed, by title" }).click();
      await expect(viewer).toHaveURL(/status=agreed&sort=title/);
      await expect(viewer.locator("tbody tr").first()).toBeVisible();
      await expect(viewer.getByRole("columnheader", { name: /Title ▲/ })).toBeVisible();

      await login("manager", { page: manager, to: "/proposals" });
      await openMenu(manager);
      await menu(manager).getByRole("button", { name: "Delete the view “Agreed, by title”" }).click();
      await expect(flash(manager)).toHaveText("View “Agreed, by title” deleted.");
      await page.goto("/proposals");
      await expect(menu(page).getByRole("link", { name: "Agreed, by title" })).toHaveCount(0);
    } finally {
      await Promise.all([viewerContext.close(), managerContext.close()]);
    }
  });

  test("a private view, without JavaScript: only its owner sees it, and deletes it", async ({ browser, login }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    try {
      await login("analyst2", { page, to: "/proposals?health=at_risk&health=off_track&sort=health&dir=desc" });
      await openMenu(page);
      await page.getByLabel("Name of the view").fill("My worry list");
      await page.getByRole("button", { name: "Save view" }).click();
      await expect(flash(page)).toHaveText("View “My worry list” saved.");
      await openMenu(page);
      const mine = menu(page).locator(".views-group").filter({ hasText: "Only mine" });
      await expect(mine.getByRole("link", { name: "My worry list" })).toHaveAttribute(
        "href",
        "/proposals?health=at_risk&health=off_track&sort=health&dir=desc",
      );

      await login("analyst", { page: other, to: "/proposals" });
      await expect(menu(other).getByRole("link", { name: "My worry list" })).toHaveCount(0);

      await mine.getByRole("button", { name: "Delete the view “My worry list”" }).click();
      await expect(flash(page)).toHaveText("View “My worry list” deleted.");
      await expect(menu(page).getByRole("link", { name: "My worry list" })).toHaveCount(0);
    } finally {
      await Promise.all([context.close(), otherContext.close()]);
    }
  });
});

test.describe("bulk actions", () => {
  const row = (page: Page, reference: string) =>
    page.getByRole("table", { name: /^Proposals, sorted by/ }).getByRole("row", { name: new RegExp(`\\b${reference}\\b`) });
  const summary = (page: Page) => page.locator("section.bulk-summary");

  test("a manager selects all on the page and applies a move; each record is judged by the workflow and the summary says why", async ({ browser }) => {
    const server = await sideServer(62, "bulk-js");
    const { context, page } = await signedInOn(browser, server.url, "manager");
    try {
      // Proposed (CAJ25-09, -10, -13, -14) and the agreed CAJ25-03, which cannot go under review.
      const moves = await server.events("proposal.status_changed");
      const owners = await server.events("proposal.owner_changed");
      await page.goto("/proposals?status=proposed&status=agreed&sort=reference");
      await page.getByRole("checkbox", { name: "Select all proposals on this page" }).check();
      await expect(row(page, "CAJ25-10").getByRole("checkbox")).toBeChecked();
      await shoot(page, "list-bulk-bar", ".bulk-bar");
      await page.getByLabel("Move to").selectOption("under_review");
      await page.getByRole("button", { name: "Apply move" }).click();
      await expect(summary(page)).toBeVisible();
      await expect(page.getByRole("heading", { name: "What the bulk change did" })).toBeFocused();
      await expect(summary(page).getByRole("row", { name: /CAJ25-10 Done Moved Proposed → Under review\./ })).toBeVisible();
      await expect(summary(page).getByRole("row", { name: /CAJ25-03 Refused .*cannot go from agreed to under review/ })).toBeVisible();
      // One event per record moved, none for the refused one.
      const moved = await summary(page).locator("tbody tr.bulk-done").count();
      expect(moved).toBeGreaterThanOrEqual(2);
      expect((await server.events("proposal.status_changed")) - moves).toBe(moved);
      // The list behind it is as it is now, and the selection is cleared.
      await expect(row(page, "CAJ25-03").getByRole("checkbox")).not.toBeChecked();
      await expect(row(page, "CAJ25-10")).toHaveCount(0);
      await shoot(page, "list-bulk-summary", ".bulk-summary");

      // Reassign: one each through the same edit, recorded as owner changes.
      await page.goto("/proposals?status=under_review&sort=reference");
      await row(page, "CAJ25-10").getByRole("checkbox").check();
      await row(page, "CAJ25-13").getByRole("checkbox").check();
      await page.getByLabel("New owner").selectOption({ label: "Aigerim Nurlanova" });
      await page.getByRole("button", { name: "Reassign" }).click();
      await expect(summary(page).getByText("Done: 2 · unchanged: 0 · refused: 0.")).toBeVisible();
      expect((await server.events("proposal.owner_changed")) - owners).toBe(2);
    } finally {
      await context.close();
      await server.stop();
    }
  });

  test("without JavaScript: ticked rows, a refused whole (health needs a note) keeps the selection, then sets the health", async ({ browser }) => {
    const server = await sideServer(63, "bulk-nojs");
    const { context, page } = await signedInOn(browser, server.url, "manager", false);
    try {
      await page.goto("/proposals?area=education&sort=reference");
      await expect(page.getByRole("checkbox", { name: "Select all proposals on this page" })).toHaveCount(0);
      const refs = await page.locator("tbody td.ref").allTextContents();
      expect(refs.length).toBeGreaterThanOrEqual(2);
      const [first, second] = refs;
      await row(page, first).getByRole("checkbox").check();
      await row(page, second).getByRole("checkbox").check();
      await page.getByLabel("New health").selectOption("off_track");
      await page.getByRole("button", { name: "Set health" }).click();
      await expect(page.getByText("Setting the health posts a progress update: write its text in the note.")).toBeVisible();
      await expect(row(page, first).getByRole("checkbox")).toBeChecked();
      await expect(page.getByLabel("New health")).toHaveValue("off_track");
      await page.getByLabel("Note").fill("Partner ministry paused the programme");
      await page.getByRole("button", { name: "Set health" }).click();
      await expect(summary(page)).toBeVisible();
      await expect(summary(page).locator("tbody tr")).toHaveCount(2);
      await expect(summary(page).getByRole("row", { name: new RegExp(`${first} (Done|Unchanged)`) })).toBeVisible();
      await page.goto("/proposals?area=education&health=off_track");
      await expect(row(page, first)).toBeVisible();
      await expect(row(page, second)).toBeVisible();
    } finally {
      await context.close();
      await server.stop();
    }
  });

  test("are for managers only: an analyst gets no checkboxes, and a forged post is refused", async ({ login, page }) => {
    await login("analyst", { to: "/proposals" });
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Apply move" })).toHaveCount(0);
    const answer = await page.request.post("/proposals?index", {
      form: { intent: "bulk", op: "transition", to: "dropped", ids: "x", note: "forged" },
      headers: { Origin: new URL(page.url()).origin },
      maxRedirects: 0,
    });
    expect(answer.status()).toBe(403);
  });
});
