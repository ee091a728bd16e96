// Issue 16, evidence: links and files (stored once per SHA-256, the hash in the audit event),
// refusals that store nothing, the evidence-gated workflow, and audit:verify catching a stored
// file altered behind the application's back — on whichever database the suite runs against.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { readDb } from "~/db.server";
import { ForbiddenError, RuleError } from "~/lib/errors";
import { render } from "~/i18n/translate";
import { evidenceFile } from "~/modules/evidence/queries.server";
import { addEvidence } from "~/modules/evidence/service.server";
import { addMilestone, updateMilestone } from "~/modules/milestones/service.server";
import { transitionStatus } from "~/modules/proposals/service.server";
import { seedDemoData } from "../../prisma/seed";
import { JPEG, pdfBytes, PNG, xlsxBytes } from "../support/evidence-files";
import { actor, ctx, proposalByRef } from "../support/factories";
import { testDatabaseUrl } from "../support/per-file-db";
import { sqlRun } from "../support/sql";

beforeAll(() => seedDemoData({ quiet: true }));

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const link = (title: string, url = "https://www.mofa.go.jp/press/release/2026.html") => ({
  kind: "link" as const,
  title,
  url,
  publisher: "MOFA Japan",
  publishedOn: "2026-03-01",
});
const file = (bytes: Uint8Array, fileName: string, title = fileName) => ({ kind: "file" as const, title, publisher: "", publishedOn: "", bytes, fileName });
const stored = () => readDb.storedFile.count();

describe("evidence", () => {
  it("adds a link and a file, each with its audit event; the file is stored under its SHA-256 and once", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-05");
    const before = await stored();
    await addEvidence(analyst, p.id, {}, link("Joint statement of the Digital Hub launch"), ctx);
    const pdf = await pdfBytes();
    const added = await addEvidence(analyst, p.id, {}, file(pdf, "memorandum.pdf", "Signed memorandum"), ctx);
    // The same bytes again: a second item, one stored file.
    await addEvidence(analyst, p.id, {}, file(pdf, "copy.pdf"), ctx);
    expect(await stored()).toBe(before + 1);

    const item = await readDb.evidence.findUniqueOrThrow({ where: { id: added.id } });
    expect(item).toMatchObject({ kind: "file", sha256: sha(pdf), byteSize: pdf.byteLength, mediaType: "application/pdf", fileName: "memorandum.pdf", url: "" });
    const event = await readDb.auditEvent.findFirstOrThrow({ where: { action: "evidence.added", entityId: added.id } });
    expect(event).toMatchObject({ entityType: "evidence", proposalId: p.id, actorId: analyst.id });
    expect(event.changes).toContain(sha(pdf));
    const download = await evidenceFile(added.id);
    expect(Buffer.from(download.content).equals(Buffer.from(pdf))).toBe(true);
  });

  it("reads each admitted type from the bytes, whatever the file is called", async () => {
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-06");
    for (const [bytes, name, mediaType] of [
      [xlsxBytes(), "budget.pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      [PNG, "photo.docx", "image/png"],
      [JPEG, "scan", "image/jpeg"],
    ] as const) {
      const { id } = await addEvidence(manager, p.id, {}, file(bytes, name), ctx);
      expect((await readDb.evidence.findUniqueOrThrow({ where: { id } })).mediaType).toBe(mediaType);
    }
  });

  it("refuses an empty file, one of another type, and one over 20 MB, on the file field, storing nothing", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-05");
    const [files, items, events] = await Promise.all([stored(), readDb.evidence.count(), readDb.auditEvent.count()]);
    for (const [bytes, words] of [
      [new Uint8Array(), "empty"],
      [new TextEncoder().encode("<html>not a document</html>"), "not a PDF, DOCX, XLSX, PNG or JPEG"],
      [new Uint8Array(20 * 1024 * 1024 + 1), "the limit is 20 MB"],
    ] as const) {
      const error = await addEvidence(analyst, p.id, {}, file(bytes, "x.pdf"), ctx).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuleError);
      expect((error as RuleError).status).toBe(400);
      expect((error as RuleError).field).toBe("file");
      expect(render("en", (error as RuleError).detail)).toContain(words);
    }
    expect([await stored(), await readDb.evidence.count(), await readDb.auditEvent.count()]).toEqual([files, items, events]);
  });

  it("refuses an analyst who does not own the proposal, and a milestone of another proposal", async () => {
    const other = await actor("analyst2@example.org");
    const p = await proposalByRef("CAJ25-05"); // owned by analyst@
    await expect(addEvidence(other, p.id, {}, link("Not mine"), ctx)).rejects.toBeInstanceOf(ForbiddenError);
    const manager = await actor("manager@example.org");
    const elsewhere = await readDb.milestone.findFirstOrThrow({ where: { proposal: { reference: "CAJ25-06" } }, select: { id: true } });
    await expect(addEvidence(manager, p.id, { milestoneId: elsewhere.id }, link("Wrong milestone"), ctx)).rejects.toMatchObject({ status: 404 });
    expect(await readDb.evidence.count({ where: { title: { in: ["Not mine", "Wrong milestone"] } } })).toBe(0);
  });
});

