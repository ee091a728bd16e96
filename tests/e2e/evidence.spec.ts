// Evidence uploads (issue 16), with JavaScript on and off: a refused file (empty, another type,
// over 20 MB) is answered next to the file field with the other input kept and nothing stored; an
// accepted file downloads as an attachment with a safe type and nosniff.
import { docxBytes } from "../support/evidence-files";
import { expect, openProposal, screenshotPath, test } from "./fixtures";

const MODES = [
  { js: true, reference: "CAJ25-22" },
  { js: false, reference: "CAJ25-18" },
] as const;

for (const mode of MODES) {
  test.describe(`evidence with JavaScript ${mode.js ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: mode.js });

    test("refused uploads keep the input and store nothing; an accepted one downloads as an attachment", async ({ page, login }) => {
      await login("manager");
      await openProposal(page, mode.reference);
      const evidence = page.locator("section#evidence");
      const before = await evidence.locator("li").count();
      await page.getByRole("link", { name: "Add evidence" }).click();

      const fileField = page.getByLabel("File", { exact: true });
      for (const [name, buffer, message] of [
        ["empty.pdf", Buffer.alloc(0), "The file is empty. Nothing was stored."],
        ["notes.pdf", Buffer.from("Only text, whatever the name says."), "This is not a PDF, DOCX, XLSX, PNG or JPEG file"],
        [
          "huge.pdf",
          Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(21 * 1024 * 1024)]),
          "The file is 21.0 MB; the limit is 20 MB. Nothing was stored.",
        ],
      ] as const) {
        await fileField.setInputFiles({ name, mimeType: "application/pdf", buffer });
        await page.getByLabel("Title").fill(`Refused ${name}`);
        await page.getByLabel("Publisher").fill("Ministry of Digital Development");
        await page.getByRole("button", { name: "Add evidence" }).click();
        await expect(page.locator(".field").filter({ has: fileField }).locator(".field-error")).toContainText(message);
        await expect(fileField).toHaveAttribute("aria-invalid", "true");
        // The other fields are kept.
        await expect(page.getByLabel("Title")).toHaveValue(`Refused ${name}`);
        await expect(page.getByLabel("Publisher")).toHaveValue("Ministry of Digital Development");
      }
      await page.screenshot({ path: screenshotPath(`evidence-refused-${mode.js ? "js" : "nojs"}`), fullPage: true });

      const minutes = Buffer.from(await docxBytes());
      await fileField.setInputFiles({
        name: "Протокол заседания.docx",
        mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        buffer: minutes,
      });
      await page.getByLabel("Title").fill("Minutes of the working group");
      await page.getByRole("button", { name: "Add evidence" }).click();
      await expect(page.getByRole("status")).toContainText("Evidence “Minutes of the working group” added");
      await expect(evidence.locator("li")).toHaveCount(before + 1);
      await expect(evidence).not.toContainText("Refused");

      const href = await evidence.getByRole("link", { name: "Minutes of the working group" }).getAttribute("href");
      const res = await page.request.get(href!);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="[^"]*\.docx"; filename\*=UTF-8''%D0%9F%D1%80/);
      expect(res.headers()["x-content-type-options"]).toBe("nosniff");
      expect(res.headers()["content-security-policy"]).toContain("sandbox");
      expect((await res.body()).equals(minutes)).toBe(true);
    });
  });
}

test("a download needs a signed-in user; an unknown item is a 404", async ({ page, login }) => {
  const anonymous = await page.request.get("/evidence/cunknownevidence0000/file", { maxRedirects: 0 });
  expect([302, 303]).toContain(anonymous.status());
  await login("viewer");
  expect((await page.request.get("/evidence/cunknownevidence0000/file")).status()).toBe(404);
});
