import { expect, test } from "./fixtures";

// Issue 11 item 4, as a person sees it: every number on the dashboard that links to the list
// (tiles, status and area counts, chart bars) is the count the list shows when followed.
// tests/integration/dashboard-links.test.ts checks the same on data made to stress each figure.
test("every dashboard number that links to the list is the list's count", async ({ page, login }) => {
  await login("viewer");
  const links = await page.locator("main a[href^='/proposals']").evaluateAll((anchors) =>
    anchors.map((a) => {
      const figure = a.querySelector(".stat-value, .chart-value") ?? a;
      return { href: a.getAttribute("href") ?? "", figure: (figure.textContent ?? "").trim() };
    }),
  );
  const counts = links.filter((l) => !/^\/proposals\/[^?]/.test(l.href) && /\d+$/.test(l.figure));
  // Five tiles, each status twice (chart and list), each area once.
  expect(counts.length).toBeGreaterThanOrEqual(5 + 7 * 2 + 11);
  const checked = new Map<string, number>();
  for (const { href, figure } of counts) {
    const n = Number(figure.match(/(\d+)$/)![1]);
    if (checked.has(href)) {
      expect(n, href).toBe(checked.get(href));
      continue;
    }
    // The list page as served (the browser's cookies, no rendering): its count line.
    const res = await page.request.get(href);
    expect(res.status(), href).toBe(200);
    expect(await res.text(), href).toContain(`>${n === 1 ? "1 proposal" : `${n} proposals`}<`);
    checked.set(href, n);
  }
});