describe("the evidence-gated workflow", () => {
  it("refuses completing a proposal without evidence, then completes it once it has some", async () => {
    const manager = await actor("manager@example.org");
    const p = await proposalByRef("CAJ25-07");
    // Its planned milestones out of the way, so the evidence rule is the one left.
    for (const m of await readDb.milestone.findMany({ where: { proposalId: p.id, status: "planned" } })) {
      await updateMilestone(
        manager,
        p.id,
        {
          intent: "edit-milestone",
          milestoneId: m.id,
          title: m.title,
          dueDate: m.dueDate.toISOString().slice(0, 10),
          status: "cancelled",
          note: m.note,
          version: m.version,
        },
        ctx,
      );
    }
    expect(await readDb.evidence.count({ where: { proposalId: p.id } })).toBe(0);
    const error = await transitionStatus(manager, p.id, { to: "completed", note: "Done.", version: p.version }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as Error).message).toContain("without evidence");
    expect((await proposalByRef("CAJ25-07")).status).toBe("in_progress");

    const m = await readDb.milestone.findFirstOrThrow({ where: { proposalId: p.id }, select: { id: true } });
    await addEvidence(manager, p.id, { milestoneId: m.id }, link("Final report of the working group"), ctx);
    await transitionStatus(manager, p.id, { to: "completed", note: "Done.", version: p.version }, ctx);
    expect((await proposalByRef("CAJ25-07")).status).toBe("completed");
  });

  it("refuses marking a milestone that needs evidence done until it has its own, naming it", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-16");
    // Evidence on the proposal does not count for the milestone.
    await addEvidence(analyst, p.id, {}, link("A general statement"), ctx);
    const { id } = await addMilestone(
      analyst,
      p.id,
      { intent: "add-milestone", title: "Agreement signed", dueDate: "2026-10-01", note: "", evidenceRequired: true },
      ctx,
    );
    const m = await readDb.milestone.findUniqueOrThrow({ where: { id } });
    expect(m.evidenceRequired).toBe(true);
    const done = {
      intent: "edit-milestone" as const,
      milestoneId: id,
      title: m.title,
      dueDate: "2026-10-01",
      status: "done" as const,
      completedOn: "2026-09-30",
      note: "",
    };
    const error = await updateMilestone(analyst, p.id, { ...done, version: m.version }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as Error).message).toContain("“Agreement signed” needs evidence");
    expect((await readDb.milestone.findUniqueOrThrow({ where: { id } })).status).toBe("planned");

    // Clearing the flag in the edit that marks it done does not get round it.
    const cleared = await updateMilestone(analyst, p.id, { ...done, evidenceRequired: false, version: m.version }, ctx).catch((e: unknown) => e);
    expect(cleared).toBeInstanceOf(RuleError);

    await addEvidence(analyst, p.id, { milestoneId: id }, link("The signed agreement"), ctx);
    await updateMilestone(analyst, p.id, { ...done, version: m.version }, ctx);
    expect((await readDb.milestone.findUniqueOrThrow({ where: { id } })).status).toBe("done");
  });
});

function auditVerify(): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) =>
    execFile("node_modules/.bin/tsx", ["scripts/audit-verify.ts"], { env: { ...process.env, DATABASE_URL: testDatabaseUrl } }, (error, stdout) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout }),
    ),
  );
}

describe("audit:verify and stored files", () => {
  it("passes while every file matches its hash, and fails naming the file altered in the database", async () => {
    const analyst = await actor("analyst@example.org");
    const p = await proposalByRef("CAJ25-01");
    const pdf = await pdfBytes("The evidence that will be altered.");
    await addEvidence(analyst, p.id, {}, file(pdf, "altered.pdf"), ctx);
    const ok = await auditVerify();
    expect(ok.stdout).toMatch(/OK: \d+ stored files match their SHA-256/);
    expect(ok.code).toBe(0);

    const tampered = Buffer.from(pdf);
    tampered[tampered.length - 10] ^= 0xff;
    expect(await sqlRun('UPDATE "StoredFile" SET "content" = ? WHERE "sha256" = ?', tampered, sha(pdf))).toBe(1);
    const failed = await auditVerify();
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`FAILED: the stored file ${sha(pdf)} does not match its hash: its bytes hash to ${sha(tampered)}`);
    // The chain itself is intact: only the file is named.
    expect(failed.stdout).toMatch(/OK: \d+ events verified/);
    await sqlRun('UPDATE "StoredFile" SET "content" = ? WHERE "sha256" = ?', Buffer.from(pdf), sha(pdf));

    // An evidence row pointed at another stored file: its evidence.added event disagrees.
    const item = await readDb.evidence.findFirstOrThrow({ where: { fileName: "altered.pdf" } });
    const other = await readDb.storedFile.findFirstOrThrow({ where: { sha256: { not: sha(pdf) } }, select: { sha256: true } });
    await sqlRun('UPDATE "Evidence" SET "sha256" = ? WHERE "id" = ?', other.sha256, item.id);
    const repointed = await auditVerify();
    expect(repointed.code).toBe(1);
    expect(repointed.stdout).toContain(`FAILED: evidence ${item.id} cites the stored file ${other.sha256}: its evidence.added event recorded ${sha(pdf)}`);
    await sqlRun('UPDATE "Evidence" SET "sha256" = ? WHERE "id" = ?', sha(pdf), item.id);
    expect((await auditVerify()).code).toBe(0);
  });
});
