import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { msg, type Message } from "~/i18n/message";
import { TooManyError, UnavailableError } from "~/lib/errors";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useFormResult } from "~/lib/forms";
import { databaseTarget } from "~/db.server";
import { AUDIT_ACTIONS, ENTITY_TYPES } from "~/modules/audit/actions";
import { filterSearch, parseAuditQuery } from "~/modules/audit/filters";
import { auditActors, listAuditEvents } from "~/modules/audit/log.server";
import { verifyChainShared, type Verification } from "~/modules/audit/verify.server";
import { consumeVerification } from "~/modules/users/rate-limit.server";
import { requireUser } from "~/modules/users/session.server";
import { formatUtc } from "~/ui/format";
import { ChangeList } from "~/ui/history";
import { LocalTime, useLocalTimeZone } from "~/ui/local-time";
import { useT, type T } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { PageHeader } from "~/ui/page-header";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("nav.audit"));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  // An invalid date is left out of the filters and shown as a field error (400).
  const { filters, errors } = parseAuditQuery(url.searchParams);
  const [page, actors] = await Promise.all([listAuditEvents(filters), auditActors()]);
  return json({ ...page, filters, errors, actors, filterQuery: filterSearch(filters) }, { status: Object.keys(errors).length ? 400 : 200 });
}

/**
 * POST: verify the chain. It reads every event, so it is an action (never a GET link), runs in a
 * worker thread, once at a time, reuses a result younger than a minute, and is limited per user.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return submitForm(request, await readAuthorisedForm(request), {
    formId: "verify",
    schema: z.object({}),
    write: async () => {
      const allowance = await consumeVerification(user.id);
      if (!allowance.ok) throw new TooManyError(msg("audit.verifyLimited", { seconds: allowance.retryAfterSeconds }), allowance.retryAfterSeconds);
      try {
        return await verifyChainShared(databaseTarget);
      } catch (error) {
        // The worker could not read the chain (a storage fault, a run stopped after its time limit):
        // a 503 in words, never a 500 — the chain itself is not judged broken by this.
        console.error(`[audit] verification failed: ${(error as Error)?.message ?? error}`);
        throw new UnavailableError(msg("error.verifyFailed"), 30);
      }
    },
    done: (verification) => ({ stay: verification }),
  });
}

const FAMILY_ICON: Record<string, string> = { proposal: "◆", milestone: "◎", update: "✎", user: "☺", auth: "⚑" };

function actionClass(action: string) {
  if (action === "auth.forbidden" || action === "auth.login_failed") return "act act-alert";
  return `act act-${action.split(".")[0]}`;
}

/** A date filter with its error, if the URL gave a day that does not exist. */
function DateInput({ id, name, value, error }: { id: string; name: string; value?: string; error?: Message }) {
  const t = useT();
  return (
    <>
      <input
        id={id}
        type="date"
        name={name}
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t.message(error)}
        </p>
      ) : null}
    </>
  );
}

type AuditEventRow = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

/**
 * What an event is about, in words: a proposal's reference and title (linked); for a milestone
 * or a progress update, its proposal's reference (linked) and what it is; a user's name. The
 * raw id shows only where nothing by that id exists (a failed sign-in for an unknown address).
 */
// The reasons the app itself files with security events, in the reader's words. A refusal's
// reason is the refusal as it was said at the time (in English, for the record) and shows as filed.
const SYSTEM_REASONS: Record<string, MessageKey> = {
  "unknown account": "reason.unknownAccount",
  "wrong password": "reason.wrongPassword",
  "account deactivated": "reason.accountDeactivated",
  "wrong current password": "reason.wrongCurrentPassword",
  "ended by the user on the account page": "reason.sessionEnded",
  "other sessions ended by the user on the account page": "reason.otherSessionsEnded",
};

function reasonWords(t: T, reason: string | null): string | null {
  if (!reason) return reason;
  const key = Object.hasOwn(SYSTEM_REASONS, reason) ? SYSTEM_REASONS[reason] : undefined;
  if (key) return t(key);
  const role = /^requires role (viewer|analyst|manager|admin)$/.exec(reason)?.[1];
  return role ? t("reason.requiresRole", { role: t(`role.${role as "viewer"}`) }) : reason;
}

function AuditTarget({ event: e }: { event: AuditEventRow }) {
  const t = useT();
  if (e.entityType === "user" && e.targetName) return <>{t("audit.target.user", { name: e.targetName })}</>;
  if (e.entityType === "event") return <Link to={`/events/${e.entityId}`}>{t("audit.target.event")}</Link>;
  if (e.entityType === "document") return <>{t("audit.target.document")}</>;
  if (!e.proposalId) {
    return (
      <span className="muted">
        {t.known(`entity.${e.entityType}`, e.entityType)} {e.entityId.slice(0, 24)}
      </span>
    );
  }
  const to = `/proposals/${e.proposalId}`;
  if (e.entityType === "proposal") {
    return (
      <Link to={to}>
        <span className="nowrap">{e.proposalRef ?? e.proposalId}</span> {e.proposalTitle}
      </Link>
    );
  }
  return (
    <>
      <Link to={to} title={e.proposalTitle ?? undefined}>
        {e.proposalRef ?? e.proposalId}
      </Link>
      <div className="muted">
        {e.entityType === "milestone" && e.targetName
          ? t("audit.target.milestone", { title: e.targetName })
          : e.entityType === "update"
            ? t("audit.target.update")
            : e.entityType === "comment"
              ? t("audit.target.comment")
              : t.known(`entity.${e.entityType}`, e.entityType)}
      </div>
    </>
  );
}

