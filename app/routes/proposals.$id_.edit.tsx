import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { msg } from "~/i18n/message";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useFormResult } from "~/lib/forms";
import { answer, requireId, rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { newFormToken } from "~/lib/submissions.server";
import { getProposal, listOwners } from "~/modules/proposals/queries.server";
import { editProposalSchema } from "~/modules/proposals/schemas";
import { assertMayChangeProposal } from "~/modules/proposals/guard.server";
import { updateProposal } from "~/modules/proposals/service.server";
import { dateToDay } from "~/modules/proposals/text";
import { mergeForConflict, type FormValues } from "~/modules/proposals/merge";
import { canEditProposal } from "~/modules/proposals/workflow";
import { roleAtLeast } from "~/modules/users/roles";
import { requireUser } from "~/modules/users/session.server";
import { ConflictTable, ProposalForm } from "~/ui/proposal-form";
import { useT } from "~/i18n";
import { PageHeader } from "~/ui/page-header";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, msg("form.editTitle"), data?.proposal.reference);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, msg("what.proposal"));
  const proposal = await getProposal(id).catch(rethrowAsResponse);
  if (!canEditProposal(user, proposal)) throw answer(403, msg("refusal.editProposal"));
  return json({ proposal, values: formValues(proposal), owners: await listOwners(), canAssign: roleAtLeast(user.role, "manager"), formToken: newFormToken() });
}

const FORM_FIELDS = [
  "title",
  "summary",
  "area",
  "proposingParty",
  "countries",
  "sourceQuote",
  "leadOrganisation",
  "targetDate",
  "priority",
  "ownerId",
  "followsUp",
  "followUpKind",
] as const;

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
    // The current state of a conflict holds the reference; the page's proposal, its link.
    followsUp: typeof p.followsUp === "string" ? p.followsUp : ((p.followsUp as { reference: string } | null)?.reference ?? ""),
    followUpKind: typeof p.followUpKind === "string" ? p.followUpKind : ((p.followsUp as { kind: string } | null)?.kind ?? ""),
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
  const id = requireId(params.id, msg("what.proposal"));
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  const formData = await readAuthorisedForm(request, () => assertMayChangeProposal(actor, id, ctx, "proposal.update"));
  const list = new URL(request.url).searchParams.get("list");
  const back = `/proposals/${id}${list ? `?list=${encodeURIComponent(list)}` : ""}`;
  return submitForm(request, formData, {
    formId: "proposal-form",
    schema: editProposalSchema,
    write: ({ followsUp, followUpKind, ...v }) => updateProposal(actor, id, { ...v, followUp: { reference: followsUp ?? "", kind: followUpKind } }, ctx),
    done: () => ({ redirectTo: back, flash: msg("flash.proposalSaved") }),
    once: { userId: user.id, context: ctx, replay: () => ({ redirectTo: back, flash: msg("flash.alreadySaved") }) },
    // A 409 on the whole record: merge field by field what this user changed with what was saved.
    conflict: (current, value, fd) => {
      const mine = { ...formValues(value), ownerId: value.ownerId ?? String(current.ownerId) };
      const theirs = formValues(current);
      const merge = mergeForConflict(FORM_FIELDS, readBase(fd), mine, theirs);
      return { current, submitted: mine, merge: { ...merge, base: theirs } };
    },
  });
}

export default function EditProposal() {
  const { proposal, values, owners, canAssign, formToken } = useLoaderData<typeof loader>();
  const data = useFormResult("proposal-form");
  const [params] = useSearchParams();
  const list = params.get("list");
  // After a conflict the form carries the current version, so saving again applies on top of it.
  const conflict = data?.conflict;
  const version = conflict ? Number(conflict.current.version) : proposal.version;
  const t = useT();
  return (
    <>
      <PageHeader eyebrow={proposal.reference} title={t("form.editTitle")} />
      {conflict?.merge && conflict.submitted ? (
        <ConflictTable current={conflict.merge.base} version={version} submitted={conflict.submitted} both={conflict.merge.both} />
      ) : null}
      <ProposalForm
        // After a conflict the form starts again from the merge, based on the current version.
        key={conflict?.merge ? `merge-${version}` : "form"}
        schema={editProposalSchema}
        lastResult={conflict?.merge ? null : undefined}
        defaultValue={conflict?.merge ? conflict.merge.merged : values}
        base={conflict?.merge ? conflict.merge.base : values}
        owners={owners}
        canAssign={canAssign}
        version={version}
        cancelTo={`/proposals/${proposal.id}${list ? `?list=${encodeURIComponent(list)}` : ""}`}
        submitLabel={t("form.save")}
        token={formToken}
      />
    </>
  );
}
