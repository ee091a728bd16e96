// Issue 12: nothing typed is lost. A status change on a page that went out of date keeps its
// note and says why it was not made (defect 1); a form posted twice writes once, and a form that
// posted empties itself (defect 2). With JavaScript on and off.
import type { Browser, Page } from "@playwright/test";
import { expect, openProposal, screenshotPath, test, type Login } from "./fixtures";

const statusBadge = (page: Page) => page.locator(".page-head .badge").first();
const statusPanel = (page: Page) => page.locator("form#transition");

/** Two people on one proposal page: `who` opens it first, and the manager moves it meanwhile. */
async function twoPeople(browser: Browser, login: Login, js: boolean, reference: string, who: "analyst2") {
  const mine = await browser.newContext({ javaScriptEnabled: js });
  const theirs = await browser.newContext();
  const me = await mine.newPage();
  const them = await theirs.newPage();
  await login(who, { page: me });
  await login("manager", { page: them });
  await openProposal(me, reference);
  await openProposal(them, reference);
  return { me, them, close: () => Promise.all([mine.close(), theirs.close()]) };
}

async function fillNewProposal(page: Page, title: string) {
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Area").selectOption("digital");
  await page.getByLabel("Proposing party").selectOption("KZ");
  await page.getByRole("group", { name: "Participating countries" }).getByLabel("Japan").check();
}

for (const js of [true, false]) {
  test.describe(`with JavaScript ${js ? "on" : "off"}`, () => {
    test("a status change on an out-of-date page is refused in words, shows the status now, and keeps the note", async ({ browser, login }) => {
      // Under review (CAJ25-25) and agreed (CAJ25-03), both owned by analyst2.
      const [reference, theirMove, theirStatus, myMove] = js
        ? ["CAJ25-25", /^Agree →/, "Agreed", /^Send back →/]
        : ["CAJ25-03", /^Start implementation →/, "In progress", /^Put on hold →/];
      const { me, them, close } = await twoPeople(browser, login, js, reference, "analyst2");
      try {
        await them.getByRole("button", { name: theirMove }).click();
        await expect(statusBadge(them)).toHaveText(theirStatus);

        const note = "The partner ministries asked for another round of comments.";
        await statusPanel(me).getByLabel("Note on the change").fill(note);
        await statusPanel(me).getByRole("button", { name: myMove }).click();
        const alert = statusPanel(me).getByRole("alert").first();
        await expect(alert).toContainText("Someone else changed this while you were editing");
        await expect(statusPanel(me).getByRole("alert").filter({ hasText: "The current values are" })).toContainText(`Status: ${theirStatus}`);
        await expect(statusPanel(me).getByLabel("Note on the change")).toHaveValue(note);
        // The page shows the proposal as it is now, and nothing was moved by the stale post.
        await expect(statusBadge(me)).toHaveText(theirStatus);
        if (js) await statusPanel(me).screenshot({ path: screenshotPath("stale-status-change") });
      } finally {
        await close();
      }
    });
  });
}

test.describe("a forged move", () => {
  for (const js of [true, false]) {
    test(`that the workflow does not allow is refused with its reason on the form (JavaScript ${js ? "on" : "off"})`, async ({ browser, login }) => {
      const context = await browser.newContext({ javaScriptEnabled: js });
      const page = await context.newPage();
      try {
        await login("manager", { page });
        await openProposal(page, js ? "CAJ25-22" : "CAJH-15"); // both in progress
        const button = statusPanel(page).getByRole("button").first();
        // A hand-edited page: the first button now asks for a move that does not exist.
        await button.evaluate((el) => el.setAttribute("value", "proposed"));
        await button.click();
        await expect(statusPanel(page).getByRole("alert").first()).toContainText("A proposal cannot go from in progress to proposed");
        await expect(statusBadge(page)).toHaveText("In progress");
        if (!js) await page.screenshot({ path: screenshotPath("forged-move"), fullPage: false });
      } finally {
        await context.close();
      }
    });
  }
});

