import type { Page } from "@playwright/test";
import { pdfBytes } from "../support/evidence-files";
import { expect, openProposal, screenshotPath, test } from "./fixtures";

// Each flow runs with JavaScript on and off, on different proposals so the runs do not meet.
const MODES = [
  { js: true, own: "CAJ25-09", ownerWho: "analyst", ownerName: "Aigerim Nurlanova", agree: "CAJ25-08", conflict: "CAJ25-15", errors: "CAJ25-16" },
  { js: false, own: "CAJ25-13", ownerWho: "analyst2", ownerName: "Timur Rakhimov", agree: "CAJ25-12", conflict: "CAJ25-17", errors: "CAJ25-11" },
] as const;

async function transition(page: Page, button: RegExp, note?: string) {
  const form = page.locator("form.transition-form").filter({ has: page.getByRole("button", { name: button }) });
  if (note !== undefined) await form.getByRole("textbox").fill(note);
  await form.getByRole("button", { name: button }).click();
}

for (const mode of MODES) {
  test.describe(`workflow with JavaScript ${mode.js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: mode.js });

    test("an analyst reviews an owned proposal, adds and completes a milestone, posts an update, and sees it all in the history", async ({ page, login }) => {
      await login(mode.ownerWho);
      await openProposal(page, mode.own);
      await transition(page, /Start review/);
      await expect(page.getByRole("status")).toContainText("Status changed to Under review");
      await expect(page.locator(".page-head .badge").first()).toHaveText("Under review");

      const add = page.locator("form#add-milestone");
      await page.getByText("Add a milestone").click();
      await add.getByLabel("Milestone title").fill("Terms of reference drafted");
      await add.getByLabel("Due date").fill("2027-01-15");
      await add.getByRole("button", { name: "Add milestone" }).click();
      await expect(page.getByRole("status")).toContainText("Milestone added");

      await page.getByText("Update “Terms of reference drafted”").click();
      const edit = page
        .locator("form")
        .filter({ has: page.locator('input[name="intent"][value="edit-milestone"]') })
        .filter({ has: page.locator('input[value="Terms of reference drafted"]') });
      await edit.getByLabel("Status").selectOption("done");
      await edit.getByLabel("Note").fill("Signed by both ministries.");
      // Done without a date: refused, the message next to the field, what was typed kept, and
      // (with JavaScript) focus on the field to fix (the form is plain HTML until it is opened:
      // lib/forms.ts, quietForm).
      await edit.getByRole("button", { name: "Save milestone" }).click();
      await expect(edit.locator(".field-error")).toContainText("date");
      await expect(edit.getByLabel("Completed on")).toHaveAttribute("aria-invalid", "true");
      if (mode.js) await expect(edit.getByLabel("Completed on")).toBeFocused();
      await expect(edit.getByLabel("Status")).toHaveValue("done");
      await expect(edit.getByLabel("Note")).toHaveValue("Signed by both ministries.");
      await edit.getByLabel("Completed on").fill("2026-11-20");
      await edit.getByRole("button", { name: "Save milestone" }).click();
      await expect(page.getByRole("status")).toContainText("Milestone saved");

      const post = page.locator("form#post-update");
      await post.getByLabel("Health").selectOption("at_risk");
      await post.getByLabel("Update").fill("Waiting for the partner ministries' comments.");
      await post.getByRole("button", { name: "Post update" }).click();
      await expect(page.getByRole("status")).toContainText("Progress update posted");
      await expect(page.locator(".page-head .health")).toHaveText("At risk");

      const history = page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) });
      for (const words of ["changed the status", "added a milestone", "completed a milestone", "posted a progress update"]) {
        await expect(history.locator("li").filter({ hasText: words }).filter({ hasText: mode.ownerName }).first()).toBeVisible();
      }
      await expect(history).toContainText("Under review");
      if (mode.js) await page.screenshot({ path: screenshotPath("proposal-after-workflow"), fullPage: true });
    });

    test("an analyst cannot change a proposal owned by someone else", async ({ page, login }) => {
      const other = mode.ownerWho === "analyst" ? "analyst2" : "analyst";
      await login(other);
      const url = await openProposal(page, mode.own === "CAJ25-09" ? "CAJ25-05" : "CAJ25-04");
      await expect(page.getByRole("link", { name: "Edit fields" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: /→/ })).toHaveCount(0);
      await expect(page.locator("form#post-update")).toHaveCount(0);
      const id = new URL(url).pathname.split("/").pop();
      const edit = await page.goto(`/proposals/${id}/edit`);
      expect(edit?.status()).toBe(403);
      // A hand-made POST is refused too, and changes nothing.
      const origin = new URL(url).origin;
      const forged: Record<string, string>[] = [
        { intent: "transition", to: "on_hold", note: "forged", version: "1" },
        { intent: "post-update", health: "off_track", body: "forged" },
      ];
      for (const form of forged) {
        const res = await page.request.post(`/proposals/${id}`, { form, headers: { Origin: origin }, maxRedirects: 0 });
        expect(res.status()).toBe(403);
      }
      await page.goto(`/proposals/${id}`);
      await expect(page.getByText("forged")).toHaveCount(0);
    });

    test("a manager agrees a proposal and later completes it once no milestone is planned and it has evidence", async ({ page, login }) => {
      await login("manager");
      await openProposal(page, mode.agree);
      await transition(page, /Agree/);
      await expect(page.locator(".page-head .badge").first()).toHaveText("Agreed");
      await transition(page, /Start implementation/);
      await expect(page.locator(".page-head .badge").first()).toHaveText("In progress");

      await transition(page, /Complete/, "Delivered ahead of the second summit.");
      await expect(page.getByRole("alert").first()).toContainText("still planned");
      // The note typed is kept.
      const completeForm = page.locator("form#transition");
      await expect(completeForm.getByRole("textbox")).toHaveValue("Delivered ahead of the second summit.");

      // Settle every planned milestone, then complete.
      for (;;) {
        const planned = page.locator(".milestones > li").filter({ has: page.locator(".ms-planned, .ms-overdue") });
        if ((await planned.count()) === 0) break;
        const item = planned.first();
        await item.locator("summary").click();
        await item.getByLabel("Status").selectOption("done");
        await item.getByLabel("Completed on").fill("2026-11-21");
        await item.getByRole("button", { name: "Save milestone" }).click();
        await expect(page.getByRole("status")).toContainText("Milestone saved");
      }
      // No evidence yet: refused, saying what is missing, the note kept.
      await transition(page, /Complete/, "All milestones settled.");
      await expect(page.getByRole("alert").first()).toContainText("Cannot complete without evidence");
      await expect(completeForm.getByRole("textbox")).toHaveValue("All milestones settled.");

      // A PDF as evidence, through the evidence form (multipart, with and without JavaScript).
      await page.getByRole("link", { name: "Add evidence" }).click();
      await expect(page.getByRole("heading", { name: "Add evidence" })).toBeVisible();
      await page
        .getByLabel("File", { exact: true })
        .setInputFiles({ name: `final-report-${mode.agree}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(await pdfBytes()) });
      await page.getByLabel("Title").fill("Final report of the working group");
      await page.getByRole("button", { name: "Add evidence" }).click();
      await expect(page.getByRole("status")).toContainText("Evidence “Final report of the working group” added");
      const evidence = page.locator("section#evidence");
      await expect(evidence.getByRole("link", { name: "Final report of the working group" })).toHaveAttribute("href", /^\/evidence\/\w+\/file$/);
      await expect(evidence).toContainText(`final-report-${mode.agree}.pdf`);

      await transition(page, /Complete/, "All milestones settled.");
      await expect(page.locator(".page-head .badge").first()).toHaveText("Completed");
      await expect(page.locator("section").filter({ has: page.getByRole("heading", { name: "History" }) })).toContainText("All milestones settled.");
    });

    test("two people edit the same proposal: the second gets the conflict view with their input intact", async ({ browser, login }) => {
      const a = await browser.newContext({ javaScriptEnabled: mode.js });
      const b = await browser.newContext({ javaScriptEnabled: mode.js });
      const pa = await a.newPage();
      const pb = await b.newPage();
      await login(mode.ownerWho === "analyst" ? "analyst" : "analyst2", { page: pa });
      await login("manager", { page: pb });
      const url = await openProposal(pa, mode.conflict);
      const editUrl = `${url.split("?")[0]}/edit`;
      await pa.goto(editUrl);
      await pb.goto(editUrl);
      await pa.getByLabel("Lead organisation").fill("Saved first by the owner");
      await pa.getByRole("button", { name: "Save changes" }).click();
      await expect(pa.getByRole("status")).toContainText("Proposal saved");

      await pb.getByLabel("Summary").fill("The manager's careful rewrite of the summary.");
      await pb.getByRole("button", { name: "Save changes" }).click();
      await expect(pb.getByRole("heading", { name: /Someone else saved this proposal/ })).toBeVisible();
      await expect(pb.getByRole("cell", { name: "Saved first by the owner" })).toBeVisible();
      await expect(pb.getByLabel("Summary")).toHaveValue("The manager's careful rewrite of the summary.");
      // The field the manager did not touch now holds the owner's saved value, not the stale one.
      await expect(pb.getByLabel("Lead organisation")).toHaveValue("Saved first by the owner");
      if (mode.js) await pb.screenshot({ path: screenshotPath("conflict-view"), fullPage: true });
      // Saving again applies on top of the current version, keeping both changes.
      await pb.getByRole("button", { name: "Save changes" }).click();
      await expect(pb.getByRole("status")).toContainText("Proposal saved");
      const summary = pb.locator("section").filter({ has: pb.getByRole("heading", { name: "Summary" }) });
      await expect(summary).toContainText("The manager's careful rewrite of the summary.");
      await expect(pb.locator(".meta-list")).toContainText("Saved first by the owner");
      await a.close();
      await b.close();
    });

    test("an empty or over-long title shows a field error and keeps the input", async ({ page, login }) => {
      await login("manager");
      const url = await openProposal(page, mode.errors);
      await page.goto(`${url.split("?")[0]}/edit`);
      const title = page.getByLabel("Title");
      await title.fill("");
      await page.getByLabel("Lead organisation").fill("Kept while the title is wrong");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.locator(`#${await title.getAttribute("aria-describedby").then((v) => v?.split(" ").find((x) => x.includes("error")))}`)).toHaveText(
        "Title is required.",
      );
      await expect(page.getByLabel("Lead organisation")).toHaveValue("Kept while the title is wrong");
      await expect(title).toHaveAttribute("aria-invalid", "true");

      await title.fill("x".repeat(201));
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByText("Title must be at most 200 characters.")).toBeVisible();
      await expect(title).toHaveValue("x".repeat(201));
      if (!mode.js) await page.screenshot({ path: screenshotPath("field-errors-no-js"), fullPage: true });
    });
  });
}
