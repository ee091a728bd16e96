// Issue 12 item 8: comments on a proposal, with @mentions (autocomplete with JavaScript, a plain
// select without), edited by their author, on a phone too. Specs share one database: every
// comment here carries a text of its own run, and nothing counts what others wrote.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, openProposal, screenshotPath, test } from "./fixtures";

const REFERENCE = "CAJ25-12";
const run = Date.now().toString(36);
const comments = (page: Page) => page.locator("section.comments");
const commentWith = (page: Page, text: string) => comments(page).locator(".comment").filter({ hasText: text });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include("section.comments").analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

test.describe("comments, with JavaScript", () => {
  test("typing @ and letters offers people; the keyboard chooses one; the post is written once, the form empties, and the author may edit it", async ({
    page,
    login,
  }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await login("analyst2"); // not the owner of CAJ25-12: any analyst comments
    await openProposal(page, REFERENCE);
    // With JavaScript, typing before the page has hydrated could be reset by it.
    await page.waitForLoadState("networkidle");
    const form = page.locator("form#add-comment");
    const body = form.getByLabel("Your comment");
    await expect(form.getByText("Type @ and a few letters of a name to mention someone.")).toBeVisible();

    await body.pressSequentially(`Budget line agreed ${run}; over to @a`);
    // Everyone with a name starting "a" (other specs may have added people: read, not assumed).
    const list = page.getByRole("listbox", { name: "People to mention" });
    const options = list.getByRole("option");
    await expect(list).toContainText("@Aigerim Nurlanova");
    await expect(list).toContainText("@Alisher Tursunov");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    expect(await seriousViolations(page)).toEqual([]);
    await body.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(body).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
    const chosen = (await options.nth(1).textContent())!.slice(1);
    await body.press("Enter");
    await expect(list).toHaveCount(0);
    await body.pressSequentially("for sign-off.");
    await expect(body).toHaveValue(`Budget line agreed ${run}; over to @${chosen} for sign-off.`);
    const mentions = form.getByLabel("Mention people");
    await expect(mentions.locator("option:checked")).toHaveText([chosen]);
    // Escape closes the list without choosing.
    await body.pressSequentially(" @ke");
    await expect(options.first()).toHaveText("@Kenji Sato");
    await body.press("Escape");
    await expect(list).toHaveCount(0);
    await body.press("Backspace");
    await body.press("Backspace");
    await body.press("Backspace");
    await body.press("Backspace");

    // Slow the post down: its button is disabled while it is on its way.
    await page.route(/\/proposals\/[^/?]+\?/, async (route) => {
      if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    const post = form.getByRole("button", { name: "Post comment" });
    await post.click();
    await expect(post).toBeDisabled();
    await expect(page.getByRole("status").filter({ hasText: "Comment posted." })).toBeVisible();
    await page.unroute(/\/proposals\/[^/?]+\?/);
    await expect(post).toBeEnabled();
    await expect(body).toHaveValue("");
    await expect(mentions.locator("option:checked")).toHaveCount(0);

    const mine = commentWith(page, `Budget line agreed ${run}`);
    await expect(mine).toHaveCount(1);
    await expect(mine.locator(".comment-head")).toContainText("Timur Rakhimov");
    await expect(mine.locator(".comment-body mark.mention")).toHaveText(`@${chosen}`);
    await expect(mine.locator(".comment-mentions")).toContainText(`Mentioned: @${chosen}`);
    // Newest last.
    await expect(comments(page).locator(".comment").last()).toContainText(`Budget line agreed ${run}`);

    // The author edits it while the window is open; it is marked edited.
    await mine.getByText(/^Edit your comment/).click();
    const edit = mine.locator("form");
    await edit.getByLabel("Comment").fill(`Budget line agreed ${run}; over to @${chosen} for sign-off by Friday.`);
    await edit.getByRole("button", { name: "Save comment" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Comment saved." })).toBeVisible();
    await expect(commentWith(page, "by Friday")).toContainText("(edited)");
    // Saved meanwhile from another tab (a stale version): 409, the text saved now, and what was typed kept.
    const again = commentWith(page, "by Friday");
    // The edit disclosure may still be open from the save before.
    await again.locator("details").evaluate((d: HTMLDetailsElement) => (d.open = true));
    await again.locator('input[name="version"]').evaluate((input: HTMLInputElement) => (input.value = String(Number(input.value) + 1000)));
    await again.locator("form").getByLabel("Comment").fill(`Typed in a stale tab ${run}`);
    await again.getByRole("button", { name: "Save comment" }).click();
    await expect(again.getByRole("alert").filter({ hasText: "The current values are:" })).toContainText("by Friday");
    await expect(again.locator("form").getByLabel("Comment")).toHaveValue(`Typed in a stale tab ${run}`);
    expect(errors).toEqual([]);
  });
});

test.describe("comments, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a manager picks the mention in the plain select and posts; an empty comment is a field error; a viewer reads but cannot comment", async ({
    page,
    login,
  }) => {
    await login("manager");
    await openProposal(page, REFERENCE);
    const form = page.locator("form#add-comment");
    // No autocomplete without JavaScript, so no hint about it.
    await expect(form.getByText("Type @ and a few letters")).toHaveCount(0);

    await form.getByRole("button", { name: "Post comment" }).click();
    await expect(form.getByText("Comment is required.")).toBeVisible();
    await expect(form.getByLabel("Your comment")).toHaveAttribute("aria-invalid", "true");

    await form.getByLabel("Your comment").fill(`Minutes of the working group ${run} are attached to the file.`);
    await form.getByLabel("Mention people").selectOption([{ label: "Timur Rakhimov" }, { label: "Yuki Tanaka" }]);
    await form.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("status")).toContainText("Comment posted.");
    const posted = commentWith(page, `Minutes of the working group ${run}`);
    await expect(posted.locator(".comment-head")).toContainText("Kenji Sato");
    await expect(posted.locator(".comment-mentions mark.mention")).toHaveText(["@Timur Rakhimov", "@Yuki Tanaka"]);
    await expect(page.locator("form#add-comment").getByLabel("Your comment")).toHaveValue("");

    await login("viewer");
    await openProposal(page, REFERENCE);
    await expect(commentWith(page, `Minutes of the working group ${run}`)).toBeVisible();
    // The viewer is mentioned: their own mention stands out.
    await expect(commentWith(page, `Minutes of the working group ${run}`).locator("mark.mention-me")).toHaveText("@Yuki Tanaka");
    await expect(page.locator("form#add-comment")).toHaveCount(0);
    await expect(comments(page)).toContainText("Viewers read the comments but cannot add to them.");
    await expect(comments(page).getByText(/^Edit your comment/)).toHaveCount(0);
  });
});

test.describe("comments on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the section reads without sideways scrolling, the suggestions included; screenshots at 390 and 1440 px", async ({ page, login }) => {
    await login("analyst");
    await openProposal(page, REFERENCE);
    await page.waitForLoadState("networkidle");
    const form = page.locator("form#add-comment");
    await form.getByLabel("Your comment").fill(`A long word ${"x".repeat(120)} and a phone check ${run}.`);
    await form.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Comment posted." })).toBeVisible();
    await form.getByLabel("Your comment").pressSequentially("Asking @t");
    const list = page.getByRole("listbox", { name: "People to mention" });
    for (const name of ["@Alisher Tursunov", "@Timur Rakhimov", "@Yuki Tanaka"]) await expect(list).toContainText(name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await comments(page).screenshot({ path: screenshotPath("comments-390") });
    await page.screenshot({ path: screenshotPath("comments-page-390"), fullPage: true });

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await comments(page).screenshot({ path: screenshotPath("comments-1440") });
    await page.screenshot({ path: screenshotPath("comments-page-1440"), fullPage: true });
  });
});