test.describe("posting twice", () => {
  test("a progress update sent twice with the same page's token is written once", async ({ page, login }) => {
    await login("analyst2");
    const url = await openProposal(page, "CAJ25-19");
    const form = page.locator("form#post-update");
    const fields = Object.fromEntries(
      await form.locator("input[type=hidden]").evaluateAll((inputs) => (inputs as HTMLInputElement[]).map((i) => [i.name, i.value])),
    ) as Record<string, string>;
    expect(fields.formToken).toMatch(/^[\w-]{16,}$/);
    const body = "Sent twice by a browser retry.";
    const post = () => page.request.post(url, { form: { ...fields, health: "at_risk", body }, headers: { Origin: new URL(url).origin }, maxRedirects: 0 });
    const [first, second] = [await post(), await post()];
    expect([first.status(), second.status()]).toEqual([302, 302]);
    await page.goto(url);
    const updates = page.locator("section").filter({ has: page.getByRole("heading", { name: "Progress updates" }) });
    await expect(updates.locator(".timeline-list > li").filter({ hasText: body })).toHaveCount(1);
  });

  test("a new proposal double-clicked with JavaScript is created once", async ({ page, login }) => {
    await login("analyst", { to: "/proposals/new" });
    const title = "Double-clicked proposal";
    await fillNewProposal(page, title);
    await page.getByRole("button", { name: "Create proposal" }).dblclick();
    await expect(page.getByRole("status")).toContainText("created");
    await page.goto(`/proposals?q=${encodeURIComponent(`"${title}"`)}`);
    await expect(page.locator("tbody tr").filter({ has: page.getByRole("link", { name: title, exact: true }) })).toHaveCount(1);
  });

  test("a new proposal sent again by the browser is created once, and the repeat shows it", async ({ browser, login }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await login("analyst", { page, to: "/proposals/new" });
      const title = "Proposal the browser sent twice";
      await fillNewProposal(page, title);
      // What the browser sends, sent twice: a retry after a dropped connection, or F5 on the answer.
      const body = await page.locator("form#proposal-form").evaluate((form) => new URLSearchParams(new FormData(form as HTMLFormElement) as never).toString());
      const post = () =>
        page.request.post("/proposals/new", {
          data: body,
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(page.url()).origin },
          maxRedirects: 0,
        });
      const [first, second] = [await post(), await post()];
      expect([first.status(), second.status()]).toEqual([302, 302]);
      expect(second.headers().location).toBe(first.headers().location);
      await page.goto(second.headers().location!);
      await expect(page.getByRole("status")).toContainText("That was saved already");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      await page.goto(`/proposals?q=${encodeURIComponent(`"${title}"`)}`);
      await expect(page.locator("tbody tr").filter({ has: page.getByRole("link", { name: title, exact: true }) })).toHaveCount(1);
    } finally {
      await context.close();
    }
  });

  test("with JavaScript, a posted form empties itself and its button waits while it posts", async ({ page, login }) => {
    await login("analyst2");
    await openProposal(page, "CAJH-19");
    // Hold the post a moment, so the button's state while posting can be seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/proposals\/[^/?]+(\?.*)?$/, async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    const form = page.locator("form#post-update");
    await form.getByLabel("Update").fill("Posted once, then the form is empty.");
    await form.getByRole("button", { name: "Post update" }).click();
    await expect(form.getByRole("button", { name: "Post update" })).toBeDisabled();
    release();
    await expect(page.getByRole("status")).toContainText("Progress update posted");
    await expect(form.getByLabel("Update")).toHaveValue("");
    await expect(form.getByRole("button", { name: "Post update" })).toBeEnabled();
    await page.unroute(/\/proposals\/[^/?]+(\?.*)?$/);

    // The milestone form too.
    await page.getByText("Add a milestone").click();
    const add = page.locator("form#add-milestone");
    await add.getByLabel("Milestone title").fill("Second partner meeting held");
    await add.getByLabel("Due date").fill("2027-03-01");
    await add.getByRole("button", { name: "Add milestone" }).click();
    await expect(page.getByRole("status")).toContainText("Milestone added");
    await expect(add.getByLabel("Milestone title")).toHaveValue("");
    await expect(page.locator(".milestones > li").filter({ hasText: "Second partner meeting held" })).toHaveCount(1);
  });
});
