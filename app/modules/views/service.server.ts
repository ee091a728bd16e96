// Saved views of the proposals list (issue 12 item 9): anyone signed in saves the list's current
// filters and sort under a name, private (seen by them alone) or shared with everyone. The
// owner deletes a view; a manager may also delete a shared one. Creates and deletes are audited
// in the same transaction.
import { rawRead, readDb, writeTransaction } from "~/db.server";
import { column, rowParser } from "~/lib/sql-rows.server";
import { msg } from "~/i18n/message";
import { RuleError } from "~/lib/errors";
import { recordAuditEvent, type RequestContext } from "~/modules/audit/record.server";
import { refuse, type ServiceActor } from "~/modules/proposals/guard.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { filtersQuery } from "~/modules/proposals/list-links";
import { roleAtLeast } from "~/modules/users/roles";

const actorOf = (a: ServiceActor) => ({ id: a.id, name: a.name, role: a.role });

const viewRow = rowParser("saved view", {
  id: column.text,
  name: column.text,
  query: column.text,
  shared: column.bool,
  ownerId: column.text,
  ownerName: column.text,
});

/** The views `userId` sees: every shared one and their own private ones, by name. */
export async function listViews(userId: string) {
  return viewRow.rows(
    await rawRead(
      `SELECT v."id", v."name", v."query", v."shared", v."ownerId", u."name" AS "ownerName"
       FROM "SavedView" v JOIN "User" u ON u."id" = v."ownerId"
       WHERE v."shared" = TRUE OR v."ownerId" = ? ORDER BY v."name", v."createdAt"`,
      [userId],
    ),
  );
}

export async function saveView(actor: ServiceActor, input: { name: string; query: string; shared: boolean }, context: RequestContext) {
  // Only what the list understands is kept, in its canonical order, without the page.
  const query = filtersQuery(parseProposalFilters(new URLSearchParams(input.query)));
  return writeTransaction(async (tx) => {
    const taken = await tx.savedView.findUnique({ where: { ownerId_name: { ownerId: actor.id, name: input.name } }, select: { id: true } });
    if (taken) throw new RuleError(msg("views.nameTaken"), { status: 422, field: "name" });
    const view = await tx.savedView.create({
      data: { ownerId: actor.id, name: input.name, query, shared: input.shared },
      select: { id: true, name: true, query: true, shared: true },
    });
    await recordAuditEvent(tx, {
      actor: actorOf(actor),
      action: "view.created",
      entityType: "view",
      entityId: view.id,
      changes: [
        { field: "name", from: null, to: view.name },
        { field: "query", from: null, to: view.query },
        { field: "shared", from: null, to: view.shared },
      ],
      context,
    });
    return view;
  });
}

/** Deletes a view: its owner may, and a manager may delete a shared one. Another user's private view is as good as absent. */
export async function deleteView(actor: ServiceActor, viewId: string, context: RequestContext) {
  const target = await readDb.savedView.findUnique({ where: { id: viewId }, select: { ownerId: true, shared: true } });
  const visible = target && (target.shared || target.ownerId === actor.id);
  if (!visible) throw new RuleError(msg("views.gone"), { status: 409 });
  if (target.ownerId !== actor.id && !roleAtLeast(actor.role, "manager")) {
    throw await refuse(actor, context, msg("refusal.deleteView"), { entityType: "view", entityId: viewId, attempted: "view.delete" });
  }
  return writeTransaction(async (tx) => {
    const view = await tx.savedView.findUnique({ where: { id: viewId }, select: { id: true, name: true, query: true, shared: true, ownerId: true } });
    if (!view) throw new RuleError(msg("views.gone"), { status: 409 });
    await tx.savedView.delete({ where: { id: viewId }, select: { id: true } });
    await recordAuditEvent(tx, {
      actor: actorOf(actor),
      action: "view.deleted",
      entityType: "view",
      entityId: view.id,
      changes: [
        { field: "name", from: view.name, to: null },
        { field: "query", from: view.query, to: null },
        { field: "shared", from: view.shared, to: null },
      ],
      reason: view.ownerId === actor.id ? "" : "a shared view deleted by a manager",
      context,
    });
    return view;
  });
}
