// A proposal with a long life: its page shows the latest 20 progress updates and the latest 50
// history events, says so, and links to the rest (all updates on the page; the whole history in
// the audit log). On a copy of the test database, with a server of its own, so the updates
// posted here do not reach other specs' proposals.
import { copyOfE2eDatabase } from "../support/e2e-databases.js";
import { expect, PASSWORD, screenshotPath, signInThroughUi, test } from "./fixtures";
import { postForm, sidePort, startServer, withDatabase } from "./support-server";

const UPDATES = 55;

test("a proposal with many updates and events shows the latest, says so, and links to all of them", async ({ browser }) => {
  test.setTimeout(120_000);
  const copy = await copyOfE2eDatabase("long-records");
  const server = await startServer(sidePort(64), { DATABASE_URL: copy.url, COOKIE_SECURE: "false" });
  try {
    const [{ id }] = await withDatabase((db) => db.all<{ id: string }>(`SELECT "id" FROM "Proposal" WHERE "reference" = 'CAJ25-03'`), copy.target);
    const login = await postForm(server.url, "/login", { email: "manager@example.org", password: PASSWORD });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    expect(login.status).toBe(302);
    // Each update posted as the page's form posts it: with the token of a fresh render.
    for (let i = 1; i <= UPDATES; i++) {
      const page = await (await fetch(`${server.url}/proposals/${id}`, { headers: { cookie } })).text();
      const formToken = /name="formToken" value="([^"]+)"/.exec(page)?.[1] ?? "";
      const posted = await postForm(
        server.url,
        `/proposals/${id}`,
        { intent: "post-update", formId: "post-update", formToken, health: "on_track", body: `Weekly note number ${i}` },
        { cookie },
      );
      expect(posted.status, `update ${i}`).toBe(302);
    }

    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await signInThroughUi(page, "manager");
    await page.goto(`/proposals/${id}`);
    const updates = page.locator("section[aria-labelledby=updates-h]");
    await expect(updates.locator(".timeline-list > li")).toHaveCount(20);
    await expect(updates.locator(".timeline-list > li").first()).toContainText(`Weekly note number ${UPDATES}`);
    await expect(updates).toContainText("The latest 20 updates are shown.");
    const history = page.locator("section[aria-labelledby=history-h]");
    await expect(history).toContainText("The latest 50 events are shown.");
    await page.screenshot({ path: screenshotPath("long-record-1440"), fullPage: true });

    // All updates, on the same page.
    await updates.getByRole("link", { name: "Show all progress updates" }).click();
    await expect(page).toHaveURL(/updates=all/);
    await expect(updates.locator(".timeline-list > li")).toHaveCount(await countUpdates(copy.target, id));
    await expect(updates.locator(".timeline-list > li").last()).toContainText(/Weekly note number 1$/);
    await expect(updates).not.toContainText("The latest 20 updates are shown.");

    // The whole history: the audit log, filtered to this proposal.
    await history.getByRole("link", { name: "The whole history in the audit log" }).click();
    await expect(page).toHaveURL(/\/audit\?proposal=CAJ25-03/);
    await page.screenshot({ path: screenshotPath("long-record-audit-1440"), fullPage: true });
    await expect(page.locator("main")).toContainText("CAJ25-03");
    await context.close();
  } finally {
    await server.stop();
    await copy.drop();
  }
});

async function countUpdates(target: string, id: string): Promise<number> {
  const [{ n }] = await withDatabase((db) => db.all<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "ProgressUpdate" WHERE "proposalId" = ?`, id), target);
  return Number(n);
}
