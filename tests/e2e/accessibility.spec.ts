// axe-core on every page an admin sees, on a 390 px phone and at 1440 px: no serious or
// critical violations.
import AxeBuilder from "@axe-core/playwright";
import { expect, openConflictView, openProposal, test } from "./fixtures";

const PAGES = [
  "/me",
  "/dashboard",
  "/proposals",
  "/board",
  "/timeline",
  "/events",
  "/report",
  "/audit",
  "/proposals/new",
  "/admin/users",
  "/account",
  "/inbox",
  "/compliance",
  "/countries/KZ",
  "/no/such/page",
];
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
];

async function seriousViolations(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    for (const path of [...PAGES, "a proposal page", "the conflict view", "an event page", "a document's review page", "the upload form"]) {
      test(`no serious or critical axe violations on ${path}, and no script error`, async ({ page, login }) => {
        // A page that renders on the server but throws in the browser (hydration, a value the
        // browser bundle lacks) looks right in a screenshot and is dead to clicks and keys.
        const errors: string[] = [];
        page.on("pageerror", (error) => errors.push(error.message));
        await login("admin");
        if (path.startsWith("/")) await page.goto(path);
        else if (path === "an event page" || path === "a document's review page" || path === "the upload form") {
          await page.goto("/events");
          await page.getByRole("link", { name: 'First "Central Asia + Japan" Summit', exact: true }).click();
          await page.waitForURL(/\/events\/[a-z0-9]{10,}/i);
          if (path === "a document's review page") await page.getByRole("link", { name: /^Summit report: the first summit/ }).click();
          if (path === "the upload form") await page.getByRole("link", { name: "Add a document" }).click();
          if (path !== "an event page") await page.waitForURL(/\/documents\//);
        } else {
          const url = await openProposal(page, "CAJ25-01");
          if (path === "the conflict view") await openConflictView(page, url.split("?")[0]!);
        }
        await page.waitForLoadState("networkidle");
        expect(await seriousViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      });
    }

    test("the sign-in page has no serious or critical axe violations", async ({ page }) => {
      await page.goto("/login");
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test("the open phone menu has no serious or critical axe violations", async ({ page, login }) => {
  await page.setViewportSize(VIEWPORTS[0]!);
  await login("admin");
  await page.getByText("Menu", { exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Proposals" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

// The list's parts that only show after an action: the saved views menu open, and a bulk
// summary (an admin sees the bulk bar on every list).
test("no serious or critical axe violations on the list with its saved views menu open and a bulk summary", async ({ page, login }) => {
  await login("admin", { to: "/proposals?status=completed&historical=only" });
  await page.locator("details.views-menu > summary").click();
  await expect(page.getByLabel("Name of the view")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // Reassigning a completed record to the owner it has: an answer that changes nothing.
  const first = page
    .getByRole("table", { name: /^Proposals, sorted by/ })
    .locator("tbody tr")
    .first();
  const owner = (await first.locator("td").nth(6).textContent())!.trim();
  await first.getByRole("checkbox").check();
  await page.getByLabel("New owner").selectOption({ label: owner });
  await page.getByRole("button", { name: "Reassign" }).click();
  await expect(page.getByText("Done: 0 · unchanged: 1 · refused: 0.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
