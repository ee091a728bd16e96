import { Form, Link } from "@remix-run/react";
import type { ProposalFilters } from "~/modules/proposals/schemas";

/** Per-value counts for the selects, e.g. "In progress (13)". */
export type Facets = Record<"status" | "area" | "health" | "owner" | "country", Record<string, number>>;
import { AREAS, COUNTRIES, HEALTHS, STATUSES } from "~/modules/proposals/vocabulary";
import { AREA_LABEL, COUNTRY_LABEL, HEALTH_LABEL, STATUS_LABEL } from "./labels";

type Owner = { id: string; name: string };

/** The filter form shared by the list and the board: a plain GET form, so filters live in the URL. */
export function ProposalFilterForm({ filters, owners, action, facets }: { filters: ProposalFilters; owners: Owner[]; action: string; facets?: Facets }) {
  const one = (values: string[]) => (values.length === 1 ? values[0] : "");
  return (
    <Form method="get" action={action} className="card filters" role="search" aria-label="Filter proposals">
      <div className="field">
        <label htmlFor="f-q">Search</label>
        <input id="f-q" type="search" name="q" defaultValue={filters.q ?? ""} placeholder="Title, summary, quote, organisation" />
      </div>
      <Select id="f-status" name="status" label="Status" value={one(filters.status)} counts={facets?.status} options={STATUSES.map((s) => [s, STATUS_LABEL[s]])} />
      <Select id="f-area" name="area" label="Area" value={one(filters.area)} counts={facets?.area} options={AREAS.map((a) => [a, AREA_LABEL[a]])} />
      <Select id="f-owner" name="owner" label="Owner" value={filters.owner ?? ""} counts={facets?.owner} options={owners.map((o) => [o.id, o.name])} />
      <Select id="f-country" name="country" label="Country" value={one(filters.country)} counts={facets?.country} options={COUNTRIES.map((c) => [c, COUNTRY_LABEL[c]])} />
      <Select id="f-health" name="health" label="Health" value={one(filters.health)} counts={facets?.health} options={HEALTHS.map((h) => [h, HEALTH_LABEL[h]])} />
      {filters.overdue ? <input type="hidden" name="overdue" value="1" /> : null}
      {filters.stale ? <input type="hidden" name="stale" value={filters.stale} /> : null}
      {filters.historical !== "include" ? <input type="hidden" name="historical" value={filters.historical} /> : null}
      {filters.sort !== "reference" && filters.sort !== "relevance" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
      {filters.dir !== "asc" ? <input type="hidden" name="dir" value={filters.dir} /> : null}
      <div className="actions">
        <button type="submit" className="button">
          Apply
        </button>
        <Link to={action} className="button secondary">
          Clear
        </Link>
      </div>
    </Form>
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
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">Any</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {counts ? `${l} (${counts[v] ?? 0})` : l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Chips for the active filters, each a link that removes it (works for multi-valued filters too). */
export function ActiveFilters({ search, owners }: { search: string; owners: Owner[] }) {
  const params = new URLSearchParams(search);
  const chips: { key: string; value: string; label: string }[] = [];
  const names: Record<string, (v: string) => string> = {
    status: (v) => `Status: ${STATUS_LABEL[v as keyof typeof STATUS_LABEL] ?? v}`,
    area: (v) => `Area: ${AREA_LABEL[v as keyof typeof AREA_LABEL] ?? v}`,
    country: (v) => `Country: ${COUNTRY_LABEL[v as keyof typeof COUNTRY_LABEL] ?? v}`,
    health: (v) => `Health: ${HEALTH_LABEL[v as keyof typeof HEALTH_LABEL] ?? v}`,
    owner: (v) => `Owner: ${owners.find((o) => o.id === v)?.name ?? v}`,
    q: (v) => `Search: “${v}”`,
    historical: (v) => (v === "only" ? "Historical only" : v === "exclude" ? "Summit proposals only" : "All"),
    overdue: () => "With overdue milestones",
    stale: (v) => (v === "red" ? "No change for 60+ days" : "No change for 30–60 days"),
  };
  for (const [key, value] of params) if (names[key] && value) chips.push({ key, value, label: names[key](value) });
  if (!chips.length) return null;
  return (
    <p className="actions" aria-label="Active filters">
      {chips.map((c) => {
        const next = new URLSearchParams(search);
        const rest = next.getAll(c.key).filter((v) => v !== c.value);
        next.delete(c.key);
        rest.forEach((v) => next.append(c.key, v));
        next.delete("page");
        return (
          <Link key={`${c.key}=${c.value}`} className="tag" to={`?${next}`} aria-label={`Remove filter ${c.label}`}>
            {c.label} ×
          </Link>
        );
      })}
    </p>
  );
}
