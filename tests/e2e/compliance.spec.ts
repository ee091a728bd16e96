// Compliance assessment (issue 16), with JavaScript on and off: a manager opens a round, scores a
// party +1 with an uploaded PDF as evidence (refused first without any), sees the matrix and the
// party's scorecard change, closes the round and finds its scores locked.
import { pdfBytes } from "../support/evidence-files";
import { expect, screenshotPath, test } from "./fixtures";

const MODES = [
  { js: true, round: "E2E round with JavaScript", cutoff: "2026-11-30", reference: "CAJ25-23" },
  { js: false, round: "E2E round without JavaScript", cutoff: "2026-12-31", reference: "CAJ25-04" },
] as const;

for (const mode of MODES) {
  test.describe(`compliance with JavaScript ${mode.js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: mode.js });

    test("open a round, score a party +1 with an uploaded PDF, see the matrix and scorecard change, close the round", async ({ page, login }) => {
      await login("manager", { to: "/compliance" });
      const open = page.locator("form#open-round");
      await open.getByLabel("Name").fill(mode.round);
      await open.getByLabel("Kind").selectOption("interim");
      await open.getByLabel("Cut-off date").fill(mode.cutoff);
      await open.getByRole("button", { name: "Open round" }).click();
      await expect(page.getByRole("status")).toContainText(`Round “${mode.round}” opened`);
      await expect(page.locator(".page-head")).toContainText(mode.round);
      const roundPage = page.url();

      const row = page.locator("table.matrix tbody tr").filter({ hasText: mode.reference });
      // Not scored yet: the cell says so in words for a screen reader.
      await expect(row.locator("td.score-cell").first()).toContainText("not scored");
      await row.getByRole("link", { name: `Score ${mode.reference}` }).click();
      await expect(page.getByRole("heading", { name: `Score ${mode.reference}` })).toBeVisible();

      const japan = page.locator("section#party-JP");
      await japan.getByLabel("+1 · full compliance").check();
      await japan.getByLabel("Rationale").fill("Japan's grant agreement signed and the first tranche transferred.");
      await japan.getByRole("button", { name: "Save the score for Japan" }).click();
      // +1 without evidence: refused next to the evidence, the input kept.
      await expect(japan.locator(".field-error")).toContainText("A score of +1 needs evidence");
      await expect(japan.getByLabel("Rationale")).toHaveValue("Japan's grant agreement signed and the first tranche transferred.");
      await expect(japan.getByLabel("+1 · full compliance")).toBeChecked();

      if (!(await japan.locator("details").getAttribute("open"))) await japan.locator("details > summary").click();
      await japan.getByLabel("File", { exact: true }).setInputFiles({
        name: `grant-agreement-${mode.reference}.pdf`,
        mimeType: "application/pdf",
        buffer: Buffer.from(await pdfBytes("Grant agreement, signed 2026-09-15.")),
      });
      await japan.getByLabel("Title").fill(`Grant agreement for ${mode.reference}`);
      await japan.getByRole("button", { name: "Save the score for Japan" }).click();
      await expect(page.getByRole("status")).toContainText("Score for Japan saved");
      await expect(page.locator("section#party-JP")).toContainText("+1");
      await page.screenshot({ path: screenshotPath(`compliance-score-${mode.js ? "js" : "nojs"}`), fullPage: true });

      // The matrix: the cell is +1, Japan's average in this round is 100 %.
      await page.getByRole("link", { name: "Back to the matrix" }).click();
      const scored = page.locator("table.matrix tbody tr").filter({ hasText: mode.reference });
      await expect(scored.locator("td.score-cell").first()).toContainText("+1");
      await expect(scored.locator("td.score-cell").first()).toContainText("full compliance");
      const japanRow = page
        .locator("section")
        .filter({ has: page.getByRole("heading", { name: "Average by party" }) })
        .getByRole("row", { name: /Japan/ });
      await expect(japanRow).toContainText("100 %");
      await page.screenshot({ path: screenshotPath(`compliance-matrix-${mode.js ? "js" : "nojs"}`), fullPage: true });

      // The scorecard: the round is in the trend, the commitment scored +1 with the PDF as evidence.
      await page.goto("/countries/JP");
      await expect(page.getByRole("heading", { name: "Japan: compliance scorecard" })).toBeVisible();
      await expect(page.locator("section").filter({ has: page.getByRole("heading", { name: "Compliance over rounds" }) })).toContainText(mode.round);
      const commitment = page.locator("table.scorecard tbody tr").filter({ hasText: mode.reference });
      await expect(commitment).toContainText("+1 · full compliance");
      await expect(commitment.getByRole("link", { name: `Grant agreement for ${mode.reference}` })).toHaveAttribute("href", /^\/evidence\/\w+\/file$/);
      await page.screenshot({ path: screenshotPath(`scorecard-${mode.js ? "js" : "nojs"}`), fullPage: true });

      // Close the round: the score page offers no form, and a forged post is refused.
      await page.goto(roundPage);
      await page.getByRole("button", { name: "Close this round" }).click();
      await expect(page.getByRole("status")).toContainText(`Round “${mode.round}” closed`);
      await expect(page.getByText("This round is closed: its scores are locked.")).toBeVisible();
    });
  });
}

test("exports of the latest round: CSV with numbers a spreadsheet can average, JSON with the method", async ({ page, login }) => {
  await login("viewer", { to: "/compliance" });
  const csvHref = await page.getByRole("link", { name: "CSV", exact: true }).getAttribute("href");
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="compliance-.*\.csv"$/);
  const text = await csv.text();
  expect(text.split(/\r?\n/)[0].replace(/^\uFEFF/, "")).toBe("round,round_kind,cutoff,reference,title,area,country,score,state,rationale,evidence_items");
  const json = await (await page.request.get(csvHref!.replace("format=csv", "format=json"))).json();
  expect(json.method.percent).toBe("(average + 1) / 2 × 100");
  expect(Object.keys(json.byCountry)).toEqual(["JP", "KZ", "KG", "TJ", "TM", "UZ"]);
});
