import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure } from "~/lib/form-errors.server";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { getProposal, listOwners } from "~/modules/proposals/queries.server";
import { editProposalSchema } from "~/modules/proposals/schemas";
import { updateProposal } from "~/modules/proposals/service.server";
import { dateToDay } from "~/modules/proposals/text";
import { canEditProposal, roleAtLeast } from "~/modules/proposals/workflow";
import { recordForbidden, requireUser } from "~/modules/users/session.server";
import { ConflictTable, ProposalForm } from "~/ui/proposal-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.proposal.reference} · Summit Tracker` : "Edit · Summit Tracker" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, "That proposal");
  const proposal = await getProposal(id).catch(rethrowAsResponse);
  if (!canEditProposal(user, proposal)) {
    await recordForbidden(user, request, context, "edit form of a proposal the user may not edit", { entityType: "proposal", entityId: id, proposalId: id });
    throw json({ message: "Only the proposal's owner or a manager can edit it." }, { status: 403 });
  }
  return json({ proposal, owners: await listOwners(), canAssign: roleAtLeast(user.role, "manager") });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, "That proposal");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: editProposalSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), conflict: null, submitted: null }, { status: 400 });
  try {
    await updateProposal({ id: user.id, role: user.role, name: user.name }, id, submission.value, requestContext(context));
  } catch (error) {
    const failure = await formFailure(error, submission, "proposal-form");
    const body = await failure.json();
    return json(
      { result: body.result, conflict: body.conflict as Record<string, unknown> | null, submitted: submission.value as Record<string, unknown> },
      { status: failure.status },
    );
  }
  const list = new URL(request.url).searchParams.get("list");
  return redirectWithFlash(request, `/proposals/${id}${list ? `?list=${encodeURIComponent(list)}` : ""}`, { kind: "success", message: "Proposal saved." });
}

export default function EditProposal() {
  const { proposal, owners, canAssign } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const list = params.get("list");
  // After a conflict the form carries the current version, so saving again applies on top of it.
  const version = (data?.conflict?.version as number | undefined) ?? proposal.version;
  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">{proposal.reference}</p>
          <h1>Edit proposal</h1>
        </div>
      </div>
      {data?.conflict && data.submitted ? <ConflictTable current={data.conflict} submitted={data.submitted} /> : null}
      <ProposalForm
        schema={editProposalSchema}
        lastResult={data?.result}
        defaultValue={{
          title: proposal.title,
          summary: proposal.summary,
          area: proposal.area,
          proposingParty: proposal.proposingParty,
          countries: proposal.countries.map((c) => c.country),
          sourceQuote: proposal.sourceQuote,
          leadOrganisation: proposal.leadOrganisation,
          targetDate: proposal.targetDate ? dateToDay(new Date(proposal.targetDate)) : "",
          priority: proposal.priority,
          ownerId: proposal.ownerId,
        }}
        owners={owners}
        canAssign={canAssign}
        version={version}
        cancelTo={`/proposals/${proposal.id}${list ? `?list=${encodeURIComponent(list)}` : ""}`}
        submitLabel="Save changes"
      />
    </>
  );
}
