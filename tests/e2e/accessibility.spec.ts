// axe-core on every page a signed-in manager sees: no serious or critical violations.
import AxeBuilder from "@axe-core/playwright";
import { expect, openProposal, test } from "./fixtures";

const PAGES = ["/dashboard", "/proposals", "/board", "/timeline", "/report", "/audit", "/proposals/new", "/admin/users", "/account"];

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

for (const path of [...PAGES, "a proposal page"]) {
  test(`no serious or critical axe violations on ${path}`, async ({ page, login }) => {
    await login("admin");
    if (path.startsWith("/")) await page.goto(path);
    else await openProposal(page, "CAJ25-01");
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("the sign-in page has no serious or critical axe violations", async ({ page }) => {
  await page.goto("/login");
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
