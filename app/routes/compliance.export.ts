// GET /compliance/export?round=…&format=csv|json (+ the list's filters): the round's matrix as a file.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { msg } from "~/i18n/message";
import { answer, rethrowAsResponse } from "~/lib/http.server";
import { urlKey } from "~/lib/schema-fields";
import { matrixExport } from "~/modules/compliance/export.server";
import { listRounds, roundMatrix } from "~/modules/compliance/queries.server";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { hasFilters } from "~/modules/compliance/filters";
import { requireUser } from "~/modules/users/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = new URL(request.url).searchParams;
  const format = params.get("format") === "json" ? "json" : "csv";
  const asked = urlKey.safeParse(params.get("round") ?? "");
  const round = asked.success ? asked.data : (await listRounds())[0]?.id;
  if (!round) throw answer(404, msg("error.notFound", { what: msg("what.round") }));
  const matrix = await roundMatrix(round, parseProposalFilters(params)).catch(rethrowAsResponse);
  return matrixExport(matrix, format, hasFilters(params));
}
