// Issue 15, the intake as an analyst uses it: an outcome document made by the test itself (a DOCX
// with JavaScript on, a PDF with it off) uploaded to an event, its candidates reviewed and
// accepted, and the new proposals found in the list with their quotes highlighted; files the
// intake cannot read (wrong type, empty, encrypted, 21 MB) answered next to the field, with what
// was typed kept and nothing stored.
import fs from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Page } from "@playwright/test";
import { expect, screenshotPath, test } from "./fixtures";
import { withDatabase } from "./support-server";

const EVENT = "9th Meeting of Foreign Ministers";

/** A short outcome statement: two commitments and a sentence of background. */
const PARAGRAPHS = (topic: string) => [
  `Joint statement on ${topic}`,
  "The ministers reviewed the progress of cooperation since the first summit.",
  `It was proposed to establish a Central Asia – Japan Centre for ${topic} in Almaty next year.`,
  `The parties agreed to hold the first forum on ${topic} in Tokyo in 2027.`,
];

async function docxFile(topic: string) {
  const doc = new Document({ sections: [{ children: PARAGRAPHS(topic).map((text) => new Paragraph({ text })) }] });
  return Buffer.from(await Packer.toBuffer(doc));
}

async function pdfFile(topic: string) {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  let y = 780;
  // One paragraph to a line block; the Centre's dash drawn as a hyphen (Helvetica's WinAnsi has "–" too, but keep it plain).
  for (const line of PARAGRAPHS(topic)) {
    page.drawText(line.replace("–", "-"), { x: 50, y, size: 11, font, maxWidth: 495, lineHeight: 14 });
    y -= 48;
  }
  return Buffer.from(await pdf.save());
}

