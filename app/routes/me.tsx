// "My work" (issue 12): the analyst's landing page. My open proposals, my milestones overdue and
// due within 30 days (each with "Mark done" where I may change it), and what others changed on
// the proposals I follow.
import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { z } from "zod";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { readAuthorisedForm, submitForm, type Done } from "~/lib/form-action.server";
import { useAppForm } from "~/lib/forms";
import { cachedRead } from "~/lib/read-cache.server";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { id, version } from "~/lib/schema-fields";
import { newFormToken } from "~/lib/submissions.server";
import { readDb } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { updateMilestone } from "~/modules/milestones/service.server";
import { dateToDay } from "~/modules/proposals/text";
import { canEditProposal } from "~/modules/proposals/workflow";
import { listHref } from "~/modules/proposals/list-links";
import { requireUser } from "~/modules/users/session.server";
import { myProposalsQuery } from "~/modules/work/links";
import { myMilestones, myProposals, watchedChanges } from "~/modules/work/queries.server";
import { CHANGES_WITHIN_DAYS, DUE_WITHIN_DAYS } from "~/modules/work/windows";
import { HealthBadge, ProgressBar, StatusBadge } from "~/ui/badges";
import { ConflictNote } from "~/ui/conflict-note";
import { FormErrors } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { formatDay } from "~/ui/format";
import { HistoryList } from "~/ui/history";
import { PageHeader } from "~/ui/page-header";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("me.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const [proposals, milestones, changes] = await Promise.all([
    cachedRead(`me:proposals:${user.id}`, () => myProposals(user.id)),
    myMilestones(user.id, now),
    watchedChanges(user.id, now),
  ]);
  const mayChange = (ownerId: string) => canEditProposal({ id: user.id, role: user.role }, { ownerId });
  const withRight = (list: typeof milestones.overdue) => list.map((m) => ({ ...m, canEdit: mayChange(m.ownerId) }));
  return json({
    userId: user.id,
    proposals,
    overdue: withRight(milestones.overdue),
    dueSoon: withRight(milestones.dueSoon),
    changes,
    today: now.toISOString(),
    formToken: newFormToken(),
  });
}

const completeSchema = z.object({ intent: z.literal("complete-milestone"), proposalId: id, milestoneId: id, version });

/** "Mark done": the milestone done today, through the same service and rules as its own form. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  const formData = await readAuthorisedForm(request);
  const back: Done = { redirectTo: "/me", flash: msg("flash.alreadySaved") };
  return submitForm(request, formData, {
    formId: `complete-${String(formData.get("milestoneId") ?? "").slice(0, 64)}`,
    schema: completeSchema,
    write: async (v) => {
      const m = await readDb.milestone.findUnique({ where: { id: v.milestoneId }, select: { title: true, dueDate: true, note: true, assigneeId: true } });
      if (!m) throw new NotFoundError(msg("what.milestone"));
      const done = dateToDay(new Date());
      await updateMilestone(
        actor,
        v.proposalId,
        {
          ...v,
          intent: "edit-milestone",
          title: m.title,
          dueDate: dateToDay(m.dueDate),
          status: "done",
          completedOn: done,
          note: m.note,
          assigneeId: m.assigneeId ?? "",
        },
        ctx,
      );
      return m.title;
    },
    done: (title) => ({ redirectTo: "/me", flash: msg("flash.milestoneDone", { title }) }),
    once: { userId: user.id, context: ctx, replay: () => back },
  });
}

export default function MyWork() {
  const { userId, proposals, overdue, dueSoon, changes, formToken } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeader eyebrow={t("me.eyebrow")} title={t("me.title")} />
      <div className="grid grid-2">
        <section className="card" aria-labelledby="my-milestones-h">
          <h2 id="my-milestones-h">{t("me.milestones")}</h2>
          <p className="muted">{t("me.milestonesHint", { days: DUE_WITHIN_DAYS })}</p>
          {overdue.length + dueSoon.length === 0 ? <p className="empty">{t("me.noMilestones")}</p> : null}
          {overdue.length ? (
            <>
              <h3>{t("me.overdue", { count: overdue.length })}</h3>
              <MilestoneList rows={overdue} token={formToken} />
            </>
          ) : null}
          {dueSoon.length ? (
            <>
              <h3>{t("me.dueSoon", { count: dueSoon.length })}</h3>
              <MilestoneList rows={dueSoon} token={formToken} />
            </>
          ) : null}
        </section>

        <section className="card" aria-labelledby="my-proposals-h">
          <h2 id="my-proposals-h">{t("me.proposals", { count: proposals.total })}</h2>
          {proposals.rows.length === 0 ? <p className="empty">{t("me.noProposals")}</p> : null}
          <ul className="plain-list">
            {proposals.rows.map((p) => (
              <li key={p.id}>
                <Link to={`/proposals/${p.id}`}>
                  {p.reference} {p.title}
                </Link>
                <div className="actions">
                  <StatusBadge status={p.status} />
                  <HealthBadge health={p.health} />
                  <ProgressBar value={p.progress} label={t("list.progressOf", { reference: p.reference })} />
                </div>
              </li>
            ))}
          </ul>
          {proposals.total > proposals.rows.length ? (
            <Link to={listHref(myProposalsQuery(userId))}>{t("me.allProposals", { count: proposals.total })}</Link>
          ) : null}
        </section>
      </div>

      <section className="card" aria-labelledby="watched-h">
        <h2 id="watched-h">{t("me.changes")}</h2>
        <p className="muted">{t("me.changesHint", { days: CHANGES_WITHIN_DAYS, watching: changes.watching })}</p>
        {changes.events.length === 0 ? <p className="empty">{t("me.noChanges")}</p> : <HistoryList events={changes.events} showTarget />}
      </section>
    </>
  );
}

type MilestoneItem = ReturnType<typeof useLoaderData<typeof loader>>["overdue"][number];

function MilestoneList({ rows, token }: { rows: MilestoneItem[]; token: string }) {
  const t = useT();
  return (
    <ul className="plain-list">
      {rows.map((m) => (
        <li key={m.id}>
          <div>
            <Link to={`/proposals/${m.proposalId}`}>{m.reference}</Link> {m.title}
          </div>
          <div className="muted">
            {t("p.due", { date: formatDay(m.dueDate, t.locale) })}
            {m.daysOverdue > 0 ? <span className="stale-red"> · {t("me.daysLate", { days: m.daysOverdue })}</span> : null}
            {m.assigneeName ? ` · ${t("p.assignedTo", { name: m.assigneeName })}` : ""}
          </div>
          {m.canEdit ? <CompleteForm milestone={m} token={token} /> : null}
        </li>
      ))}
    </ul>
  );
}

function CompleteForm({ milestone: m, token }: { milestone: MilestoneItem; token: string }) {
  const formId = `complete-${m.id}`;
  const { form, answer, posting } = useAppForm({ id: formId, schema: completeSchema });
  const t = useT();
  return (
    <Form method="post" {...getFormProps(form)} className="inline-actions">
      <FormMeta formId={formId} token={token} intent="complete-milestone" />
      <input type="hidden" name="proposalId" value={m.proposalId} />
      <input type="hidden" name="milestoneId" value={m.id} />
      <input type="hidden" name="version" value={m.version} />
      <FormErrors form={form} />
      {answer?.conflict ? <ConflictNote conflict={answer.conflict} /> : null}
      <button type="submit" className="button small secondary" disabled={posting} aria-label={t("me.markDoneOf", { title: m.title })}>
        {t("me.markDone")}
      </button>
    </Form>
  );
}
