import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { useLoaderData } from "@remix-run/react";
import { msg } from "~/i18n/message";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { requestContext } from "~/lib/request-context.server";
import { newFormToken } from "~/lib/submissions.server";
import { listOwners, listSummits } from "~/modules/proposals/queries.server";
import { createProposalSchema } from "~/modules/proposals/schemas";
import { createProposal } from "~/modules/proposals/service.server";
import { roleAtLeast } from "~/modules/users/roles";
import { requireRole } from "~/modules/users/session.server";
import { ProposalForm } from "~/ui/proposal-form";
import { useT } from "~/i18n";
import { PageHeader } from "~/ui/page-header";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("form.newTitle"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "analyst");
  const [owners, summits] = await Promise.all([listOwners(), listSummits()]);
  return json({ owners, summits, canAssign: roleAtLeast(user.role, "manager"), formToken: newFormToken() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "analyst");
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  return submitForm(request, await readAuthorisedForm(request), {
    formId: "proposal-form",
    schema: createProposalSchema,
    write: ({ followsUp, followUpKind, ...v }) => createProposal(actor, { ...v, followUp: { reference: followsUp ?? "", kind: followUpKind } }, ctx),
    done: (created) => ({ redirectTo: `/proposals/${created.id}`, flash: msg("flash.proposalCreated", { reference: created.reference }) }),
    // The same form sent twice (a double click, a retry) creates one proposal and shows it.
    once: { userId: user.id, context: ctx, replay: (first) => ({ redirectTo: `/proposals/${first.entityId}`, flash: msg("flash.alreadySaved") }) },
  });
}

export default function NewProposal() {
  const { owners, summits, canAssign, formToken } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeader eyebrow={t("form.newEyebrow")} title={t("form.newTitle")} />
      <ProposalForm
        schema={createProposalSchema}
        defaultValue={{ priority: "medium", summitId: summits[0]?.id }}
        owners={owners}
        summits={summits}
        canAssign={canAssign}
        cancelTo="/proposals"
        submitLabel={t("form.create")}
        token={formToken}
      />
    </>
  );
}