const documentsCount = () => withDatabase(async (db) => Number((await db.all<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "SourceDocument"`))[0].n));

async function openUpload(page: Page) {
  await page.goto("/events");
  await page
    .getByRole("link", { name: new RegExp(EVENT) })
    .first()
    .click();
  await page.getByRole("link", { name: "Add a document" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add an outcome document");
}

for (const javaScriptEnabled of [true, false]) {
  const kind = javaScriptEnabled ? "DOCX" : "PDF";
  const topic = javaScriptEnabled ? "Water Resources" : "Glacier Monitoring";
  test.describe(`intake, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test(`a ${kind} is read into candidates; accepted ones become proposals of the event with their quotes highlighted`, async ({ page, login }) => {
      test.setTimeout(90_000);
      await login("analyst");
      await openUpload(page);
      const bytes = javaScriptEnabled ? await docxFile(topic) : await pdfFile(topic);
      await page.getByLabel("File (PDF, DOCX, HTML or text)").setInputFiles({
        name: `statement.${kind.toLowerCase()}`,
        mimeType: javaScriptEnabled ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/pdf",
        buffer: bytes,
      });
      await page.getByLabel("Document title").fill(`Joint statement on ${topic}`);
      await page.getByRole("button", { name: "Read the document" }).click();
      await expect(page.getByRole("status")).toContainText("Document stored and read: 2 candidates to review.");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Joint statement on ${topic}`);

      const cards = page.locator("li.candidate");
      await expect(cards).toHaveCount(2);
      // The background sentence is no candidate; both commitments are, highlighted in the document.
      await expect(page.locator(".document-text mark.span-candidate")).toHaveCount(2);
      const centre = cards.filter({ hasText: `Centre for ${topic}` });
      const forum = cards.filter({ hasText: `forum on ${topic}` });
      await expect(centre.getByLabel("Target date")).toHaveValue("2023-12-31");
      await expect(forum.getByLabel("Target date")).toHaveValue("2027-12-31");
      if (javaScriptEnabled) await page.screenshot({ path: screenshotPath("intake-review"), fullPage: true });

      // Accepting with a field left empty is refused next to it, and nothing typed is lost.
      await centre.getByLabel("Title").fill(`Centre for ${topic} in Almaty`);
      await centre.getByLabel("Proposing party").selectOption("");
      await centre.getByRole("checkbox", { name: /^Accept “/ }).check();
      await forum.getByRole("checkbox", { name: /^Accept “/ }).check();
      await page.getByRole("button", { name: "Accept the ticked candidates" }).click();
      await expect(centre.getByText("Choose the proposing party.")).toBeVisible();
      await expect(centre.getByLabel("Title")).toHaveValue(`Centre for ${topic} in Almaty`);
      await expect(centre.getByRole("checkbox", { name: /^Accept “/ })).toBeChecked();

      // "The parties agreed": the text credits no one party; the analyst says which.
      await expect(forum.getByText("Choose the proposing party.")).toBeVisible();
      await centre.getByLabel("Proposing party").selectOption("KZ");
      await forum.getByLabel("Proposing party").selectOption("JP");
      // The rules may find no area for a new topic: the analyst chooses it.
      await centre.getByLabel("Area").selectOption("environment");
      await page.getByRole("button", { name: "Accept the ticked candidates" }).click();
      await expect(page.getByRole("status")).toContainText("Accepted: 2 new proposals, 0 marked as duplicates.");
      await expect(page.locator("li.candidate")).toHaveCount(0);
      await expect(page.locator(".document-text mark.span-proposal")).toHaveCount(2);

      // In the list, filtered by the event, and on its page with the quote highlighted.
      await page.goto("/events");
      await page.getByRole("link", { name: new RegExp(`proposals of ${EVENT}`) }).click();
      const row = page.getByRole("row", { name: new RegExp(`Centre for ${topic} in Almaty`) });
      await expect(row).toBeVisible();
      await row.getByRole("link").first().click();
      await expect(page.locator("figure.quote-in-context mark.quote")).toContainText(`establish a Central Asia`);
      await expect(page.locator("figure.quote-in-context mark.quote")).toContainText(`Centre for ${topic} in Almaty`);
      await expect(page.locator("figure.quote-in-context figcaption")).toContainText(`Joint statement on ${topic}`);
    });
  });
}

test("files the intake cannot read get a clear message next to the field, the title kept, and nothing stored", async ({ page, login }) => {
  test.setTimeout(120_000);
  await login("analyst");
  const before = await documentsCount();
  const encrypted = fs.readFileSync(path.resolve("tests/fixtures/intake/encrypted.pdf"));
  const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
  const cases: { name: string; buffer: Buffer; message: RegExp }[] = [
    { name: "statement.pdf", buffer: png, message: /not a PDF, DOCX, HTML or text file/ },
    { name: "empty.docx", buffer: Buffer.alloc(0), message: /Choose a file or paste the text|The file is empty/ },
    { name: "locked.pdf", buffer: encrypted, message: /encrypted/ },
    { name: "huge.txt", buffer: Buffer.alloc(21 * 1024 * 1024, 0x61), message: /21\.0 MB; the limit is 20 MB/ },
  ];
  for (const c of cases) {
    await openUpload(page);
    await page.getByLabel("Document title").fill(`Kept title for ${c.name}`);
    await page.getByLabel("File (PDF, DOCX, HTML or text)").setInputFiles({ name: c.name, mimeType: "application/octet-stream", buffer: c.buffer });
    await page.getByRole("button", { name: "Read the document" }).click();
    const field = page.getByLabel("File (PDF, DOCX, HTML or text)");
    await expect(page.locator(".field-error").first(), c.name).toHaveText(c.message);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Document title")).toHaveValue(`Kept title for ${c.name}`);
  }
  expect(await documentsCount()).toBe(before);
});

test.describe("reviewing by hand", () => {
  test("with JavaScript, words selected in the document become a candidate; split, merge and reject work from the buttons", async ({ page, login }) => {
    test.setTimeout(90_000);
    await login("analyst");
    await openUpload(page);
    await page
      .getByLabel("Or paste the text")
      .fill(
        [
          "Statement on river basins",
          "The ministers noted the long history of water cooperation in the region.",
          "It was proposed to establish a River Basin Council and a joint Data Platform in Bishkek next year.",
        ].join("\n\n"),
      );
    await page.getByLabel("Document title").fill("Statement on river basins");
    await page.getByRole("button", { name: "Read the document" }).click();
    await expect(page.getByRole("status")).toContainText("Document stored and read");
    const cards = page.locator("li.candidate");
    const before = await cards.count();
    expect(before).toBeGreaterThanOrEqual(1);

    // Select the background sentence's words with the mouse: the add box fills with them.
    const words = "the long history of water cooperation";
    await page.evaluate((wanted) => {
      const holder = [...document.querySelectorAll(".document-text [data-at]")].find((el) => el.textContent?.includes(wanted))!;
      const node = holder.firstChild!;
      const at = node.textContent!.indexOf(wanted);
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      holder.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
    }, words);
    await expect(page.getByLabel("Its exact words in the document")).toHaveValue(words);
    await page.getByRole("button", { name: "Add as a candidate" }).click();
    await expect(page.getByRole("status")).toContainText("Candidate added.");
    await expect(cards).toHaveCount(before + 1);
    const added = cards.filter({ hasText: words });
    await expect(added).toHaveCount(1);

    // Words that are not in the document: the message next to the box, the words kept.
    await page.getByLabel("Its exact words in the document").fill("a sentence the statement never had");
    await page.getByRole("button", { name: "Add as a candidate" }).click();
    await expect(page.getByText("These words are not in the document as written")).toBeVisible();
    await expect(page.getByLabel("Its exact words in the document")).toHaveValue("a sentence the statement never had");

    // Split the added one where "water" begins, then merge the two parts back, then reject it.
    const mine = cards.filter({ hasText: "the long history" });
    await mine.getByText("Split or merge").click();
    await mine.getByLabel("Split where these words begin").fill("water cooperation");
    await mine.getByRole("button", { name: /^Split “/ }).click();
    await expect(page.getByRole("status")).toContainText("Candidate split in two.");
    const first = cards.filter({ has: page.locator("blockquote", { hasText: /^the long history of$/ }) });
    await expect(first).toHaveCount(1);
    await expect(cards.filter({ has: page.locator("blockquote", { hasText: /^water cooperation$/ }) })).toHaveCount(1);
    await first.getByText("Split or merge").click();
    await first.getByRole("button", { name: /^Merge “.*” with the next candidate$/ }).click();
    await expect(page.getByRole("status")).toContainText("Candidates merged.");
    const merged = cards.filter({ has: page.locator("blockquote", { hasText: /^the long history of water cooperation$/ }) });
    await expect(merged).toHaveCount(1);
    await merged.getByRole("button", { name: /^Reject “/ }).click();
    await expect(page.getByRole("status")).toContainText("Candidate rejected.");
    await expect(cards).toHaveCount(before);
    await expect(page.getByText("Settled (1)")).toBeVisible();
  });
});
