import { Form, Link, useLocation } from "@remix-run/react";
import type { ProposalFilters } from "~/modules/proposals/filter-types";

/** Per-value counts for the selects, e.g. "In progress (13)". */
export type Facets = Record<"status" | "area" | "health" | "owner" | "country", Record<string, number>>;
import { AREAS, COUNTRIES, HEALTHS, STATUSES } from "~/modules/proposals/vocabulary";
import { useT } from "~/i18n";
import { PhoneFold } from "~/ui/phone-fold";

type Owner = { id: string; name: string };

/**
 * The filter form shared by the list and the board: a plain GET form, so filters live in the URL.
 * A phone folds it behind "Filters (n active)", n counting the chips shown below it.
 */
export function ProposalFilterForm({
  filters,
  owners,
  action,
  facets,
  keep = {},
}: {
  filters: ProposalFilters;
  owners: Owner[];
  action: string;
  facets?: Facets;
  /** Parameters of the page itself that the form sends back unchanged (the compliance round). */
  keep?: Record<string, string>;
}) {
  const one = (values: string[]) => (values.length === 1 ? values[0] : "");
  const t = useT();
  const active = activeFilters(useLocation().search).length;
  return (
    <PhoneFold summary={active ? t("filter.foldActive", { count: active }) : t("filter.fold")}>
      <Form method="get" action={action} className="card filters" role="search" aria-label={t("filter.label")}>
        <div className="field">
          <label htmlFor="f-q">{t("filter.search")}</label>
          <input id="f-q" type="search" name="q" defaultValue={filters.q ?? ""} placeholder={t("filter.searchHint")} />
        </div>
        <Select
          id="f-status"
          name="status"
          label={t("filter.status")}
          value={one(filters.status)}
          counts={facets?.status}
          options={STATUSES.map((s) => [s, t(`status.${s}`)])}
        />
        <Select
          id="f-area"
          name="area"
          label={t("filter.area")}
          value={one(filters.area)}
          counts={facets?.area}
          options={AREAS.map((a) => [a, t(`area.${a}`)])}
        />
        <Select
          id="f-owner"
          name="owner"
          label={t("filter.owner")}
          value={filters.owner ?? ""}
          counts={facets?.owner}
          options={owners.map((o) => [o.id, o.name])}
        />
        <Select
          id="f-country"
          name="country"
          label={t("filter.country")}
          value={one(filters.country)}
          counts={facets?.country}
          options={COUNTRIES.map((c) => [c, t(`country.${c}`)])}
        />
        <Select
          id="f-health"
          name="health"
          label={t("filter.health")}
          value={one(filters.health)}
          counts={facets?.health}
          options={HEALTHS.map((h) => [h, t(`health.${h}`)])}
        />
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {filters.overdue ? <input type="hidden" name="overdue" value="1" /> : null}
        {filters.assignee ? <input type="hidden" name="assignee" value={filters.assignee} /> : null}
        {filters.stale ? <input type="hidden" name="stale" value={filters.stale} /> : null}
        {filters.historical !== "include" ? <input type="hidden" name="historical" value={filters.historical} /> : null}
        {filters.summit.map((s) => (
          <input key={s} type="hidden" name="summit" value={s} />
        ))}
        {filters.sort !== "reference" && filters.sort !== "relevance" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
        {filters.dir !== "asc" ? <input type="hidden" name="dir" value={filters.dir} /> : null}
        <div className="actions">
          <button type="submit" className="button">
            {t("filter.apply")}
          </button>
          <Link to={action} className="button secondary">
            {t("filter.clear")}
          </Link>
        </div>
      </Form>
    </PhoneFold>
  );
}

function Select({
  id,
  name,
  label,
  value,
  options,
  counts,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: [string, string][];
  counts?: Record<string, number>;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">{t("filter.any")}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {counts ? `${l} (${counts[v] ?? 0})` : l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The URL's parameters that filter (not the order or the page). */
const FILTER_KEYS = ["status", "area", "country", "health", "owner", "assignee", "summit", "q", "historical", "overdue", "stale"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const isFilterKey = (key: string): key is FilterKey => FILTER_KEYS.some((k) => k === key);

/** The filters a list address sets, one entry a value (a multi-valued filter gives several). */
function activeFilters(search: string) {
  const set: { key: FilterKey; value: string }[] = [];
  for (const [key, value] of new URLSearchParams(search)) if (isFilterKey(key) && value) set.push({ key, value });
  return set;
}

/** Chips for the active filters, each a link that removes it (works for multi-valued filters too). */
export function ActiveFilters({ search, owners, summits = [] }: { search: string; owners: Owner[]; summits?: Owner[] }) {
  const t = useT();
  // Values come from the URL: a code the catalogue does not know is shown as it was typed.
  const word = (key: string, v: string) => t.known(key, v);
  const chip = (filter: string, value: string) => t("filter.chip", { filter, value });
  const names: Record<FilterKey, (v: string) => string> = {
    status: (v) => chip(t("filter.status"), word(`status.${v}`, v)),
    area: (v) => chip(t("filter.area"), word(`area.${v}`, v)),
    country: (v) => chip(t("filter.country"), word(`country.${v}`, v)),
    health: (v) => chip(t("filter.health"), word(`health.${v}`, v)),
    owner: (v) => chip(t("filter.owner"), owners.find((o) => o.id === v)?.name ?? v),
    assignee: (v) => chip(t("field.assignee"), owners.find((o) => o.id === v)?.name ?? v),
    summit: (v) => chip(t("filter.summit"), summits.find((s) => s.id === v)?.name ?? v),
    q: (v) => t("filter.chip.search", { words: v }),
    historical: (v) => t(`filter.chip.historical.${v === "only" || v === "exclude" ? v : "include"}`),
    overdue: () => t("filter.chip.overdue"),
    stale: (v) => t(v === "red" ? "filter.chip.stale.red" : "filter.chip.stale.amber"),
  };
  const chips = activeFilters(search).map((f) => ({ ...f, label: names[f.key](f.value) }));
  if (!chips.length) return null;
  return (
    <p className="actions" aria-label={t("filter.active")}>
      {chips.map((c) => {
        const next = new URLSearchParams(search);
        const rest = next.getAll(c.key).filter((v) => v !== c.value);
        next.delete(c.key);
        rest.forEach((v) => next.append(c.key, v));
        next.delete("page");
        return (
          <Link key={`${c.key}=${c.value}`} className="tag" to={`?${next}`} aria-label={t("filter.remove", { label: c.label })}>
            {c.label} ×
          </Link>
        );
      })}
    </p>
  );
}
