// The screenshot pass of issue 12: every page, signed in as each role, at 390 px and 1440 px, into
// tests/.tmp/screens/<role>-<page>-<width>.png, for a person to look at. It checks nothing, so it
// only runs when asked: SCREENSHOTS=1 npx playwright test tests/e2e/screens.spec.ts
import type { Page } from "@playwright/test";
import { expect, openConflictView, test, type DemoUser } from "./fixtures";

const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
];
const ROLES: DemoUser[] = ["admin", "manager", "analyst", "viewer"];
const PAGES = ["/", "/me", "/dashboard", "/proposals", "/proposals/new", "/board", "/timeline", "/events", "/report", "/audit", "/admin/users", "/account"];

const shot = (page: Page, name: string) => page.screenshot({ path: `tests/.tmp/screens/${name}.png`, fullPage: true });
const slug = (path: string) => (path === "/" ? "home" : path.slice(1).replace(/\//g, "-"));

test.describe("screenshots of every page", () => {
  test.skip(!process.env.SCREENSHOTS, "a screenshot pass for a person to look at, not a check: run with SCREENSHOTS=1");

  for (const viewport of WIDTHS) {
    for (const role of ROLES) {
      test(`${role} at ${viewport.width} px`, async ({ browser, login }) => {
        test.setTimeout(180_000);
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        await login(role, { page });
        const name = (what: string) => `${role}-${what}-${viewport.width}`;
        for (const path of PAGES) {
          await page.goto(path);
          await shot(page, name(slug(path)));
        }
        await page.goto("/proposals?q=CAJ25-01");
        const href = (await page
          .getByRole("row", { name: /CAJ25-01/ })
          .getByRole("link")
          .first()
          .getAttribute("href"))!.split("?")[0]!;
        await page.goto(href);
        await shot(page, name("proposal"));
        await page.goto(`${href}/edit`);
        await shot(page, name("proposal-edit"));
        if (role !== "viewer") {
          await openConflictView(page, href);
          await shot(page, name("conflict"));
        }
        expect((await page.goto("/no/such/page"))?.status()).toBe(404);
        await shot(page, name("not-found"));
        await context.close();
      });
    }
    test(`signed out at ${viewport.width} px`, async ({ browser }) => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto("/login");
      await shot(page, `anonymous-login-${viewport.width}`);
      await context.close();
    });
  }
});
