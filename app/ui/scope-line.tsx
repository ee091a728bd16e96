// The sentence that says what the headline figures cover (issue 12: one definition on the
// dashboard and the briefing), with the reader's choices: which event, and whether historical
// records count. A GET form, so it works without JavaScript and the URL says the scope.
import { Form } from "@remix-run/react";
import { useT } from "~/i18n";

export type ScopeSummary = {
  count: number;
  events: string[];
  historicalIncluded: boolean;
  historicalLeftOut: number;
  chosen: string[];
  choices: { id: string; name: string }[];
};

/** `search`: the page's own query string, whose other filters the form keeps. */
export function ScopeLine({ summary, action, search = "" }: { summary: ScopeSummary; action: string; search?: string }) {
  const t = useT();
  const chosen = summary.chosen[0] ?? "";
  const kept = [...new URLSearchParams(search)].filter(([k]) => k !== "summit" && k !== "historical");
  return (
    <Form method="get" action={action} className="scope-line no-print" aria-label={t("scope.label")}>
      <p>
        {t("scope.covers", { count: summary.count, events: summary.events.length ? summary.events : [t("scope.noEvent")] })}{" "}
        {summary.historicalIncluded ? t("scope.historicalIn") : t("scope.historicalOut", { count: summary.historicalLeftOut })}
      </p>
      {kept.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <div className="scope-choices">
        <label htmlFor="scope-summit">{t("filter.summit")}</label>
        <select id="scope-summit" name="summit" defaultValue={chosen}>
          <option value="">{t("scope.allEvents")}</option>
          {summary.choices.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" name="historical" value="include" defaultChecked={summary.historicalIncluded} /> {t("scope.includeHistorical")}
        </label>
        <button type="submit" className="button small secondary">
          {t("scope.apply")}
        </button>
      </div>
    </Form>
  );
}
