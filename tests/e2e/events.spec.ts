// Issue 15, events and follow-ups, as an analyst and a manager use them: the Dialogue's events
// with their proposals and documents, a proposal's quote highlighted in its paragraph, and a
// follow-up link made on the edit form (with and without JavaScript) shown both ways.
import { expect, openProposal, screenshotPath, test } from "./fixtures";
import { withDatabase } from "./support-server";

test("the events page lists the Dialogue's meetings; an event shows its proposals, status counts and hashed documents", async ({ page, login }) => {
  await login("analyst", { to: "/events" });
  const rows = page.locator("table tbody tr");
  // The four demo events (another spec of this file adds one dated after them).
  await expect(rows.filter({ hasText: /Tokyo|2004/ })).toHaveCount(4);
  const summit = rows.filter({ hasText: 'First "Central Asia + Japan" Summit' });
  await expect(summit).toContainText("20 Dec 2025");
  // Its proposals: the 25 of the report, and any other specs of the run have added to it.
  const [{ n }] = await withDatabase((db) =>
    db.all<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "Proposal" p JOIN "Summit" s ON s."id" = p."summitId" WHERE s."slug" = 'caj-summit-2025'`),
  );
  expect(Number(n)).toBeGreaterThanOrEqual(25);
  await expect(summit.locator("td").nth(2).getByRole("link")).toHaveText(String(n));
  // The sources give some meetings' year only: the year is all that is shown, and no place is made up.
  const launch = rows.filter({ hasText: "Launch of the" });
  await expect(launch).toContainText("2004");
  await expect(launch).toContainText("Place not given");
  await expect(rows.filter({ hasText: "9th Meeting of Foreign Ministers" })).toContainText("Ministerial meeting · Tokyo, Japan");
  await page.screenshot({ path: screenshotPath("events"), fullPage: true });

  await page.getByRole("link", { name: 'First "Central Asia + Japan" Summit', exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText('First "Central Asia + Japan" Summit');
  await expect(page.locator("section[aria-labelledby=event-proposals-h] tbody tr")).toHaveCount(Number(n));
  const documents = page.locator("section[aria-labelledby=event-docs-h]");
  await expect(documents).toContainText("001_919d899f44ccd421.txt");
  await expect(documents).toContainText(/SHA-256 [0-9a-f]{16}…/);
  await page.screenshot({ path: screenshotPath("event"), fullPage: true });

  // The status counts link to the list, filtered to the event and the status.
  await page.locator("section[aria-labelledby=event-details-h]").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/proposals\?summit=[a-z0-9]+&status=/);
  await expect(page.locator("table tbody tr").first()).toContainText("CAJ25-");
});

test("a proposal's quote is highlighted in its paragraph of the source document", async ({ page, login }) => {
  await login("viewer");
  await openProposal(page, "CAJ25-02");
  const quote = page.locator("figure.quote-in-context");
  await expect(quote.locator("mark.quote")).toHaveText("Readiness was expressed to host one of these future meetings in Uzbekistan.");
  // The rest of the paragraph comes with it, outside the highlight.
  await expect(quote.locator("blockquote")).toContainText("First, it was proposed to hold summits at the heads-of-state level once every two years");
  await expect(quote.locator("figcaption")).toContainText("Summit report: the first summit");
  await quote.screenshot({ path: screenshotPath("quote-in-context") });
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`follow-ups, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });
    const [earlier, later] = javaScriptEnabled ? ["CAJ25-20", "CAJ25-21"] : ["CAJ25-14", "CAJ25-18"];

    test(`a wrong reference is a field error with the input kept; a right one links ${later} to ${earlier}, shown on both pages`, async ({ page, login }) => {
      await login("manager");
      const laterUrl = (await openProposal(page, later)).split("?")[0]!;
      await page.goto(`${laterUrl}/edit`);
      await page.getByLabel("Follows up (reference)").fill("CAJ99-99");
      await page.getByLabel("How it follows up").selectOption("extends");
      await page.getByRole("button", { name: "Save changes" }).click();
      const field = page.getByLabel("Follows up (reference)");
      await expect(page.getByText("No proposal has the reference CAJ99-99.")).toBeVisible();
      await expect(field).toHaveValue("CAJ99-99");
      await expect(field).toHaveAttribute("aria-invalid", "true");

      await field.fill(earlier.toLowerCase());
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page).toHaveURL(new RegExp(`^${laterUrl}(\\?|$)`));
      const followUps = page.locator("section[aria-labelledby=followups-h]");
      await expect(followUps).toContainText(`Follows up`);
      await expect(followUps.getByRole("link", { name: earlier }).first()).toBeVisible();
      await expect(followUps).toContainText(`This proposal extends ${earlier}`);
      await expect(page.locator("section[aria-labelledby=history-h]")).toContainText(earlier);

      await followUps.getByRole("link", { name: earlier }).first().click();
      const back = page.locator("section[aria-labelledby=followups-h]");
      await expect(back).toContainText("Followed up by");
      await expect(back.getByRole("link", { name: later })).toBeVisible();
      await expect(back).toContainText(`extends ${earlier}`);
      if (javaScriptEnabled) await back.screenshot({ path: screenshotPath("follow-ups") });
    });
  });
}

test("an analyst records a new event: a missing name is a field error with the rest kept; the event page then offers to add its documents", async ({
  page,
  login,
}) => {
  await login("analyst", { to: "/events" });
  await page.getByRole("link", { name: "New event" }).click();
  await page.getByLabel("Kind").selectOption("ministerial");
  await page.getByLabel("Date", { exact: true }).fill("2026-10-01");
  await page.getByLabel("Place").fill("Almaty, Kazakhstan");
  await page.getByRole("button", { name: "Create the event" }).click();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Place")).toHaveValue("Almaty, Kazakhstan");
  await page.getByLabel("Name").fill("10th Meeting of Foreign Ministers (test)");
  await page.getByRole("button", { name: "Create the event" }).click();
  await expect(page.getByRole("status")).toContainText("Event created.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("10th Meeting of Foreign Ministers (test)");
  await expect(page.locator(".page-head")).toContainText("1 Oct 2026 · Almaty, Kazakhstan");
  await expect(page.getByRole("link", { name: "Add a document" })).toBeVisible();
  await page.goto("/events");
  await expect(page.locator("table tbody tr").first()).toContainText("10th Meeting of Foreign Ministers (test)");
});
