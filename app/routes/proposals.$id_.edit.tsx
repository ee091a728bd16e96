import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure } from "~/lib/form-errors.server";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { getProposal, listOwners } from "~/modules/proposals/queries.server";
import { editProposalSchema } from "~/modules/proposals/schemas";
import { assertMayChangeProposal } from "~/modules/proposals/guard.server";
import { updateProposal } from "~/modules/proposals/service.server";
import { dateToDay } from "~/modules/proposals/text";
import { mergeForConflict, type FormValues } from "~/modules/proposals/merge";
import { canEditProposal, roleAtLeast } from "~/modules/proposals/workflow";
import { requireUser } from "~/modules/users/session.server";
import { ConflictTable, ProposalForm } from "~/ui/proposal-form";
import { useT } from "~/i18n";
import { readFormData } from "~/lib/form-data.server";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Edit ${data.proposal.reference} · Summit Tracker` : "Edit · Summit Tracker" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, "That proposal");
  const proposal = await getProposal(id).catch(rethrowAsResponse);
  if (!canEditProposal(user, proposal)) {
    throw json({ message: "Only the proposal's owner or a manager can edit it." }, { status: 403 });
  }
  return json({ proposal, values: formValues(proposal), owners: await listOwners(), canAssign: roleAtLeast(user.role, "manager") });
}

const FORM_FIELDS = ["title", "summary", "area", "proposingParty", "countries", "sourceQuote", "leadOrganisation", "targetDate", "priority", "ownerId"] as const;

/** A proposal (as read or as in a conflict) in the shape the form holds. */
function formValues(p: Record<string, unknown>): FormValues {
  const countries = p.countries as ({ country: string } | string)[] | undefined;
  const target = p.targetDate as Date | string | null | undefined;
  return {
    title: p.title as string,
    summary: p.summary as string,
    area: p.area as string,
    proposingParty: p.proposingParty as string,
    countries: (countries ?? []).map((c) => (typeof c === "string" ? c : c.country)),
    sourceQuote: p.sourceQuote as string,
    leadOrganisation: p.leadOrganisation as string,
    targetDate: target ? dateToDay(new Date(target)) : "",
    priority: p.priority as string,
    ownerId: p.ownerId as string,
  };
}

function readBase(formData: FormData): FormValues {
  try {
    const parsed = JSON.parse(String(formData.get("base") ?? "{}")) as unknown;
    return parsed && typeof parsed === "object" ? (parsed as FormValues) : {};
  } catch {
    return {};
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, "That proposal");
  const actor = { id: user.id, role: user.role, name: user.name };
  await assertMayChangeProposal(actor, id, requestContext(context), "proposal.update").catch(rethrowAsResponse);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: editProposalSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), conflict: null, submitted: null, merge: null }, { status: 400 });
  try {
    await updateProposal(actor, id, submission.value, requestContext(context));
  } catch (error) {
    const failure = formFailure(error, submission, "proposal-form");
    const body = await failure.json();
    const conflict = body.conflict as Record<string, unknown> | null;
    if (!conflict) return json({ result: body.result, conflict: null, submitted: null, merge: null }, { status: failure.status, headers: failure.headers });
    const mine = { ...formValues(submission.value as Record<string, unknown>), ownerId: submission.value.ownerId ?? String(conflict.ownerId) };
    const theirs = formValues(conflict);
    const merge = mergeForConflict(FORM_FIELDS, readBase(formData), mine, theirs);
    return json({ result: null, conflict, submitted: mine, merge: { ...merge, base: theirs } }, { status: 409 });
  }
  const list = new URL(request.url).searchParams.get("list");
  return redirectWithFlash(request, `/proposals/${id}${list ? `?list=${encodeURIComponent(list)}` : ""}`, { kind: "success", message: "Proposal saved." });
}

export default function EditProposal() {
  const { proposal, values, owners, canAssign } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const list = params.get("list");
  // After a conflict the form carries the current version, so saving again applies on top of it.
  const version = (data?.conflict?.version as number | undefined) ?? proposal.version;
  const t = useT();
  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">{proposal.reference}</p>
          <h1>{t("form.editTitle")}</h1>
        </div>
      </div>
      {data?.merge && data.submitted && data.conflict ? (
        <ConflictTable current={data.merge.base} version={Number(data.conflict.version)} submitted={data.submitted} both={data.merge.both} />
      ) : null}
      <ProposalForm
        // After a conflict the form starts again from the merge, based on the current version.
        key={data?.merge ? `merge-${version}` : "form"}
        schema={editProposalSchema}
        lastResult={data?.merge ? undefined : data?.result}
        defaultValue={data?.merge ? data.merge.merged : values}
        base={data?.merge ? data.merge.base : values}
        owners={owners}
        canAssign={canAssign}
        version={version}
        cancelTo={`/proposals/${proposal.id}${list ? `?list=${encodeURIComponent(list)}` : ""}`}
        submitLabel={t("form.save")}
      />
    </>
  );
}
