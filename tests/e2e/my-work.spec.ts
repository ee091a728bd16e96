// Issue 12 item 7: "My work" — an analyst's landing page, milestone assignees, and following a
// proposal. Without JavaScript, as the forms must work either way.
import { expect, openProposal, screenshotPath, signInThroughUi, test } from "./fixtures";

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test.describe("my work, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an analyst lands on it, sees a late milestone of theirs and marks it done from there", async ({ page }) => {
    await signInThroughUi(page, "analyst2", "/");
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole("heading", { name: "My work", level: 1 })).toBeVisible();

    await openProposal(page, "CAJ25-22"); // analyst2's
    await page.getByText("Add a milestone").click();
    const add = page.locator("form#add-milestone");
    await add.getByLabel("Milestone title").fill("Interim report sent to the senior officials");
    await add.getByLabel("Due date").fill(isoDay(-3));
    await add.getByRole("button", { name: "Add milestone" }).click();
    await expect(page.getByRole("status")).toContainText("Milestone added");

    await page.goto("/me");
    const mine = page.locator("section").filter({ has: page.getByRole("heading", { name: "My milestones" }) });
    const late = mine.locator("li").filter({ hasText: "Interim report sent to the senior officials" });
    await expect(late).toContainText("3 days late");
    await page.screenshot({ path: screenshotPath("my-work"), fullPage: true });
    await late.getByRole("button", { name: "Mark “Interim report sent to the senior officials” done today" }).click();
    await expect(page.getByRole("status")).toContainText("“Interim report sent to the senior officials” marked done");
    await expect(mine.locator("li").filter({ hasText: "Interim report sent to the senior officials" })).toHaveCount(0);
  });

  test("a milestone assigned to a colleague is on their page, with who it is assigned to, and filters the list", async ({ page, login }) => {
    await login("analyst2");
    await openProposal(page, "CAJ25-22");
    await page.getByText("Add a milestone").click();
    const add = page.locator("form#add-milestone");
    await add.getByLabel("Milestone title").fill("Site visit with the partner agency");
    await add.getByLabel("Due date").fill(isoDay(12));
    await add.getByLabel("Assignee").selectOption({ label: "Aigerim Nurlanova" });
    await add.getByRole("button", { name: "Add milestone" }).click();
    await expect(page.getByRole("status")).toContainText("Milestone added");
    const item = page.locator(".milestones > li").filter({ hasText: "Site visit with the partner agency" });
    await expect(item).toContainText("Assigned to Aigerim Nurlanova");
    await item.getByRole("link", { name: "Assigned to Aigerim Nurlanova" }).click();
    await expect(page.locator("tbody tr").filter({ hasText: "CAJ25-22" })).toHaveCount(1);
    await expect(page.getByRole("link", { name: /Assignee: Aigerim Nurlanova/ })).toBeVisible();

    await login("analyst", { to: "/me" });
    const soon = page.locator("section").filter({ has: page.getByRole("heading", { name: "My milestones" }) });
    const theirs = soon.locator("li").filter({ hasText: "Site visit with the partner agency" });
    await expect(theirs).toContainText("Assigned to Aigerim Nurlanova");
    // Not the owner of CAJ25-22: the page offers no change it would refuse.
    await expect(theirs.getByRole("button")).toHaveCount(0);
  });

  test("a viewer watches a proposal and sees what others change on it", async ({ page, login }) => {
    await login("viewer");
    await openProposal(page, "CAJH-17"); // analyst@'s
    await page.getByRole("button", { name: "Watch" }).click();
    await expect(page.getByRole("status")).toContainText("You are watching this proposal");
    await expect(page.getByText("Watched by: Yuki Tanaka")).toBeVisible();

    await login("analyst");
    await openProposal(page, "CAJH-17");
    const post = page.locator("form#post-update");
    await post.getByLabel("Update").fill("Turbine supplier selected.");
    await post.getByRole("button", { name: "Post update" }).click();
    await expect(page.getByRole("status")).toContainText("Progress update posted");

    await login("viewer", { to: "/me" });
    const changes = page.locator("section").filter({ has: page.getByRole("heading", { name: "Changes on proposals I follow" }) });
    await expect(changes.locator("li").filter({ hasText: "Aigerim Nurlanova" }).filter({ hasText: "posted a progress update" })).toBeVisible();

    await openProposal(page, "CAJH-17");
    await page.getByRole("button", { name: "Stop watching" }).click();
    await expect(page.getByRole("status")).toContainText("You stopped watching");
  });
});

test.describe("keyboard shortcuts", () => {
  test("/ focuses the search, g then a letter goes to a page, ? lists them, and none fires while typing", async ({ page, login }) => {
    await login("analyst", { to: "/dashboard" });
    // No search on the dashboard: "/" goes to the list's.
    await page.keyboard.press("/");
    await expect(page).toHaveURL(/\/proposals\?focus=search/);
    const search = page.getByRole("searchbox").first();
    await expect(search).toBeFocused();
    // Typed into the search, "g" and "d" are letters, not a shortcut.
    await page.keyboard.type("gd");
    await expect(search).toHaveValue("gd");
    await expect(page).toHaveURL(/\/proposals/);
    await search.blur();
    // Two chords in a row across a client-side navigation. The first page's data is held back
    // for a moment: while it loads, the focus must not go back to the search (it did, from the
    // ?focus=search the list was opened with, and the second chord was typed into the box as the
    // next page came in; issue 12).
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/me\?_data=/, async (route) => {
      await held;
      await route.continue();
    });
    await page.keyboard.type("gm");
    await page.waitForTimeout(300);
    await expect(search).not.toBeFocused();
    release();
    await expect(page).toHaveURL(/\/me$/);
    await page.unroute(/\/me\?_data=/);
    // Typed as soon as the address has changed, the page perhaps not yet drawn.
    await page.keyboard.type("gb");
    // The address changes once the board's data has arrived.
    await expect(page).toHaveURL(/\/board$/, { timeout: 15_000 });
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox").first()).toBeFocused();
    await page.getByRole("searchbox").first().blur();
    await page.keyboard.press("Shift+?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Go to Dashboard");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });
});
