import { parse } from "csv-parse/sync";
import { AUDIT_EXPORT_COLUMNS } from "~/modules/audit/export-columns";
import type { Browser } from "@playwright/test";
import { expect, openProposal, screenshotPath, test } from "./fixtures";
import { withDatabase } from "./support-server";

test("markup in a change renders as text in the audit log and never runs", async ({ page, login }) => {
  await login("analyst");
  await openProposal(page, "CAJ25-23");
  const payload = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">`;
  const post = page.locator("form#post-update");
  await post.getByLabel("Update").fill(payload);
  await post.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByRole("status")).toContainText("Progress update posted");
  await expect(page.getByText(payload).first()).toBeVisible();

  await page.goto("/audit?action=update.posted");
  await expect(page.getByText(payload).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("sign-in failures and refusals appear as filterable security events", async ({ page, browser, login }) => {
  const other = await browser.newPage();
  await other.goto("/login");
  await other.getByLabel("Email").fill("manager@example.org");
  await other.getByLabel("Password").fill("definitely wrong");
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByRole("alert")).toBeVisible();
  await other.close();

  await login("viewer");
  await page.goto("/audit");
  await page.getByLabel("Action").selectOption("auth.*");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=auth\.\*/);
  await expect(page.locator("tbody tr").filter({ hasText: "auth.login_failed" }).first()).toBeVisible();
  for (const action of await page.locator("tbody .act").allTextContents()) expect(action).toMatch(/auth\./);
});

test("the CSV and NDJSON exports match the page's filter", async ({ page, login }) => {
  await login("manager");
  await page.goto("/audit?action=proposal.imported&proposal=CAJ25-01");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.goto("/audit?action=proposal.imported");
  const pageSeqs = (await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-seq"))))).sort((a, b) => a - b);
  expect(pageSeqs.length).toBe(44);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
  const records = parse(csv, { columns: true }) as Record<string, string>[];
  expect(Object.keys(records[0])).toEqual([...AUDIT_EXPORT_COLUMNS]);
  expect(records.map((r) => Number(r.seq))).toEqual(pageSeqs);
  expect(records.every((r) => r.action === "proposal.imported")).toBe(true);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}-filtered\.csv$/);

  const ndjson = await page.request.get("/audit/export?format=ndjson&action=proposal.imported");
  expect(ndjson.headers()["content-type"]).toContain("application/x-ndjson");
  const lines = (await ndjson.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { seq: number; changes: unknown[] });
  expect(lines.map((l) => l.seq)).toEqual(pageSeqs);
  expect(Array.isArray(lines[0].changes)).toBe(true);
});

test("the page verifies the chain on demand (a POST, in a worker thread) and pages with a cursor", async ({ page, login }) => {
  await login("viewer");
  // A GET link no longer runs it (issue 10 item 2).
  await page.goto("/audit?verify=1");
  await expect(page.getByText(/Checked on demand/)).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
  await page.goto("/audit?action=proposal.*");
  const [post] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/audit"),
    page.getByRole("button", { name: "Verify the chain now" }).click(),
  ]);
  expect(new URL(post.url()).searchParams.get("action")).toBe("proposal.*");
  await expect(page.getByRole("status")).toContainText(/all \d+ events are intact/);
  await expect(page.getByLabel("Action")).toHaveValue("proposal.*");
  await page.screenshot({ path: screenshotPath("audit-log"), fullPage: false });
  await page.goto("/audit");
  const first = await page.locator("tbody tr").first().getAttribute("data-seq");
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/before=\d+/);
  // The URL changes before the table repaints: wait for the older page's rows.
  await expect.poll(async () => Number(await page.locator("tbody tr").first().getAttribute("data-seq"))).toBeLessThan(Number(first));
  await page.getByRole("link", { name: "← Newer" }).click();
  await expect(page.locator("tbody tr").first()).toHaveAttribute("data-seq", first!);
});

test("without JavaScript, verification is a plain form post that answers with the result", async ({ browser, login }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login("manager", { page });
  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify the chain now" }).click();
  await expect(page.getByRole("status")).toContainText(/Verified .* UTC: all \d+ events are intact/);
  await context.close();
});

