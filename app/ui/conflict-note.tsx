import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { HEALTHS, STATUSES } from "~/modules/proposals/vocabulary";
import type { ConflictView } from "~/lib/forms";

const SHOWN = ["status", "title", "dueDate", "version", "health", "note", "comment"] as const satisfies readonly (keyof typeof FIELD)[];
const FIELD = {
  status: "field.status",
  title: "field.title",
  dueDate: "field.dueDate",
  version: "p.version",
  health: "field.health",
  note: "field.note",
  comment: "field.comment",
} as const satisfies Record<string, MessageKey>;
const isStatus = (v: unknown): v is (typeof STATUSES)[number] => (STATUSES as readonly unknown[]).includes(v);
const isHealth = (v: unknown): v is (typeof HEALTHS)[number] => (HEALTHS as readonly unknown[]).includes(v);

/** A small form's 409: the values saved now; what the user typed stays in the form below. */
export function ConflictNote({ conflict }: { conflict: ConflictView }) {
  const t = useT();
  const current = conflict.current;
  return (
    <div className="form-error" role="alert">
      <p>{t("p.currentValues")}</p>
      <ul>
        {SHOWN.filter((k) => k in current).map((k) => {
          const v = current[k];
          return (
            <li key={k}>
              {t(FIELD[k])}: {k === "status" && isStatus(v) ? t(`status.${v}`) : k === "health" && isHealth(v) ? t(`health.${v}`) : String(v ?? "—")}
            </li>
          );
        })}
      </ul>
      <p>{t("p.keptBelow")}</p>
    </div>
  );
}
