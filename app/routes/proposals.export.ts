// GET /proposals/export?format=csv|json|iati&<the list's filters>
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { proposalsCsv, proposalsForExport, proposalsIati, proposalsJson } from "~/modules/proposals/export.server";
import { requireUser } from "~/modules/users/session.server";

const FORMATS = {
  csv: { type: "text/csv; charset=utf-8", ext: "csv", render: proposalsCsv },
  json: { type: "application/json; charset=utf-8", ext: "json", render: proposalsJson },
  iati: { type: "application/xml; charset=utf-8", ext: "xml", render: proposalsIati },
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = new URL(request.url).searchParams;
  const format = FORMATS[(params.get("format") ?? "csv") as keyof typeof FORMATS] ?? FORMATS.csv;
  const rows = await proposalsForExport(parseProposalFilters(params));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(format.render(rows), {
    headers: {
      "Content-Type": format.type,
      "Content-Disposition": `attachment; filename="proposals-${stamp}${format === FORMATS.iati ? "-iati" : ""}.${format.ext}"`,
      "Cache-Control": "no-store",
    },
  });
}