test("an invalid date is a field error on the page and a 400 from the export, never a 500 or a hang (issue 10 item 6)", async ({ page, login }) => {
  await login("viewer");
  for (const bad of ["2025-13-01", "0000-00-00"]) {
    const res = await page.goto(`/audit?to=${bad}`);
    expect(res?.status()).toBe(400);
    await expect(page.locator("#a-to-error")).toContainText(`"${bad}" is not a valid date`);
    await expect(page.getByLabel("To (UTC day)")).toHaveAttribute("aria-invalid", "true");
    const exported = await page.request.get(`/audit/export?format=csv&to=${bad}`, { timeout: 5000 });
    expect(exported.status()).toBe(400);
    expect(await exported.text()).toContain(`Invalid filter "to": "${bad}" is not a valid date`);
  }
  await page.screenshot({ path: screenshotPath("audit-date-error"), fullPage: false });
});

/** A browser in Tashkent (UTC+5): the test browser runs in UTC unless told otherwise, where local time and UTC agree. */
const inTashkent = (browser: Browser) => browser.newContext({ timezoneId: "Asia/Tashkent", locale: "en-GB" });

test("the target column names what an event is about: reference and title, milestone title, user name (issue 12 item 5)", async ({ page, login }) => {
  const { proposal, userIds } = await withDatabase(async (db) => ({
    proposal: (await db.all<{ id: string; title: string }>(`SELECT "id", "title" FROM "Proposal" WHERE "reference" = 'CAJ25-01'`))[0]!,
    userIds: (await db.all<{ id: string }>(`SELECT "id" FROM "User"`)).map((u) => u.id),
  }));

  await login("manager");
  const milestone = `Audit target milestone ${Date.now()}`;
  await openProposal(page, "CAJ25-01");
  const add = page.locator("form#add-milestone");
  await page.getByText("Add a milestone").click();
  await add.getByLabel("Milestone title").fill(milestone);
  await add.getByLabel("Due date").fill("2027-03-03");
  await add.getByRole("button", { name: "Add milestone" }).click();
  await expect(page.getByRole("status")).toContainText("Milestone added");

  // A proposal: its reference and title, linked to it.
  await page.goto("/audit?action=proposal.imported&proposal=CAJ25-01");
  const imported = page.locator("tbody tr").first().locator("td.target");
  await expect(imported.getByRole("link", { name: `CAJ25-01 ${proposal.title}` })).toHaveAttribute("href", `/proposals/${proposal.id}`);

  // A milestone: its proposal's reference (linked) and the milestone's title.
  await page.goto("/audit?action=milestone.created&proposal=CAJ25-01");
  const created = page.locator("tbody tr").filter({ hasText: milestone }).locator("td.target");
  await expect(created.getByRole("link", { name: /^CAJ25-01/ })).toHaveAttribute("href", `/proposals/${proposal.id}`);
  await expect(created).toContainText(`Milestone: ${milestone}`);

  // A user: the user's name, never the raw id (the demo accounts, created by the seed).
  await page.goto("/audit?action=user.created&actor=system");
  const targets = await page.locator("tbody td.target").allTextContents();
  expect(targets).toHaveLength(5);
  for (const target of targets) for (const id of userIds) expect(target).not.toContain(id);
  expect(targets.sort()).toEqual(
    ["Aigerim Nurlanova", "Alisher Tursunov", "Kenji Sato", "Timur Rakhimov", "Yuki Tanaka"].map((n) => expect.stringContaining(n)),
  );
  await page.screenshot({ path: screenshotPath("audit-targets"), fullPage: false });
});

test("the local time column is the reader's time zone, not UTC again, with the UTC instant kept (issue 12 item 5)", async ({ browser, login }) => {
  const context = await inTashkent(browser);
  const page = await context.newPage();
  await login("viewer", { page, to: "/audit?action=proposal.imported&proposal=CAJ25-01" });
  const row = page.locator("tbody tr").first();
  const iso = (await row.locator("td").nth(1).locator("time").getAttribute("datetime"))!;
  const local = row.locator("td").nth(2);
  const expected = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tashkent" }).format(new Date(iso));
  await expect(local).toHaveText(expected);
  expect(await row.locator("td").nth(1).innerText()).not.toContain(expected.split(", ").pop());
  await expect(local.locator("time")).toHaveAttribute("datetime", iso);
  await expect(local.locator("time")).toHaveAttribute("title", `${iso.slice(0, 16).replace("T", " ")} UTC`);
  await expect(page.getByRole("columnheader", { name: "Local time (Asia/Tashkent)" })).toBeVisible();
  await context.close();
});
