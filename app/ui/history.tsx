import { Link } from "@remix-run/react";
import { formatUtc } from "./format";
import { FIELD_LABEL, STATUS_LABEL, MILESTONE_STATUS_LABEL, HEALTH_LABEL, AREA_LABEL } from "./labels";

/** An audit row as the page receives it (serialised). */
export type HistoryEvent = {
  seq: number;
  occurredAt: string;
  actorName: string;
  actorRole: string;
  action: string;
  proposalId: string | null;
  changes: { field: string; from?: unknown; to?: unknown }[];
  reason: string;
};

const ACTION_WORDS: Record<string, string> = {
  "proposal.created": "created the proposal",
  "proposal.updated": "edited the proposal",
  "proposal.status_changed": "changed the status",
  "proposal.owner_changed": "reassigned the owner",
  "proposal.imported": "imported the proposal",
  "milestone.created": "added a milestone",
  "milestone.updated": "updated a milestone",
  "milestone.completed": "completed a milestone",
  "milestone.reordered": "reordered the milestones",
  "update.posted": "posted a progress update",
};

export function describeAction(action: string): string {
  return ACTION_WORDS[action] ?? action;
}

const VALUE_WORDS: Record<string, Record<string, string>> = {
  status: { ...STATUS_LABEL, ...MILESTONE_STATUS_LABEL },
  health: HEALTH_LABEL,
  area: AREA_LABEL,
};

/** A change's value as text (React escapes it: markup in a value is shown, never run). */
export function showValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "∅";
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  const text = String(value);
  return VALUE_WORDS[field]?.[text] ?? text;
}

export function ChangeList({ changes }: { changes: HistoryEvent["changes"] }) {
  if (!changes.length) return null;
  return (
    <ul className="change-list">
      {changes.map((c, i) => (
        <li key={i}>
          <strong>{FIELD_LABEL[c.field] ?? c.field}</strong>:{" "}
          {c.from === null || c.from === undefined ? null : (
            <>
              <span className="diff-from">{showValue(c.field, c.from)}</span> →{" "}
            </>
          )}
          <span className="diff-to">{showValue(c.field, c.to)}</span>
        </li>
      ))}
    </ul>
  );
}

export function HistoryList({ events, showTarget = false }: { events: HistoryEvent[]; showTarget?: boolean }) {
  if (!events.length) return <p className="empty">No changes recorded yet.</p>;
  return (
    <ol className="timeline-list">
      {events.map((e) => (
        <li key={e.seq}>
          <div>
            <strong>{e.actorName}</strong> <span className="muted">({e.actorRole})</span> {describeAction(e.action)}
            {showTarget && e.proposalId ? (
              <>
                {" "}
                · <Link to={`/proposals/${e.proposalId}`}>view</Link>
              </>
            ) : null}
          </div>
          <div className="muted">
            <time dateTime={e.occurredAt} title={e.occurredAt}>
              {formatUtc(e.occurredAt)}
            </time>
          </div>
          <ChangeList changes={e.changes} />
          {e.reason ? <p className="muted">Note: {e.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}
