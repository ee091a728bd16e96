// Adding evidence to a proposal (issue 16): a link or an uploaded file, attached to the proposal,
// one of its milestones or one of its progress updates. A plain multipart form: it works without
// JavaScript; a refused file is a 400 next to the file field and nothing is stored.
import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { readDb } from "~/db.server";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useAppForm } from "~/lib/forms";
import { answer, requireId } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { newFormToken } from "~/lib/submissions.server";
import { addEvidenceSchema } from "~/modules/evidence/schemas";
import { addEvidence, draftFromForm, targetOf } from "~/modules/evidence/service.server";
import { assertMayChangeProposal } from "~/modules/proposals/guard.server";
import { canEditProposal } from "~/modules/proposals/workflow";
import { requireUser } from "~/modules/users/session.server";
import { EvidenceFields } from "~/ui/evidence";
import { FormErrors, SelectField } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { formatDay } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, msg("evidence.addTitle"), data?.proposal.reference);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, msg("what.proposal"));
  const proposal = await readDb.proposal.findUnique({
    where: { id },
    select: {
      id: true,
      reference: true,
      title: true,
      ownerId: true,
      milestones: { select: { id: true, title: true }, orderBy: { position: "asc" } },
      updates: { select: { id: true, createdAt: true, body: true }, orderBy: { createdAt: "desc" }, take: 20 },
    },
  });
  if (!proposal) throw answer(404, msg("error.notFound", { what: msg("what.proposal") }));
  if (!canEditProposal(user, proposal)) throw answer(403, msg("refusal.addEvidence"));
  return json({ proposal, formToken: newFormToken() });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, msg("what.proposal"));
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  const formData = await readAuthorisedForm(request, () => assertMayChangeProposal(actor, id, ctx, `POST /proposals/${id}/evidence`));
  return submitForm(request, formData, {
    formId: "add-evidence",
    schema: addEvidenceSchema,
    write: async (v) => {
      const draft = await draftFromForm(v);
      // The schema has required one; an item of neither kind cannot reach here.
      if (!draft) throw answer(400, msg("evidence.v.linkOrFile"));
      return addEvidence(actor, id, targetOf(v.attachTo), draft, ctx);
    },
    once: { userId: user.id, context: ctx, replay: () => ({ redirectTo: `/proposals/${id}#evidence`, flash: msg("flash.alreadySaved") }) },
    done: (r) => ({ redirectTo: `/proposals/${id}#evidence`, flash: msg("flash.evidenceAdded", { title: r.title }) }),
  });
}

export default function AddEvidence() {
  const { proposal, formToken } = useLoaderData<typeof loader>();
  const t = useT();
  const [params] = useSearchParams();
  const { form, fields, posting } = useAppForm({ id: "add-evidence", schema: addEvidenceSchema, defaultValue: { attachTo: params.get("to") ?? "proposal" } });
  const snippet = (body: string) => (body.length > 60 ? `${body.slice(0, 60)}…` : body);
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to="/proposals">{t("nav.proposals")}</Link> · <Link to={`/proposals/${proposal.id}`}>{proposal.reference}</Link>
          </>
        }
        title={t("evidence.addTitle")}
        meta={proposal.title}
      />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card">
        <FormMeta formId="add-evidence" token={formToken} />
        <FormErrors form={form} />
        <EvidenceFields fields={fields} legend={t("evidence.item")} />
        <SelectField
          field={fields.attachTo}
          label={t("field.attachTo")}
          options={[
            ["proposal", t("evidence.attachProposal")],
            ...proposal.milestones.map((m): [string, string] => [`milestone:${m.id}`, t("evidence.attachMilestone", { title: m.title })]),
            ...proposal.updates.map((u): [string, string] => [
              `update:${u.id}`,
              t("evidence.attachUpdate", { date: formatDay(u.createdAt, t.locale), text: snippet(u.body) }),
            ]),
          ]}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={posting}>
            {t("evidence.add")}
          </button>
          <Link to={`/proposals/${proposal.id}#evidence`} className="button secondary">
            {t("form.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
