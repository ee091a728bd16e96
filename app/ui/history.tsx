import { Link } from "@remix-run/react";
import { formatUtc } from "./format";
import { useT, type T } from "~/i18n";

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

export function describeAction(t: T, action: string): string {
  return t.known(`action.${action}`, action);
}

const VALUE_PREFIX: Record<string, string[]> = {
  status: ["status", "milestone", "roundStatus"],
  health: ["health"],
  area: ["area"],
  priority: ["priority"],
  kind: ["roundKind", "evidence.kind"],
  country: ["country"],
  attachedTo: ["entity"],
  candidate: ["candidate"],
  mailFrequency: ["mailFrequency"],
  calendarFeed: ["calendarFeed"],
  locale: ["localeName"],
  language: ["docLanguage"],
};

/** A change's value as text (React escapes it: markup in a value is shown, never run). */
export function showValue(t: T, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "∅";
  if (typeof value === "boolean") return t(value ? "value.yes" : "value.no");
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  const text = String(value);
  for (const prefix of VALUE_PREFIX[field] ?? []) {
    const word = t.known(`${prefix}.${text}`, "");
    if (word) return word;
  }
  return text;
}

function fieldName(t: T, field: string): string {
  return t.known(`field.${field}`, field);
}

export function ChangeList({ changes }: { changes: HistoryEvent["changes"] }) {
  const t = useT();
  if (!changes.length) return null;
  return (
    <ul className="change-list">
      {changes.map((c, i) => (
        <li key={i}>
          <strong>{fieldName(t, c.field)}</strong>:{" "}
          {c.from === null || c.from === undefined ? null : (
            <>
              <span className="diff-from">{showValue(t, c.field, c.from)}</span> →{" "}
            </>
          )}
          <span className="diff-to">{showValue(t, c.field, c.to)}</span>
        </li>
      ))}
    </ul>
  );
}

export function HistoryList({ events, showTarget = false }: { events: HistoryEvent[]; showTarget?: boolean }) {
  const t = useT();
  if (!events.length) return <p className="empty">{t("history.empty")}</p>;
  return (
    <ol className="timeline-list">
      {events.map((e) => (
        <li key={e.seq}>
          <div>
            <strong>{e.actorName}</strong> <span className="muted">({t.known(`role.${e.actorRole}`, e.actorRole)})</span> {describeAction(t, e.action)}
            {showTarget && e.proposalId ? (
              <>
                {" "}
                · <Link to={`/proposals/${e.proposalId}`}>{t("history.view")}</Link>
              </>
            ) : null}
          </div>
          <div className="muted">
            <time dateTime={e.occurredAt} title={e.occurredAt}>
              {formatUtc(e.occurredAt)}
            </time>
          </div>
          <ChangeList changes={e.changes} />
          {e.reason ? <p className="muted">{t("history.note", { note: e.reason })}</p> : null}
        </li>
      ))}
    </ol>
  );
}