export default function AuditLog() {
  const { rows, hasOlder, hasNewer, filters, errors, actors, filterQuery } = useLoaderData<typeof loader>();
  const answer = useFormResult<Verification>("verify");
  const verification = answer?.data;
  const refused = Object.values(answer?.result.error ?? {}).flatMap((m) => m ?? []);
  const q = filterQuery ? `${filterQuery}&` : "";
  const t = useT();
  const zone = useLocalTimeZone();
  return (
    <>
      <PageHeader eyebrow={t("audit.eyebrow")} title={t("audit.title")}>
        <p className="actions">
          <a className="button secondary" href={`/audit/export?${q}format=csv`} download>
            {t("audit.exportCsv")}
          </a>
          <a className="button secondary" href={`/audit/export?${q}format=ndjson`} download>
            {t("audit.exportNdjson")}
          </a>
        </p>
      </PageHeader>

      <section className="card chain-state" aria-labelledby="chain-h">
        <h2 id="chain-h">{t("audit.chain")}</h2>
        {verification ? (
          verification.ok ? (
            <p className="flash flash-success" role="status">
              {t("audit.verified", { at: formatUtc(verification.checkedAt), count: verification.count })}{" "}
              <code>
                {verification.head.seq}:{verification.head.hash.slice(0, 16)}…
              </code>
              {verification.source === "fresh" ? null : <> {t("audit.reused")}</>}
            </p>
          ) : (
            <p className="flash flash-error" role="alert">
              {t("audit.broken", { seq: verification.problem.seq, reason: verification.problem.reason, count: verification.count })}
            </p>
          )
        ) : refused.length ? (
          <p className="flash flash-error" role="alert">
            {refused.map(t.message).join(" ")}
          </p>
        ) : (
          <p className="muted">{t("audit.onDemand")}</p>
        )}
        {/* Posts to this page's URL, so the filters stay as they are. */}
        <Form method="post">
          <button type="submit" className="button small">
            {t("audit.verify")}
          </button>
        </Form>
      </section>

      <Form method="get" className="card filters" role="search" aria-label={t("audit.filterLabel")}>
        <div className="field">
          <label htmlFor="a-actor">{t("audit.actor")}</label>
          <select id="a-actor" name="actor" defaultValue={filters.actor ?? ""}>
            <option value="">{t("audit.anyone")}</option>
            <option value="system">{t("audit.system")}</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({t(`role.${a.role}`)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-action">{t("audit.action")}</label>
          <select id="a-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">{t("audit.anyAction")}</option>
            <option value="auth.*">{t("audit.family.auth")}</option>
            <option value="proposal.*">{t("audit.family.proposal")}</option>
            <option value="milestone.*">{t("audit.family.milestone")}</option>
            <option value="user.*">{t("audit.family.user")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-proposal">{t("audit.proposal")}</label>
          <input
            id="a-proposal"
            type="text"
            name="proposal"
            defaultValue={filters.proposal ?? ""}
            placeholder={t("audit.proposalExample", { example: "CAJ25-05" })}
          />
        </div>
        <div className="field">
          <label htmlFor="a-entity">{t("audit.entity")}</label>
          <select id="a-entity" name="entity" defaultValue={filters.entity ?? ""}>
            <option value="">{t("filter.any")}</option>
            {ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`entity.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-from">{t("audit.from")}</label>
          <DateInput id="a-from" name="from" value={filters.from} error={errors.from} />
        </div>
        <div className="field">
          <label htmlFor="a-to">{t("audit.to")}</label>
          <DateInput id="a-to" name="to" value={filters.to} error={errors.to} />
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t("filter.apply")}
          </button>
          <Link to="/audit" className="button secondary">
            {t("filter.clear")}
          </Link>
        </div>
      </Form>

      {rows.length === 0 ? (
        <div className="card empty">{t("audit.none")}</div>
      ) : (
        <div className="table-wrap">
          <table className="audit-table">
            <caption className="sr-only">{t("audit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("audit.col.time")}</th>
                <th scope="col">{zone ? t("audit.col.localIn", { zone }) : t("audit.col.local")}</th>
                <th scope="col">{t("audit.col.actor")}</th>
                <th scope="col">{t("audit.col.action")}</th>
                <th scope="col">{t("audit.col.target")}</th>
                <th scope="col">{t("audit.col.changes")}</th>
                <th scope="col">{t("audit.col.note")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.seq} data-seq={e.seq}>
                  <td className="nowrap muted">{e.seq}</td>
                  <td className="nowrap">
                    <time dateTime={e.occurredAt} title={e.occurredAt}>
                      {formatUtc(e.occurredAt).replace(" UTC", "")}
                    </time>
                  </td>
                  <td className="nowrap">
                    <LocalTime iso={e.occurredAt} />
                  </td>
                  <td>
                    {e.actorName}
                    <div className="muted">{t.known(`role.${e.actorRole}`, e.actorRole)}</div>
                  </td>
                  <td>
                    <span className={actionClass(e.action)}>
                      <span aria-hidden="true">{FAMILY_ICON[e.action.split(".")[0]] ?? "•"}</span> {e.action}
                    </span>
                  </td>
                  <td className="target">
                    <AuditTarget event={e} />
                  </td>
                  <td>
                    <ChangeList changes={e.changes} />
                  </td>
                  <td>{reasonWords(t, e.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label={t("audit.pages")}>
        {hasNewer ? (
          <>
            <Link to={`/audit${filterQuery ? `?${filterQuery}` : ""}`}>{t("audit.newest")}</Link>
            <Link to={`/audit?${q}after=${rows[0]?.seq ?? 0}`}>{t("audit.newer")}</Link>
          </>
        ) : null}
        {hasOlder ? <Link to={`/audit?${q}before=${rows[rows.length - 1].seq}`}>{t("audit.older")}</Link> : null}
      </nav>
    </>
  );
}
