// GET /countries/:code/export?format=csv|json (+ the list's filters): one party's scorecard as a file.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { scorecardExport } from "~/modules/compliance/export.server";
import { hasFilters } from "~/modules/compliance/filters";
import { scorecard } from "~/modules/compliance/queries.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { requireUser } from "~/modules/users/session.server";
import { countryOf } from "~/modules/compliance/country.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const country = countryOf(params.code);
  const search = new URL(request.url).searchParams;
  return scorecardExport(await scorecard(country, parseProposalFilters(search)), search.get("format") === "json" ? "json" : "csv", hasFilters(search));
}
