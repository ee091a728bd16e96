import { e2eOnPostgres } from "../support/e2e-env.js";
import { expect, openProposal, PASSWORD, screenshotPath, signInThroughUi, type DemoUser, test } from "./fixtures";

test.describe("sign-in", () => {
  for (const who of ["admin", "manager", "analyst", "analyst2", "viewer"] as DemoUser[]) {
    test(`${who} can sign in and out`, async ({ page }) => {
      await signInThroughUi(page, who, "/");
      // Analysts land on their own work (issue 12), everyone else on the dashboard.
      await expect(page).toHaveURL(who.startsWith("analyst") ? /\/me$/ : /\/dashboard/);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login/);
      // The session is gone on the server: a protected page sends us back to sign in.
      await page.goto("/proposals");
      await expect(page).toHaveURL(/\/login/);
    });
  }

  for (const javaScript of [true, false]) {
    test(`a wrong password cannot; the email stays in the form and the password does not (JavaScript ${javaScript ? "on" : "off"})`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({ baseURL, javaScriptEnabled: javaScript });
      try {
        const page = await context.newPage();
        await page.goto("/login");
        await page.getByLabel("Email").fill("analyst@example.org");
        await page.getByLabel("Password").fill("not-the-password");
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(page.getByRole("alert")).toContainText("do not match");
        await expect(page.getByLabel("Email")).toHaveValue("analyst@example.org");
        await expect(page.getByLabel("Password")).toHaveValue("");
        await expect(page).toHaveURL(/\/login/);
        // A second try from the same page goes through.
        await page.getByLabel("Password").fill(PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await expect(page).toHaveURL(/\/me$/);
      } finally {
        await context.close();
      }
    });
  }

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
    await signInThroughUi(page, "viewer");
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("st_session"));
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
  });
});

test.describe("signed out", () => {
  for (const path of ["/dashboard", "/proposals", "/proposals/new", "/audit"]) {
    test(`${path} redirects to sign-in and back afterwards`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login\?redirectTo=/);
      await page.getByLabel("Email").fill("manager@example.org");
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(new RegExp(`${path}$`));
    });
  }

  test("/healthz answers without signing in", async ({ request }) => {
    const res = await request.get("/healthz");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: "ok",
      database: { reachable: true, provider: e2eOnPostgres ? "postgresql" : "sqlite" },
      migrations: { upToDate: true },
      // SQLite's own settings; a PostgreSQL server's are its operators'.
      ...(e2eOnPostgres ? {} : { sqlite: { journalMode: "wal", foreignKeys: true } }),
    });
    if (e2eOnPostgres) expect(body.sqlite).toBeUndefined();
  });
});

test.describe("reading", () => {
  test("the list filters and searches, all in the URL", async ({ page, login }) => {
    await login("viewer", { to: "/proposals" });
    // 44 seeded; specs that ran before may have created more.
    const count = async () => Number((await page.getByText(/\d+ proposals?$/).textContent())!.split(" ")[0]);
    const all = await count();
    expect(all).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: screenshotPath("proposals-list"), fullPage: true });
    await page.getByLabel("Status").selectOption("in_progress");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=in_progress/);
    // The address can change a moment before the table repaints: wait for the new count.
    await expect.poll(count).toBeLessThan(all);
    const inProgress = await count();
    expect(inProgress).toBeGreaterThan(0);
    for (const badge of await page.locator("tbody .badge").all()) await expect(badge).toHaveText("In progress");

    await page.goto("/proposals?q=Digital+Hub");
    await expect(page.getByText(/^1 proposal · best matches first$/)).toBeVisible();
    await expect(page.getByRole("link", { name: "“Central Asia – Japan” Digital Hub".replace(/[“”]/g, '"') })).toBeVisible();

    await page.goto("/proposals?country=TM");
    await expect(page.getByRole("cell", { name: "CAJH-18" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "CAJH-01" })).toHaveCount(0);
  });

  test("a proposal page shows its fields, quote, milestones, updates and history", async ({ page, login }) => {
    await login("viewer");
    await openProposal(page, "CAJ25-05");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("2040");
    await expect(page.locator("blockquote")).toContainText("Cooperation Strategy, including specific programs");
    await expect(page.getByRole("heading", { name: "Milestones" })).toBeVisible();
    await expect(page.locator(".milestones").getByText("Joint working group formed")).toBeVisible();
    await expect(page.getByText("Draft delayed")).toBeVisible();
    await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
    // A viewer is offered no change at all.
    await expect(page.getByRole("button", { name: /→/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit fields" })).toHaveCount(0);
    await page.screenshot({ path: screenshotPath("proposal-page"), fullPage: true });
  });

  test("an unknown proposal id gives a 404 page, not a 500", async ({ page, login }) => {
    await login("viewer");
    for (const id of ["clxxxxxxxxxxxxxxxxxxxxxxx", "not-an-id!", "1"]) {
      const res = await page.goto(`/proposals/${id}`);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    }
    const res = await page.goto("/no/such/page");
    expect(res?.status()).toBe(404);
  });

  test("the dashboard counts link to the filtered list", async ({ page, login }) => {
    await login("manager");
    const link = page.getByRole("link", { name: /^Agreed: \d+$/ });
    const count = Number((await link.textContent())!.match(/\d+/)![0]);
    await link.click();
    await expect(page).toHaveURL(/status=agreed/);
    await expect(page.getByText(count === 1 ? "1 proposal" : `${count} proposals`, { exact: true })).toBeVisible();
  });
});
