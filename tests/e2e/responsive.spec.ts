// Issue 12, items 3 and 5: every page reads on a 390 px phone and at 1440 px. Each test
// reproduces one reported defect; screenshots of every page at both widths land in
// tests/.tmp/screenshots/ (responsive-<page>-<width>.png).
import type { Browser, Page } from "@playwright/test";
import { expect, openConflictView, screenshotPath, test, type Login } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** The address of CAJ25-01's page, read from the list. */
async function proposalPath(page: Page) {
  await page.goto("/proposals?q=CAJ25-01");
  const href = await page
    .getByRole("row", { name: /CAJ25-01/ })
    .getByRole("link")
    .first()
    .getAttribute("href");
  return href!.split("?")[0]!;
}

/** How far the page scrolls sideways (0 when it does not). */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function signedInPage(browser: Browser, login: Login, viewport: { width: number; height: number }, javaScriptEnabled = true) {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  await login("admin", { page });
  return page;
}

const PAGES = [
  "/me",
  "/dashboard",
  "/proposals",
  "/proposals/new",
  "/board",
  "/timeline",
  "/events",
  "/report",
  "/audit",
  "/admin/users",
  "/inbox",
  "/compliance",
];

for (const viewport of [PHONE, DESKTOP]) {
  test(`no page scrolls sideways at ${viewport.width} px (screenshots of each)`, async ({ browser, login }) => {
    test.slow(); // a dozen pages and full-page screenshots
    const page = await signedInPage(browser, login, viewport);
    const proposal = await proposalPath(page);
    const overflow: Record<string, number> = {};
    const visit = async (name: string, path?: string) => {
      if (path) await page.goto(path);
      overflow[name] = await sidewaysScroll(page);
      await page.screenshot({ path: screenshotPath(`responsive-${name}-${viewport.width}`), fullPage: true });
    };
    for (const path of PAGES) await visit(path.slice(1).replace(/\//g, "-"), path);
    await visit("proposal", proposal);
    await visit("proposal-edit", `${proposal}/edit`);
    const res = await page.goto("/no/such/page");
    expect(res?.status()).toBe(404);
    await visit("not-found");
    await openConflictView(page, proposal);
    await visit("conflict");
    await page.context().close();

    const anonymous = await browser.newContext({ viewport });
    const loginPage = await anonymous.newPage();
    await loginPage.goto("/login");
    overflow.login = await sidewaysScroll(loginPage);
    await loginPage.screenshot({ path: screenshotPath(`responsive-login-${viewport.width}`), fullPage: true });
    await anonymous.close();

    expect(Object.entries(overflow).filter(([, px]) => px > 0)).toEqual([]);
  });
}

test.describe("the menu on a phone", () => {
  test("without JavaScript the header is one short bar; the Menu disclosure opens and its links work", async ({ browser, login }) => {
    const page = await signedInPage(browser, login, PHONE, false);
    const header = page.locator(".site-header");
    expect((await header.boundingBox())!.height).toBeLessThan(120);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Proposals" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();

    // By keyboard: the summary takes focus and Enter opens it.
    const toggle = page.locator("summary.menu-toggle");
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("details.site-menu")).toHaveAttribute("open", "");
    await expect(nav.getByRole("link", { name: "Proposals" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.screenshot({ path: screenshotPath("responsive-menu-open-390") });
    // Every link of the open menu lies within the screen.
    for (const box of await Promise.all((await nav.getByRole("link").all()).map((l) => l.boundingBox())))
      expect(box!.x + box!.width, "a menu link runs off the screen").toBeLessThanOrEqual(PHONE.width);
    await nav.getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.locator("details.site-menu")).not.toHaveAttribute("open", "");
    await page.context().close();
  });

  test("with JavaScript it closes after a navigation and on Escape", async ({ browser, login }) => {
    const page = await signedInPage(browser, login, PHONE);
    const menu = page.locator("details.site-menu");
    const nav = page.getByRole("navigation", { name: "Main" });
    await page.getByText("Menu", { exact: true }).click();
    await nav.getByRole("link", { name: "Board", exact: true }).click();
    await expect(page).toHaveURL(/\/board$/);
    await expect(menu).not.toHaveAttribute("open", "");
    await page.getByText("Menu", { exact: true }).click();
    await expect(nav.getByRole("link", { name: "Board", exact: true })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu).not.toHaveAttribute("open", "");
    await expect(page.locator("summary.menu-toggle")).toBeFocused();
    await page.context().close();
  });
});

test.describe("at 1440 px", () => {
  for (const who of ["admin", "analyst"] as const) {
    test(`the navigation is one line for ${who}`, async ({ browser, login }) => {
      const context = await browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      await login(who, { page });
      await expect(page.locator("summary.menu-toggle")).toBeHidden();
      const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
      await expect(links.first()).toBeVisible();
      const tops = await links.evaluateAll((els) => els.map((e) => (e as HTMLElement).offsetTop));
      expect(tops.length).toBeGreaterThanOrEqual(6);
      expect(new Set(tops).size, `link tops ${tops.join(", ")}`).toBe(1);
      expect((await page.locator(".site-header").boundingBox())!.height).toBeLessThan(80);
      await context.close();
    });
  }

  test("the board shows all seven columns on the screen", async ({ browser, login }) => {
    const page = await signedInPage(browser, login, DESKTOP);
    await page.goto("/board");
    const columns = page.locator("section.board-column");
    await expect(columns).toHaveCount(7);
    for (const box of await Promise.all((await columns.all()).map((c) => c.boundingBox()))) {
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(DESKTOP.width);
    }
    await expect(columns.filter({ has: page.getByRole("heading", { name: /^Dropped/ }) })).toBeInViewport();
    await page.context().close();
  });

  test("the area select shows its longest choice without clipping", async ({ browser, login }) => {
    const page = await signedInPage(browser, login, DESKTOP);
    for (const path of ["/proposals", "/board"]) {
      await page.goto(path);
      const { text, select } = await page.locator("#f-area").evaluate((el: HTMLSelectElement) => {
        const ctx = document.createElement("canvas").getContext("2d")!;
        ctx.font = getComputedStyle(el).font;
        // The text plus the select's padding and its arrow.
        return { text: Math.max(...[...el.options].map((o) => ctx.measureText(o.text).width)) + 40, select: el.getBoundingClientRect().width };
      });
      expect(text, path).toBeLessThanOrEqual(select);
    }
    await page.context().close();
  });
});

test("an unknown address is a 404 page inside the layout, with the navigation", async ({ page, login }) => {
  await login("viewer");
  const res = await page.goto("/no/such/page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeAttached();
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("That page does not exist.")).toBeVisible();
  expect(await res!.text()).not.toContain("No route matches");
  // A POST to nowhere is a 404 too, not a 405.
  const post = await page.request.post("/no/such/page", { form: { anything: "1" }, headers: { Origin: new URL(page.url()).origin } });
  expect(post.status()).toBe(404);
});

/** The rendered size in px of an SVG text: its font size times the SVG's scale. */
const renderedFontSizes = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((texts) =>
    texts.map((el) => {
      const svg = (el as SVGTextElement).ownerSVGElement!;
      return (parseFloat(getComputedStyle(el).fontSize) * svg.getBoundingClientRect().width) / svg.viewBox.baseVal.width;
    }),
  );

type Box = { left: number; right: number; top: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** What the chart's "today" label overlaps: markers, bars, row headings, axis labels. */
async function todayLabelClashes(page: Page, chart: string) {
  const today = await page.locator(`${chart} .today-text`).evaluate((el) => el.getBoundingClientRect().toJSON() as Box);
  const others = await page
    .locator(`${chart} :is(circle, rect.bar, .timeline-heading-bg, text.chart-axis:not(.today-text))`)
    .evaluateAll((els) =>
      els.map((el) => ({ what: `${el.tagName} ${el.getAttribute("class")} ${el.textContent}`, box: el.getBoundingClientRect().toJSON() as Box })),
    );
  return others.filter((o) => overlaps(today, o.box)).map((o) => o.what);
}

for (const viewport of [PHONE, DESKTOP]) {
  test(`timelines keep 12 px labels and a clear "today" at ${viewport.width} px`, async ({ browser, login }) => {
    const page = await signedInPage(browser, login, viewport);
    await page.goto("/timeline");
    for (const size of await renderedFontSizes(page, "svg.timeline .chart-label")) expect(size).toBeGreaterThanOrEqual(12);
    expect(await todayLabelClashes(page, "svg.timeline")).toEqual([]);
    // The wide drawing scrolls inside its own box, not the page.
    expect(await sidewaysScroll(page)).toBe(0);

    await page.goto(await proposalPath(page));
    const mini = "svg[aria-labelledby^='proposal-timeline']";
    const sizes = await renderedFontSizes(page, `${mini} .chart-label`);
    expect(sizes.length).toBeGreaterThan(0);
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(12);
    expect(await todayLabelClashes(page, mini)).toEqual([]);

    await page.goto("/dashboard");
    expect(await todayLabelClashes(page, "svg.chart-months")).toEqual([]);
    await page.context().close();
  });
}

test("on a phone the proposal's status panel comes before its history; at 1440 px it is beside it", async ({ browser, login }) => {
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await signedInPage(browser, login, viewport);
    await page.goto(await proposalPath(page));
    const status = (await page.locator("section[aria-labelledby='status-h']").boundingBox())!;
    const summary = (await page.locator("section[aria-labelledby='summary-h']").boundingBox())!;
    const history = (await page.locator("section[aria-labelledby='history-h']").boundingBox())!;
    if (viewport === PHONE) {
      expect(status.y).toBeLessThan(summary.y);
      expect(status.y).toBeLessThan(history.y);
    } else {
      expect(status.x).toBeGreaterThan(summary.x + summary.width);
    }
    await page.context().close();
  }
});

test("the printed briefing has the date, a footer and page numbers on every page", async ({ page, login }) => {
  await login("manager", { to: "/report" });
  const href = await page.locator('link[rel="stylesheet"][media="print"]').getAttribute("href");
  expect(href).toBe("/report/print.css");
  const css = await (await page.request.get(href!)).text();
  expect(css).toContain('"Page " counter(page) " of " counter(pages)');
  expect(css).toMatch(/Summit Tracker · Briefing on the Tokyo summit proposals · printed \d{1,2} \w{3} \d{4}/);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  // One page per area after the cover (the content is checked by eye: pdftoppm of this PDF).
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThan(5);
});

/**
 * What lies past the right edge of the screen and is not inside a box that scrolls or clips it
 * (a table in its .table-wrap may be wider; the box it scrolls in may not).
 */
const offTheScreen = (page: Page) =>
  page.evaluate(() => {
    const boxed = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    return [...document.body.querySelectorAll("*")]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        // checkVisibility: not drawn (a closed disclosure's content) is not off the screen.
        return box.width > 0 && box.right > window.innerWidth + 0.5 && el.checkVisibility() && !boxed(el);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""} ${Math.round(el.getBoundingClientRect().right)} px`);
  });

test.describe("filters and bulk changes fold away on a phone (issue 12)", () => {
  test("on the list the first row is on the first screen, for a manager too; the summary counts the active filters", async ({ browser, login }) => {
    const page = await signedInPage(browser, login, PHONE);
    for (const who of ["manager", "viewer"] as const) {
      await login(who, { page, to: "/proposals" });
      const firstRow = page.locator(".table-wrap tbody tr").first();
      await expect(firstRow).toBeVisible();
      expect((await firstRow.boundingBox())!.y, `${who}: the first row's top`).toBeLessThan(PHONE.height);
      await expect(page.getByRole("searchbox")).toBeHidden();
      await expect(page.locator("summary.phone-fold-toggle").first()).toHaveText("Filters");
      expect(await offTheScreen(page)).toEqual([]);
    }
    await page.goto("/proposals?status=in_progress&health=at_risk&health=off_track");
    await expect(page.locator("summary.phone-fold-toggle").first()).toHaveText("Filters (3 active)");
    await page.locator("summary.phone-fold-toggle").first().click();
    await expect(page.getByRole("searchbox")).toBeVisible();
    await expect(page.locator("#f-status")).toHaveValue("in_progress");
    await page.context().close();
  });

  test("on the board the first column starts on the first screen", async ({ browser, login }) => {
    const page = await signedInPage(browser, login, PHONE);
    await page.goto("/board");
    const heading = page.locator("section.board-column h2").first();
    await expect(heading).toBeVisible();
    expect((await heading.boundingBox())!.y).toBeLessThan(PHONE.height - 100);
    expect(await offTheScreen(page)).toEqual([]);
    await page.context().close();
  });

  test("without JavaScript the summary opens the filters and they work; at 1440 px they are open", async ({ browser, login }) => {
    const page = await signedInPage(browser, login, PHONE, false);
    await page.goto("/proposals");
    const search = page.getByRole("searchbox");
    await expect(search).toBeHidden();
    await page.getByText("Filters", { exact: true }).click();
    await expect(search).toBeVisible();
    await page.locator("#f-status").selectOption("in_progress");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=in_progress/);
    await expect(page.locator("summary.phone-fold-toggle").first()).toHaveText("Filters (1 active)");
    await page.context().close();

    const wide = await signedInPage(browser, login, DESKTOP, false);
    for (const path of ["/proposals", "/board"]) {
      await wide.goto(path);
      await expect(wide.getByRole("searchbox"), path).toBeVisible();
      await expect(wide.locator("summary.phone-fold-toggle").first(), path).toBeHidden();
    }
    await wide.context().close();
  });

  test("/ opens the folded filters and puts the focus in the search", async ({ browser, login }) => {
    const page = await signedInPage(browser, login, PHONE);
    await page.goto("/board");
    await page.waitForLoadState("networkidle");
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox")).toBeFocused();
    await page.context().close();
  });
});

