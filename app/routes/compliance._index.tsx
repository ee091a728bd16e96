// /compliance (issue 16): one round's matrix of commitments × parties, cells coloured and
// labelled, with the averages by party, by area and overall and the change since the previous
// round; filterable like the list, exportable as CSV and JSON. A manager opens, closes and reopens
// rounds here. Everything is a plain form: it works without JavaScript.
import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { intentOf, readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useAppForm } from "~/lib/forms";
import { rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { urlKey } from "~/lib/schema-fields";
import { listRounds, roundMatrix, type Matrix, type Round } from "~/modules/compliance/queries.server";
import { closeRoundSchema, openRoundSchema, reopenRoundSchema } from "~/modules/compliance/schemas";
import { closeRound, openRound, reopenRound } from "~/modules/compliance/service.server";
import { formatAverage } from "~/modules/compliance/scoring";
import { parseProposalFilters } from "~/modules/proposals/filters.server";
import { listOwners } from "~/modules/proposals/queries.server";
import { COUNTRIES, ROUND_KINDS, type Area } from "~/modules/proposals/vocabulary";
import { refuse } from "~/modules/proposals/guard.server";
import { canEditProposal } from "~/modules/proposals/workflow";
import { roleAtLeast } from "~/modules/users/roles";
import { requireUser } from "~/modules/users/session.server";
import { changeText, FigureCells, FigureHeads, percentText, ScoreCell } from "~/ui/compliance";
import { FormErrors, SelectField, TextArea, TextField } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { formatDay } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";
import { ActiveFilters, ProposalFilterForm } from "~/ui/proposal-filters";

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, msg("nav.compliance"), data?.matrix?.round.name);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const filters = parseProposalFilters(params);
  const rounds = await listRounds();
  const asked = urlKey.safeParse(params.get("round") ?? "");
  const chosen = (asked.success && rounds.find((r) => r.id === asked.data)) || rounds[0];
  const [matrix, owners] = await Promise.all([chosen ? roundMatrix(chosen.id, filters).catch(rethrowAsResponse) : null, listOwners()]);
  return json({
    rounds,
    matrix,
    filters,
    owners,
    canManage: roleAtLeast(user.role, "manager"),
    // Which rows this user may score (the owner analyst's, or any for a manager).
    scorable: matrix ? matrix.rows.filter((r) => canEditProposal(user, r)).map((r) => r.id) : [],
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  // Every form here is a manager's: anyone else is refused (and recorded) before the body is read.
  const formData = await readAuthorisedForm(request, async () => {
    if (!roleAtLeast(user.role, "manager")) {
      throw await refuse(actor, ctx, msg("refusal.rounds"), { entityType: "round", entityId: "any", attempted: "POST /compliance" });
    }
  });
  const here = `/compliance${new URL(request.url).search}`;
  switch (intentOf(formData, ["open-round", "close-round", "reopen-round"])) {
    case "open-round":
      return submitForm(request, formData, {
        formId: "open-round",
        schema: openRoundSchema,
        write: (v) => openRound(actor, v, ctx),
        done: (r) => ({ redirectTo: `/compliance?round=${r.id}`, flash: msg("flash.roundOpened", { name: r.name }) }),
      });
    case "close-round":
      return submitForm(request, formData, {
        formId: "close-round",
        schema: closeRoundSchema,
        write: (v) => closeRound(actor, v, ctx),
        done: (r) => ({ redirectTo: here, flash: msg("flash.roundClosed", { name: r.name }) }),
      });
    case "reopen-round":
      return submitForm(request, formData, {
        formId: "reopen-round",
        schema: reopenRoundSchema,
        write: (v) => reopenRound(actor, v, ctx),
        done: (r) => ({ redirectTo: here, flash: msg("flash.roundReopened", { name: r.name }) }),
      });
  }
}

export default function CompliancePage() {
  const { rounds, matrix, filters, owners, canManage, scorable } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const exportSearch = new URLSearchParams(location.search);
  if (matrix) exportSearch.set("round", matrix.round.id);
  return (
    <>
      <PageHeader eyebrow={t("nav.compliance")} title={t("comp.title")} meta={matrix ? <RoundLine round={matrix.round} /> : null} />
      <p className="lead-text">{t("comp.lead")}</p>
      <div>
        <div>
          {rounds.length ? (
            <Form method="get" className="card round-picker">
              <div className="field">
                <label htmlFor="round">{t("comp.round")}</label>
                <select id="round" name="round" defaultValue={matrix?.round.id}>
                  {rounds.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name} ({t(`roundKind.${r.kind}`)}, {formatDay(r.cutoff, t.locale)})
                    </option>
                  ))}
                </select>
              </div>
              {[...new URLSearchParams(location.search)]
                .filter(([k]) => k !== "round")
                .map(([k, v], i) => (
                  <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
                ))}
              <button type="submit" className="button secondary">
                {t("comp.show")}
              </button>
              {matrix ? (
                <p className="exports">
                  {t("comp.export")}: <a href={`/compliance/export?${exportSearch.toString()}&format=csv`}>CSV</a> ·{" "}
                  <a href={`/compliance/export?${exportSearch.toString()}&format=json`}>JSON</a>
                </p>
              ) : null}
            </Form>
          ) : (
            <p className="card empty">{t("comp.noRounds")}</p>
          )}
          {matrix ? (
            <>
              <ProposalFilterForm filters={filters as never} owners={owners} action="/compliance" keep={{ round: matrix.round.id }} />
              <ActiveFilters search={location.search} owners={owners} />
              {matrix.round.status === "closed" ? <p className="notice">{t("comp.closedNotice")}</p> : null}
              <MatrixTable matrix={matrix as unknown as Matrix} scorable={scorable} />
              <Averages matrix={matrix as unknown as Matrix} />
            </>
          ) : null}
        </div>
        {canManage ? <ManageRounds round={matrix?.round as Round | undefined} /> : null}
      </div>
    </>
  );
}

