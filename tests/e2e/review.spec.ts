import { parse } from "csv-parse/sync";
import { XMLValidator } from "fast-xml-parser";
import fs from "node:fs/promises";
import { expect, screenshotPath, test } from "./fixtures";

test("a manager follows dashboard numbers to the lists behind them", async ({ page, login }) => {
  await login("manager");
  await expect(page.getByRole("img", { name: /Milestones due and done per month/ })).toBeVisible();
  await expect(page.getByRole("group", { name: /Proposals by status/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath("dashboard"), fullPage: true });

  const overdue = page.getByRole("link", { name: /With overdue milestones/ });
  const n = Number(await overdue.locator(".stat-value").textContent());
  await overdue.click();
  await expect(page).toHaveURL(/overdue=1/);
  await expect(page.getByText(n === 1 ? "1 proposal" : `${n} proposals`, { exact: true })).toBeVisible();

  await page.goto("/dashboard");
  const area = page.getByRole("link", { name: /proposals in Green energy/ });
  const inArea = Number(await area.textContent());
  await area.click();
  await expect(page.getByText(`${inArea} proposals`, { exact: true })).toBeVisible();
});

test.describe("the board without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a manager moves a card through the same rules as the proposal page", async ({ page, login }) => {
    await login("manager", { to: "/board" });
    await page.screenshot({ path: screenshotPath("board"), fullPage: false });
    const card = page.locator("article.board-card").filter({ hasText: "CAJ25-24" });
    await expect(card).toBeVisible();
    await card.locator("summary").click();
    await card.getByRole("button", { name: /Agree → Agreed/ }).click();
    await expect(page.getByRole("status")).toContainText("Moved to Agreed");
    const agreed = page.locator("section.board-column").filter({ has: page.getByRole("heading", { name: /^Agreed/ }) });
    await expect(agreed.locator("article").filter({ hasText: "CAJ25-24" })).toBeVisible();

    // A move that needs a note is refused without one, with the message on the card.
    const moved = agreed.locator("article").filter({ hasText: "CAJ25-24" });
    await moved.locator("summary").click();
    await moved.getByRole("button", { name: /Put on hold/ }).click();
    await expect(page.locator("article").filter({ hasText: "CAJ25-24" }).getByRole("alert")).toContainText("A note is required");
  });
});

test("the timeline and the briefing show and print", async ({ page, login }) => {
  await login("manager", { to: "/timeline" });
  await expect(page.getByRole("group", { name: /Milestones by proposal over time/ })).toBeVisible();
  await expect(page.locator(".ms-dot-overdue").first()).toBeVisible();
  await page.screenshot({ path: screenshotPath("timeline"), fullPage: true });

  await page.goto("/report");
  await expect(page.getByRole("heading", { name: "Implementation of the Tokyo summit proposals" })).toBeVisible();
  await page.screenshot({ path: screenshotPath("briefing"), fullPage: true });
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  const pdf = await page.pdf({ format: "A4" });
  // A cover page plus at least one page for each of the eleven areas.
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(12);
});

test("every export of the filtered list downloads and opens", async ({ page, login }) => {
  await login("viewer", { to: "/proposals?area=energy" });
  const total = Number((await page.getByText(/^\d+ proposals$/).textContent())!.split(" ")[0]);

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV", exact: true }).click()]);
  const csv = parse(await fs.readFile((await csvDownload.path())!, "utf8"), { columns: true, bom: true }) as Record<string, string>[];
  expect(csv).toHaveLength(total);
  expect(csv.every((r) => r.area === "Green energy")).toBe(true);

  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "JSON", exact: true }).click()]);
  const json = JSON.parse(await fs.readFile((await jsonDownload.path())!, "utf8")) as { count: number; proposals: { area: string }[] };
  expect(json.count).toBe(total);

  const [xmlDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "IATI XML" }).click()]);
  const xml = await fs.readFile((await xmlDownload.path())!, "utf8");
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml.match(/<iati-activity /g)).toHaveLength(total);
});