test("at 390 px every table with more than one column scrolls in its own box with its first column fixed", async ({ browser, login }) => {
  const page = await signedInPage(browser, login, PHONE);
  for (const path of ["/dashboard", "/admin/users", "/proposals", "/audit", "/timeline"]) {
    await page.goto(path);
    const tables = await page.locator("main table:not(.report-table)").evaluateAll((els) =>
      els
        .filter((t) => (t as HTMLTableElement).rows[0]?.cells.length > 1)
        .map((t) => {
          const box = t.parentElement!;
          const first = (t as HTMLTableElement).rows[1]?.cells[0] ?? (t as HTMLTableElement).rows[0]!.cells[0]!;
          return {
            table: t.closest("section, .table-wrap")?.querySelector("h2")?.textContent ?? t.className,
            scrolls: getComputedStyle(box).overflowX === "auto" && box.getBoundingClientRect().right <= window.innerWidth,
            sticky: getComputedStyle(first).position === "sticky",
          };
        }),
    );
    expect(tables.length, path).toBeGreaterThan(0);
    for (const t of tables) expect(t, path).toMatchObject({ scrolls: true, sticky: true });
    expect(await offTheScreen(page), path).toEqual([]);
  }
  await page.context().close();
});

test("found in the screenshot pass: the list's count and its export links sit close on a phone; the briefing says “1 proposal”", async ({ browser, login }) => {
  const page = await signedInPage(browser, login, PHONE);
  await page.goto("/proposals");
  const [count, exports] = await page.locator(".result-line > p").evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().toJSON() as Box));
  expect(exports!.top - count!.bottom).toBeLessThanOrEqual(10);
  await page.goto("/report");
  await expect(page.locator("main")).not.toContainText(/\b1 proposals\b/);
  await page.context().close();
});
