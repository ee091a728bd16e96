// /compliance/:roundId/:proposalId (issue 16): one proposal's scores in one round, a form per
// participating party: the score (+1, 0, −1, n/a), the rationale, the evidence it cites, and
// optionally a new link or file added with it. Plain multipart forms: they work without JavaScript.
import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getCollectionProps, getFormProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { formIdFrom, readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useAppForm } from "~/lib/forms";
import { requireId, rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { newFormToken } from "~/lib/submissions.server";
import { scoreSheet } from "~/modules/compliance/queries.server";
import { scoreSchema } from "~/modules/compliance/schemas";
import { recordScore } from "~/modules/compliance/service.server";
import { choiceOfScore, SCORE_CHOICES, type Score } from "~/modules/compliance/scoring";
import { evidenceOf } from "~/modules/evidence/queries.server";
import { draftFromForm } from "~/modules/evidence/service.server";
import type { Country } from "~/modules/proposals/vocabulary";
import { assertMayChangeProposal } from "~/modules/proposals/guard.server";
import { canEditProposal } from "~/modules/proposals/workflow";
import { requireUser } from "~/modules/users/session.server";
import { ScoreBadge } from "~/ui/compliance";
import { EvidenceFields, type EvidenceView } from "~/ui/evidence";
import { FieldError, FormErrors, TextArea } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { formatDay } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? pageTitle(matches, msg("comp.scoreTitle", { reference: data.proposal.reference }), data.round.name) : pageTitle(matches, msg("title.score"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const roundId = requireId(params.roundId, msg("what.round"));
  const proposalId = requireId(params.proposalId, msg("what.proposal"));
  const [sheet, evidence] = await Promise.all([scoreSheet(roundId, proposalId).catch(rethrowAsResponse), evidenceOf(proposalId)]);
  return json({
    ...sheet,
    evidence,
    canScore: sheet.round.status === "open" && canEditProposal(user, sheet.proposal),
    formToken: newFormToken(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const roundId = requireId(params.roundId, msg("what.round"));
  const proposalId = requireId(params.proposalId, msg("what.proposal"));
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  const here = `/compliance/${roundId}/${proposalId}`;
  // Who may score is settled before the body (which may hold a 20 MB file) is read.
  const formData = await readAuthorisedForm(request, () => assertMayChangeProposal(actor, proposalId, ctx, `POST ${here}`));
  return submitForm(request, formData, {
    formId: (fd) => formIdFrom(fd, "score"),
    schema: scoreSchema,
    write: async (v) => recordScore(actor, { roundId, proposalId, ...v }, await draftFromForm(v), ctx),
    once: { userId: user.id, context: ctx, replay: () => ({ redirectTo: here, flash: msg("flash.alreadySaved") }) },
    done: (r) => ({
      redirectTo: `${here}#party-${r.country}`,
      flash: msg(r.changed ? "flash.scoreSaved" : "flash.scoreUnchanged", { country: msg(`country.${r.country}`) }),
    }),
  });
}

type Sheet = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ScorePage() {
  const { round, proposal, evidence, canScore, formToken } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to={`/compliance?round=${round.id}`}>{t("comp.title")}</Link> · {round.name}
          </>
        }
        title={t("comp.scoreTitle", { reference: proposal.reference })}
        meta={<Link to={`/proposals/${proposal.id}`}>{proposal.title}</Link>}
      />
      <p className="lead-text">{t("comp.scoreLead", { round: round.name })}</p>
      {round.status === "closed" ? <p className="notice">{t("comp.closedNotice")}</p> : null}
      <div className="score-sheet">
        {proposal.countries.map((country) => (
          <PartyScore
            key={country}
            country={country}
            current={proposal.scores.find((s) => s.country === country)}
            evidence={evidence as unknown as EvidenceView[]}
            canScore={canScore}
            token={formToken}
          />
        ))}
      </div>
      <p>
        <Link to={`/compliance?round=${round.id}`}>{t("comp.backToMatrix")}</Link>
      </p>
    </>
  );
}

function PartyScore({
  country,
  current,
  evidence,
  canScore,
  token,
}: {
  country: Country;
  current?: Sheet["proposal"]["scores"][number];
  evidence: EvidenceView[];
  canScore: boolean;
  token: string;
}) {
  const t = useT();
  const formId = `score-${country}`;
  const { form, fields, posting } = useAppForm({
    id: formId,
    schema: scoreSchema,
    defaultValue: current
      ? { score: choiceOfScore(current.score as Score | null), rationale: current.rationale, cite: current.evidence.map((e) => e.evidenceId) }
      : { cite: [] },
  });
  const name = t(`country.${country}`);
  return (
    <section className="card party-score" id={`party-${country}`} aria-labelledby={`${formId}-h`}>
      <h2 id={`${formId}-h`}>{name}</h2>
      <p className="muted">
        {current ? (
          <>
            <ScoreBadge score={current.score as Score | null} />{" "}
            {t("comp.current", { name: current.updatedBy?.name ?? "—", date: formatDay(current.updatedAt, t.locale) })}
          </>
        ) : (
          t("comp.notYet")
        )}
      </p>
      {current && !canScore ? <p>{current.rationale}</p> : null}
      {canScore ? (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
          <FormMeta formId={formId} token={token} />
          <FormErrors form={form} />
          <input type="hidden" name="country" value={country} />
          <input type="hidden" name="version" value={current?.version ?? 0} />
          <fieldset aria-describedby={fields.score.errors ? fields.score.errorId : undefined}>
            <legend className="label">{t("field.score")}</legend>
            <div className="checks score-choices">
              {getCollectionProps(fields.score, { type: "radio", options: [...SCORE_CHOICES] }).map((props) => (
                <label key={props.key}>
                  <input {...props} key={undefined} /> {t(`score.${props.value as (typeof SCORE_CHOICES)[number]}`)}
                </label>
              ))}
            </div>
            <FieldError id={fields.score.errorId} errors={fields.score.errors} />
          </fieldset>
          <TextArea field={fields.rationale} label={t("field.rationale")} rows={3} />
          <fieldset aria-describedby={[`${formId}-cite-hint`, fields.cite.errors ? fields.cite.errorId : null].filter(Boolean).join(" ")}>
            <legend className="label">{t("field.cite")}</legend>
            <p className="hint" id={`${formId}-cite-hint`}>
              {evidence.length ? t("comp.citeHint") : t("comp.noEvidenceYet")}
            </p>
            {evidence.length ? (
              <ul className="plain-list cite-list">
                {getCollectionProps(fields.cite, { type: "checkbox", options: evidence.map((e) => e.id) }).map((props) => (
                  <li key={props.key}>
                    <CiteOption props={props} item={evidence.find((e) => e.id === props.value)!} />
                  </li>
                ))}
              </ul>
            ) : null}
            <FieldError id={fields.cite.errorId} errors={fields.cite.errors} />
          </fieldset>
          <details className="inline-form" open={Boolean(fields.url.errors || fields.file.errors || fields.evidenceTitle.errors)}>
            <summary>{t("comp.newEvidence")}</summary>
            <EvidenceFields fields={fields} legend={t("comp.newEvidence")} />
          </details>
          <button type="submit" className="button" disabled={posting}>
            {t("comp.saveScore", { country: name })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** One citable item: the checkbox labelled by its title and kind (no link inside the label). */
function CiteOption({ props, item }: { props: ReturnType<typeof getCollectionProps>[number]; item: EvidenceView }) {
  const t = useT();
  return (
    <label>
      <input {...props} key={undefined} /> {item.title}{" "}
      <span className="muted small">
        ({t(item.kind === "file" ? "evidence.kind.file" : "evidence.kind.link")}
        {item.publisher ? `, ${item.publisher}` : ""}
        {item.publishedOn ? `, ${formatDay(item.publishedOn, t.locale)}` : ""})
      </span>
    </label>
  );
}
