import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { retryAfterHeaders } from "~/lib/retry-after";
import { useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure } from "~/lib/form-errors.server";
import { requestContext } from "~/lib/request-context.server";
import { listOwners, listSummits } from "~/modules/proposals/queries.server";
import { createProposalSchema } from "~/modules/proposals/schemas";
import { createProposal } from "~/modules/proposals/service.server";
import { roleAtLeast } from "~/modules/proposals/workflow";
import { requireRole } from "~/modules/users/session.server";
import { ProposalForm } from "~/ui/proposal-form";
import { useT } from "~/i18n";
import { readFormData } from "~/lib/form-data.server";

// A 503 (busy, or the database cannot store anything) keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "New proposal · Summit Tracker" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, "analyst");
  const [owners, summits] = await Promise.all([listOwners(), listSummits()]);
  return json({ owners, summits, canAssign: roleAtLeast(user.role, "manager") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "analyst");
  const submission = parseWithZod(await readFormData(request), { schema: createProposalSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  let created: { id: string; reference: string };
  try {
    created = await createProposal({ id: user.id, role: user.role, name: user.name }, submission.value, requestContext(context));
  } catch (error) {
    const failure = formFailure(error, submission, "proposal-form");
    return json({ result: (await failure.json()).result }, { status: failure.status, headers: failure.headers });
  }
  return redirectWithFlash(request, `/proposals/${created.id}`, { kind: "success", message: `Proposal ${created.reference} created.` });
}

export default function NewProposal() {
  const { owners, summits, canAssign } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">{t("form.newEyebrow")}</p>
          <h1>{t("form.newTitle")}</h1>
        </div>
      </div>
      <ProposalForm
        schema={createProposalSchema}
        lastResult={data?.result}
        defaultValue={{ priority: "medium", summitId: summits[0]?.id }}
        owners={owners}
        summits={summits}
        canAssign={canAssign}
        cancelTo="/proposals"
        submitLabel={t("form.create")}
      />
    </>
  );
}
