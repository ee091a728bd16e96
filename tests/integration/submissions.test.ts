// Issue 12, defect 2: a form that is sent twice (a double click, a browser retry, a resubmitted
// page) writes once. Through the real form-action helper, services and database.
import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { msg } from "~/i18n/message";
import { submitForm, type Done } from "~/lib/form-action.server";
import { readFlash } from "~/lib/flash.server";
import { newFormToken } from "~/lib/submissions.server";
import { progressUpdateSchema, transitionSchema } from "~/modules/proposals/schemas";
import { postProgressUpdate, transitionStatus } from "~/modules/proposals/service.server";
import type { RequestContext } from "~/modules/audit/record.server";
import { seedDemoData } from "../../prisma/seed";
import { actor, proposalByRef } from "../support/factories";
import { render } from "~/i18n/translate";

beforeAll(() => seedDemoData({ quiet: true }));

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
const request = () => new Request("http://localhost/proposals/x", { method: "POST" });
const replay = (): Done => ({ redirectTo: "/here", flash: msg("flash.alreadySaved") });

/** Posts a progress update as the proposal page does, with a fresh request context each time. */
async function postUpdate(who: string, proposalId: string, fields: Record<string, string>) {
  const a = await actor(who);
  const context: RequestContext = { requestId: newFormToken() };
  return submitForm(request(), form({ intent: "post-update", health: "on_track", ...fields }), {
    formId: "post-update",
    schema: progressUpdateSchema,
    write: (v) => postProgressUpdate(a, proposalId, v, context),
    done: () => ({ redirectTo: "/here", flash: msg("flash.updatePosted") }),
    once: { userId: a.id, context, replay },
  });
}

const updatesOf = (proposalId: string, body: string) => readDb.progressUpdate.count({ where: { proposalId, body } });
const flashOf = async (response: Response) => {
  const cookie = response.headers.get("Set-Cookie")?.split(";")[0] ?? "";
  const { flash } = await readFlash(new Request("http://localhost/", { headers: { Cookie: cookie } }));
  return flash ? render("en", flash.message) : null;
};

describe("a form sent twice writes once", () => {
  it("one after the other: the second is answered as the first, and says so", async () => {
    const p = await proposalByRef("CAJ25-09");
    const token = newFormToken();
    const first = await postUpdate("analyst@example.org", p.id, { formToken: token, body: "Sent once, twice." });
    const second = await postUpdate("analyst@example.org", p.id, { formToken: token, body: "Sent once, twice." });
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(await flashOf(first)).toBe("Progress update posted.");
    expect(await flashOf(second)).toMatch(/^That was saved already/);
    expect(await updatesOf(p.id, "Sent once, twice.")).toBe(1);
    // …and one audit event, not two.
    const events = await readDb.auditEvent.findMany({ where: { proposalId: p.id, action: "update.posted" }, select: { changes: true } });
    expect(events.filter((e) => e.changes.includes("Sent once, twice."))).toHaveLength(1);
  });

  it("at the same moment: one write, both answered as success", async () => {
    const p = await proposalByRef("CAJ25-09");
    const token = newFormToken();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => postUpdate("analyst@example.org", p.id, { formToken: token, body: "Five clicks at once." })),
    );
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302, 302, 302]);
    expect(await updatesOf(p.id, "Five clicks at once.")).toBe(1);
  });

  it("a new page (a new token), other values or no token at all are new posts", async () => {
    const p = await proposalByRef("CAJ25-09");
    const token = newFormToken();
    await postUpdate("analyst@example.org", p.id, { formToken: token, body: "Same words, new page." });
    await postUpdate("analyst@example.org", p.id, { formToken: newFormToken(), body: "Same words, new page." });
    expect(await updatesOf(p.id, "Same words, new page.")).toBe(2);
    await postUpdate("analyst@example.org", p.id, { formToken: token, body: "Other words, same page." });
    expect(await updatesOf(p.id, "Other words, same page.")).toBe(1);
    await postUpdate("analyst@example.org", p.id, { body: "No token." });
    await postUpdate("analyst@example.org", p.id, { body: "No token." });
    expect(await updatesOf(p.id, "No token.")).toBe(2);
  });

  it("the same token and values from another user are that user's own post", async () => {
    const p = await proposalByRef("CAJ25-09");
    const token = newFormToken();
    await postUpdate("analyst@example.org", p.id, { formToken: token, body: "Two people, one token." });
    await postUpdate("manager@example.org", p.id, { formToken: token, body: "Two people, one token." });
    expect(await updatesOf(p.id, "Two people, one token.")).toBe(2);
  });

  it("a refused post does not use up its token", async () => {
    const p = await proposalByRef("CAJ25-09"); // owned by analyst@, not analyst2@
    const token = newFormToken();
    await expect(postUpdate("analyst2@example.org", p.id, { formToken: token, body: "Refused first." })).rejects.toMatchObject({ status: 403 });
    expect(await readDb.submission.count({ where: { userId: (await actor("analyst2@example.org")).id } })).toBe(0);
  });

  it("a status change sent twice moves once, and the repeat is not a conflict", async () => {
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-12");
    const token = newFormToken();
    const move = () => {
      const context: RequestContext = { requestId: newFormToken() };
      return submitForm(request(), form({ intent: "transition", to: "dropped", note: "Merged into CAJ25-01.", version: String(p.version), formToken: token }), {
        formId: "transition",
        schema: transitionSchema,
        write: (v) => transitionStatus(manager, p.id, v, context),
        done: () => ({ redirectTo: "/here", flash: msg("flash.statusChanged", { status: msg("status.dropped") }) }),
        once: { userId: manager.id, context, replay },
      });
    };
    const [first, second] = [await move(), await move()];
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(await flashOf(second)).toMatch(/^That was saved already/);
    expect(await proposalByRef("CAJ25-12")).toMatchObject({ status: "dropped", version: p.version + 1 });
    // Without the token the repeat is what it is: a post on a page that is out of date.
    const stale = await submitForm(request(), form({ intent: "transition", to: "proposed", note: "x", version: String(p.version) }), {
      formId: "transition",
      schema: transitionSchema,
      write: (v) => transitionStatus(manager, p.id, v, { requestId: "r" }),
      done: replay,
    });
    expect(stale.status).toBe(409);
  });
});
