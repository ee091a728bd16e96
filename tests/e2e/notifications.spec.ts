// Issue 17, end to end on the real build: an assignment made on the edit page reaches the new
// owner's inbox (the header's count, the item's link, mark read, all read), its e-mail is written
// to the outbox folder with a List-Unsubscribe link that works without signing in (the page and
// a mail client's one-click POST), and the account's e-mail setting and calendar feed work
// without JavaScript, the feed served as iCalendar and gone once revoked.
import fs from "node:fs";
import path from "node:path";
import { E2E_OUTBOX_DIR } from "../support/e2e-env.js";
import { expect, openProposal, screenshotPath, test } from "./fixtures";

/** The .eml files the server has written to the outbox folder, newest last. */
function outbox(): { name: string; text: string }[] {
  if (!fs.existsSync(E2E_OUTBOX_DIR)) return [];
  return fs
    .readdirSync(E2E_OUTBOX_DIR)
    .filter((f) => f.endsWith(".eml"))
    .map((name) => ({ name, text: fs.readFileSync(path.join(E2E_OUTBOX_DIR, name), "utf8"), at: fs.statSync(path.join(E2E_OUTBOX_DIR, name)).mtimeMs }))
    .sort((a, b) => a.at - b.at);
}

test("an assignment goes from the edit page to the new owner's inbox and e-mail", async ({ page, login, browser }) => {
  await login("manager");
  const proposalUrl = new URL(await openProposal(page, "CAJ25-06")).pathname;
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await page.goto(`${proposalUrl}/edit`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Owner").selectOption({ label: "Timur Rakhimov" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("saved");

  await login("analyst2", { to: "/me" });
  const inboxLink = page.getByRole("link", { name: /^Inbox, \d+ unread$/ });
  await expect(inboxLink).toBeVisible();
  const before = Number(/(\d+) unread/.exec((await inboxLink.getAttribute("aria-label"))!)![1]);
  await inboxLink.click();
  await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  const sentence = `Kenji Sato made you the owner of CAJ25-06 “${title}”.`;
  const item = page.locator(".inbox-item").filter({ hasText: sentence });
  await expect(item).toHaveCount(1);
  await expect(item).toHaveClass(/unread/);
  await expect(item).toContainText("Unread");
  await page.screenshot({ path: screenshotPath("inbox"), fullPage: true });

  // The link leads to the proposal; marking it read lowers the count by one.
  await item.getByRole("link", { name: sentence }).click();
  await expect(page).toHaveURL(new RegExp(`${proposalUrl}$`));
  await page.goto("/inbox");
  await page.locator(".inbox-item").filter({ hasText: sentence }).getByRole("button", { name: "Mark read" }).click();
  await expect(page.getByRole("status")).toContainText("Marked read.");
  await expect(page.locator(".inbox-item").filter({ hasText: sentence })).not.toHaveClass(/unread/);
  if (before > 1) await expect(page.getByRole("link", { name: `Inbox, ${before - 1} unread` })).toBeVisible();
  else await expect(page.getByRole("link", { name: "Inbox", exact: true })).toBeVisible();
  await page.goto("/inbox?show=unread");
  await expect(page.locator(".inbox-item").filter({ hasText: sentence })).toHaveCount(0);

  // Its e-mail: queued in the change's transaction, written within seconds by the scheduler.
  await expect
    .poll(() => outbox().find((m) => m.text.includes("To: analyst2@example.org") && m.text.includes("CAJ25-06")), { timeout: 45_000, intervals: [1000] })
    .toBeTruthy();
  const mail = outbox().find((m) => m.text.includes("To: analyst2@example.org") && m.text.includes("CAJ25-06"))!;
  const unfolded = mail.text.replace(/\r?\n[ \t]+/g, " ");
  expect(unfolded).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  const link = /List-Unsubscribe: <(http[^>]+)>/.exec(unfolded)![1];
  expect(link).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

  // The link works without signing in: a page that asks, then the button.
  const anonymous = await browser.newContext({ javaScriptEnabled: false });
  const visitor = await anonymous.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "Unsubscribe from e-mail" })).toBeVisible();
  await expect(visitor.getByText("Stop all e-mail from Summit Tracker to analyst2@example.org?")).toBeVisible();
  await visitor.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(visitor.getByRole("status")).toContainText("Summit Tracker sends no more e-mail to analyst2@example.org");
  // A forged token is not one.
  const forged = await visitor.goto(link.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
  expect(forged?.status()).toBe(404);
  await expect(visitor.getByRole("alert")).toContainText("This unsubscribe link is not valid");
  // The account shows e-mail as off. Turned on again, a mail client's one-click POST (RFC 8058)
  // turns it off as well.
  await page.goto("/account");
  await expect(page.getByRole("radio", { name: "Never" })).toBeChecked();
  await page.getByRole("radio", { name: "At once, one message each" }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").first()).toContainText("Your e-mail setting is saved.");
  const oneClick = await anonymous.request.post(link, { form: { "List-Unsubscribe": "One-Click" } });
  expect(oneClick.status()).toBe(200);
  await anonymous.close();
  await page.reload();
  await expect(page.getByRole("radio", { name: "Never" })).toBeChecked();

  // Another change reaches the inbox; "Mark all read" clears the count.
  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();
  await login("manager", { page: managerPage, to: proposalUrl });
  await managerPage.getByLabel("Update", { exact: true }).fill("The partner institutes confirmed the Forum's first agenda.");
  await managerPage.getByRole("button", { name: "Post update" }).click();
  await expect(managerPage.getByRole("status")).toContainText("posted");
  await managerContext.close();
  await page.goto("/inbox");
  await expect(page.locator(".inbox-item.unread").filter({ hasText: "Kenji Sato posted a progress update on CAJ25-06" })).toHaveCount(1);
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByRole("status")).toContainText("All notifications marked read.");
  await expect(page.locator(".inbox-item.unread")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Inbox", exact: true })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the e-mail setting is saved, and a calendar feed is made, served as iCalendar and revoked", async ({ page, login }) => {
    await login("analyst", { to: "/account" });
    await page.getByRole("radio", { name: "A weekly digest (Mondays)" }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").first()).toContainText("Your e-mail setting is saved.");
    await expect(page.getByRole("radio", { name: "A weekly digest (Mondays)" })).toBeChecked();

    await page.getByRole("button", { name: "Make a feed address" }).click();
    const address = page.getByLabel("Your feed address (shown only now)");
    await expect(address).toBeVisible();
    const feed = await address.inputValue();
    expect(feed).toMatch(/^http:\/\/localhost:\d+\/calendar\/[A-Za-z0-9_-]{32}\.ics$/);
    await page.screenshot({ path: screenshotPath("account-mail-calendar"), fullPage: true });
    const answer = await page.request.get(feed, { headers: { Cookie: "" } });
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-type"]).toMatch(/^text\/calendar/);
    const ics = await answer.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain("BEGIN:VEVENT");

    await page.goto("/account");
    await expect(page.getByText(/A feed is active since/)).toBeVisible();
    await page.getByRole("button", { name: "Revoke the feed" }).click();
    await expect(page.getByRole("status").first()).toContainText("The calendar feed is revoked");
    expect((await page.request.get(feed)).status()).toBe(404);
  });
});