function RoundLine({ round }: { round: { kind: "interim" | "final"; cutoff: string | Date; status: "open" | "closed"; name: string } }) {
  const t = useT();
  return (
    <span className="muted">
      <strong>{round.name}</strong> ·{" "}
      {t("comp.roundMeta", { kind: t(`roundKind.${round.kind}`), cutoff: formatDay(round.cutoff, t.locale), status: t(`roundStatus.${round.status}`) })}
    </span>
  );
}

function MatrixTable({ matrix, scorable }: { matrix: Matrix; scorable: string[] }) {
  const t = useT();
  const withChange = Boolean(matrix.previousRound);
  if (!matrix.rows.length) return <p className="card empty">{t("comp.noCommitments")}</p>;
  const open = matrix.round.status === "open";
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must take focus (WCAG 2.1.1)
    <div className="card table-scroll" role="region" aria-labelledby="matrix-caption" tabIndex={0}>
      <table className="matrix">
        <caption id="matrix-caption">{t("comp.matrixCaption", { round: matrix.round.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("comp.commitment")}</th>
            {COUNTRIES.map((c) => (
              <th key={c} scope="col" className="num">
                <Link to={`/countries/${c}`} title={t(`country.${c}`)}>
                  {c}
                </Link>
              </th>
            ))}
            <th scope="col" className="num">
              {t("comp.average")}
            </th>
            <th scope="col" className="num">
              {t("comp.compliance")}
            </th>
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => {
            const mayScore = open && scorable.includes(row.id);
            const scoreHref = `/compliance/${matrix.round.id}/${row.id}`;
            return (
              <tr key={row.id}>
                <th scope="row">
                  <Link to={`/proposals/${row.id}`}>{row.reference}</Link> <span className="matrix-title">{row.title}</span>
                  {mayScore ? (
                    <>
                      {" "}
                      <Link to={scoreHref} className="button small secondary" aria-label={t("comp.scoreThis", { reference: row.reference })}>
                        {t("field.score")}
                      </Link>
                    </>
                  ) : null}
                </th>
                {COUNTRIES.map((c) => {
                  const cell = row.cells[c];
                  return (
                    <ScoreCell
                      key={c}
                      participant={Boolean(cell)}
                      score={cell ? (cell.scored ? cell.score : undefined) : undefined}
                      href={cell && mayScore ? `${scoreHref}#party-${c}` : undefined}
                    />
                  );
                })}
                <td className="num">{formatAverage(row.summary.average)}</td>
                <td className="num">{percentText(row.summary)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("comp.byCountry")}</th>
            {COUNTRIES.map((c) => (
              <td key={c} className="num">
                <strong>{percentText(matrix.byCountry[c].summary)}</strong>
                {withChange ? <div className="muted small">{changeText(matrix.byCountry[c].change)}</div> : null}
              </td>
            ))}
            <td className="num">{formatAverage(matrix.overall.summary.average)}</td>
            <td className="num">
              <strong>{percentText(matrix.overall.summary)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <Legend />
    </div>
  );
}

function Legend() {
  const t = useT();
  return (
    <ul className="score-legend" aria-label={t("comp.method")}>
      <li>
        <span className="score-badge score-full">+1</span> {t("scoreWords.1")}
      </li>
      <li>
        <span className="score-badge score-partial">0</span> {t("scoreWords.0")}
      </li>
      <li>
        <span className="score-badge score-none">−1</span> {t("scoreWords.-1")}
      </li>
      <li>
        <span className="score-badge score-na">{t("scoreMark.na")}</span> {t("scoreWords.na")}
      </li>
      <li>
        <span className="score-badge score-unscored">–</span> {t("score.none")}
      </li>
      <li>
        <span className="score-badge score-nonparty">·</span> {t("score.nonParty")}
      </li>
    </ul>
  );
}

function Averages({ matrix }: { matrix: Matrix }) {
  const t = useT();
  const withChange = Boolean(matrix.previousRound);
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <FigureHeads withChange={withChange} />
      </tr>
    </thead>
  );
  return (
    <div className="averages">
      <section className="card" aria-labelledby="by-country-h">
        <h2 id="by-country-h">{t("comp.byCountry")}</h2>
        <p className="muted small">{matrix.previousRound ? t("comp.change", { round: matrix.previousRound.name }) : t("comp.noPrevious")}</p>
        <table className="figures">
          {head(t("comp.party"))}
          <tbody>
            {COUNTRIES.map((c) => (
              <tr key={c}>
                <th scope="row">
                  <Link to={`/countries/${c}`}>{t(`country.${c}`)}</Link>
                </th>
                <FigureCells summary={matrix.byCountry[c].summary} change={matrix.byCountry[c].change} withChange={withChange} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("comp.overall")}</th>
              <FigureCells summary={matrix.overall.summary} change={matrix.overall.change} withChange={withChange} />
            </tr>
          </tfoot>
        </table>
      </section>
      <section className="card" aria-labelledby="by-area-h">
        <h2 id="by-area-h">{t("comp.byArea")}</h2>
        <table className="figures">
          {head(t("comp.area"))}
          <tbody>
            {Object.entries(matrix.byArea).map(([area, f]) => (
              <tr key={area}>
                <th scope="row">{t(`area.${area as Area}`)}</th>
                <FigureCells summary={f.summary} change={f.change} withChange={withChange} />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function ManageRounds({ round }: { round?: Round }) {
  const t = useT();
  const open = useAppForm({ id: "open-round", schema: openRoundSchema, defaultValue: { kind: "interim" } });
  const reopen = useAppForm({ id: "reopen-round", schema: reopenRoundSchema });
  const close = useAppForm({ id: "close-round", schema: closeRoundSchema });
  return (
    <section className="card manage-rounds" aria-labelledby="rounds-h">
      <h2 id="rounds-h">{t("comp.manage")}</h2>
      <div className="manage-grid">
        {round ? (
          round.status === "open" ? (
            <Form method="post" {...getFormProps(close.form)} className="round-action">
              <FormMeta formId="close-round" intent="close-round" />
              <FormErrors form={close.form} />
              <input type="hidden" name="roundId" value={round.id} />
              <input type="hidden" name="version" value={round.version} />
              <button type="submit" className="button secondary" disabled={close.posting}>
                {t("comp.closeRound")}
              </button>
            </Form>
          ) : (
            <Form method="post" {...getFormProps(reopen.form)} className="round-action">
              <FormMeta formId="reopen-round" intent="reopen-round" />
              <FormErrors form={reopen.form} />
              <input type="hidden" name="roundId" value={round.id} />
              <input type="hidden" name="version" value={round.version} />
              <TextArea field={reopen.fields.note} label={t("field.reopenNote")} rows={2} />
              <button type="submit" className="button secondary" disabled={reopen.posting}>
                {t("comp.reopenRound")}
              </button>
            </Form>
          )
        ) : null}
        <Form method="post" {...getFormProps(open.form)} aria-labelledby="open-round-h">
          <h3 id="open-round-h">{t("comp.openRound")}</h3>
          <FormMeta formId="open-round" intent="open-round" />
          <FormErrors form={open.form} />
          <TextField field={open.fields.name} label={t("field.roundName")} />
          <SelectField field={open.fields.kind} label={t("field.roundKind")} options={ROUND_KINDS.map((k) => [k, t(`roundKind.${k}`)])} />
          <TextField field={open.fields.cutoff} label={t("field.cutoff")} type="date" hint={t("comp.cutoffHint")} />
          <button type="submit" className="button" disabled={open.posting}>
            {t("comp.openRoundButton")}
          </button>
        </Form>
      </div>
    </section>
  );
}
