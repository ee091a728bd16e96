// The intake's review page (issue 15): the document with every candidate highlighted on one side,
// the candidates on the other. One form holds every candidate, so it works without JavaScript:
// each button names what it does (accept the ticked ones, reject, split, merge one, add a span),
// and every press first keeps what was typed into the open candidates. With JavaScript, selecting
// words in the document fills the "add" form with them and where they begin.
import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef, useState } from "react";
import { z } from "zod";
import { useT } from "~/i18n";
import { decodeMessage, msg, type Message } from "~/i18n/message";
import { NotFoundError, RuleError } from "~/lib/errors";
import { readDb } from "~/db.server";
import { readAuthorisedForm } from "~/lib/form-action.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { requireId, rethrowAsResponse, unavailable } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { day, text } from "~/lib/schema-fields";
import {
  acceptCandidates,
  addCandidate,
  likelyDuplicates,
  mergeWithNext,
  reviewOf,
  saveDrafts,
  setCandidateRejected,
  splitCandidate,
  type Decision,
  type Draft,
} from "~/modules/intake/review.server";
import { hasForbiddenCharacter } from "~/modules/proposals/text";
import { AREAS, COUNTRIES, FOLLOW_UP_KINDS, LIMITS } from "~/modules/proposals/vocabulary";
import { roleAtLeast } from "~/modules/users/roles";
import { requireRole, requireUser } from "~/modules/users/session.server";
import { StatusBadge } from "~/ui/badges";
import { FieldError } from "~/ui/fields";
import { PageHeader } from "~/ui/page-header";

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, msg("intake.review"), data?.document.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const eventId = requireId(params.id, msg("what.event"));
  const documentId = requireId(params.docId, msg("what.document"));
  const { document, candidates } = await reviewOf(documentId).catch(rethrowAsResponse);
  if (document.summit.id !== eventId) rethrowAsResponse(new NotFoundError(msg("what.document")));
  const open = candidates.filter((c) => c.status === "pending");
  return json({
    document,
    candidates,
    duplicates: await likelyDuplicates(documentId, open),
    canReview: roleAtLeast(user.role, "analyst"),
  });
}

type Errors = Record<string, Message[]>;
type ActionData = { formId: "review"; errors: Errors; values: Record<string, string | string[]> };

const optionalDay = day("field.targetDate").optional();
const titleField = text("field.title", LIMITS.title);
const referenceField = text("field.followsUp", 40, { required: false });
const area = z.enum(AREAS);
const country = z.enum(COUNTRIES);
const acceptAs = z.enum(["new", "followup", "duplicate"]);

/** The form's values for one candidate, by field: `${field}-${id}`. */
function valuesOf(formData: FormData, id: string) {
  const one = (name: string) => {
    const v = formData.get(`${name}-${id}`);
    return typeof v === "string" ? v : undefined;
  };
  return {
    title: one("title"),
    area: one("area"),
    party: one("party"),
    countries: formData.getAll(`countries-${id}`).filter((v): v is string => typeof v === "string"),
    targetDate: one("targetDate"),
    version: one("version"),
    as: one("as"),
    of: one("of"),
    kind: one("kind"),
  };
}

/** What was typed into an open candidate, keeping only the values that are valid. */
function draftOf(formData: FormData, id: string): Draft {
  const v = valuesOf(formData, id);
  const title = titleField.safeParse(v.title ?? "");
  const date = optionalDay.safeParse(v.targetDate || undefined);
  return {
    id,
    ...(title.success ? { title: title.data } : {}),
    ...(v.area !== undefined ? { area: area.safeParse(v.area).data ?? null } : {}),
    ...(v.party !== undefined ? { party: country.safeParse(v.party).data ?? null } : {}),
    ...(formData.has(`shown-${id}`) ? { countries: v.countries.flatMap((c) => country.safeParse(c).data ?? []) } : {}),
    ...(date.success ? { targetDate: date.data ?? null } : {}),
    ...(v.as !== undefined ? { acceptAs: acceptAs.safeParse(v.as).data ?? "new" } : {}),
    ...(v.of !== undefined && v.of.length <= 40 && !hasForbiddenCharacter(v.of) ? { linkRef: v.of } : {}),
    ...(v.kind !== undefined ? { linkKind: z.enum(FOLLOW_UP_KINDS).safeParse(v.kind).data ?? "reaffirms" } : {}),
  };
}

/** The ticked candidates as decisions, or the errors next to the fields that stop them. */
function decisionsOf(formData: FormData, ids: string[]): { decisions: Decision[]; errors: Errors } {
  const errors: Errors = {};
  const fail = (field: string, id: string, message: Message) => (errors[`${field}-${id}`] = [message]);
  const decisions: Decision[] = [];
  for (const id of ids) {
    const v = valuesOf(formData, id);
    const version = Number(v.version);
    // The reference is looked up, so it is held to the text rules first (a NUL is no reference).
    const reference = referenceField.safeParse(v.of ?? "");
    if (!reference.success) {
      fail("of", id, reference.error.issues[0] ? decodeMessage(reference.error.issues[0].message) : msg("v.invalid"));
      continue;
    }
    if (v.as === "duplicate") {
      if (!reference.data) fail("of", id, msg("intake.v.duplicateOf"));
      else decisions.push({ id, version, as: "duplicate", of: reference.data });
      continue;
    }
    const title = titleField.safeParse(v.title ?? "");
    const chosenArea = area.safeParse(v.area);
    const party = country.safeParse(v.party);
    const countries = v.countries.flatMap((c) => country.safeParse(c).data ?? []);
    const date = optionalDay.safeParse(v.targetDate || undefined);
    if (!title.success) fail("title", id, msg("v.required", { field: msg("field.title") }));
    if (!chosenArea.success) fail("area", id, msg("v.chooseArea"));
    if (!party.success) fail("party", id, msg("v.chooseParty"));
    if (!countries.length) fail("countries", id, msg("v.chooseCountries"));
    if (!date.success) fail("targetDate", id, msg("v.dateRange", { field: msg("field.targetDate") }));
    const followUp = v.as === "followup" ? { reference: reference.data, kind: z.enum(FOLLOW_UP_KINDS).safeParse(v.kind).data } : undefined;
    if (followUp && !followUp.reference.trim()) fail("of", id, msg("intake.v.followUpOf"));
    if (title.success && chosenArea.success && party.success && countries.length && date.success && !errors[`of-${id}`]) {
      decisions.push({
        id,
        version,
        as: "new",
        title: title.data,
        area: chosenArea.data,
        party: party.data,
        countries,
        targetDate: date.data,
        summary: "",
        followUp,
      });
    }
  }
  return { decisions, errors };
}

const INTENT = /^(accept|add|reject|restore|split|merge)(?::([\w-]{1,64}))?$/;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, context, "analyst");
  const eventId = requireId(params.id, msg("what.event"));
  const documentId = requireId(params.docId, msg("what.document"));
  const actor = { id: user.id, role: user.role, name: user.name };
  const ctx = requestContext(context);
  // The document must be this event's: a URL that pairs it with another event is a 404.
  const owner = await readDb.sourceDocument.findUnique({ where: { id: documentId }, select: { summitId: true } });
  if (!owner || owner.summitId !== eventId) rethrowAsResponse(new NotFoundError(msg("what.document")));
  const formData = await readAuthorisedForm(request);
  const here = `/events/${eventId}/documents/${documentId}`;
  const match = INTENT.exec(String(formData.get("intent") ?? ""));
  if (!match) throw json({ message: msg("error.unknownAction") }, { status: 400 });
  const [, intent, target] = match;
  const ids = formData.getAll("open").filter((v): v is string => typeof v === "string" && /^[\w-]{1,64}$/.test(v));
  const values = Object.fromEntries([...new Set(formData.keys())].map((k) => [k, formData.getAll(k).filter((v): v is string => typeof v === "string")]));
  const refused = (status: number, errors: Errors) => json<ActionData>({ formId: "review", errors, values: values as ActionData["values"] }, { status });
  try {
    // What was typed into every open candidate is kept first, whatever the button.
    await saveDrafts(
      actor,
      documentId,
      ids.map((id) => draftOf(formData, id)),
      ctx,
    );
    switch (intent) {
      case "accept": {
        const ticked = formData.getAll("accept").filter((v): v is string => typeof v === "string" && ids.includes(v));
        if (!ticked.length) return refused(400, { accept: [msg("intake.v.noneTicked")] });
        const { decisions, errors } = decisionsOf(formData, ticked);
        if (Object.keys(errors).length) return refused(400, errors);
        const made = await acceptCandidates(actor, documentId, decisions, ctx);
        return redirectWithFlash(request, here, {
          kind: "success",
          message: msg("flash.candidatesAccepted", { count: made.length, duplicates: decisions.length - made.length }),
        });
      }
      case "add": {
        const quote = String(formData.get("quote") ?? "");
        const start = Number(formData.get("quoteStart"));
        await addCandidate(actor, documentId, { quote, start: Number.isSafeInteger(start) ? start : undefined }, ctx);
        return redirectWithFlash(request, `${here}#candidates-h`, { kind: "success", message: msg("flash.candidateAdded") });
      }
      case "reject":
      case "restore":
        await setCandidateRejected(actor, documentId, target ?? "", intent === "reject", ctx);
        return redirectWithFlash(request, `${here}#c-${target}`, {
          kind: "success",
          message: msg(intent === "reject" ? "flash.candidateRejected" : "flash.candidateRestored"),
        });
      case "split":
        await splitCandidate(actor, documentId, target ?? "", String(formData.get(`at-${target}`) ?? ""), ctx);
        return redirectWithFlash(request, here, { kind: "success", message: msg("flash.candidateSplit") });
      case "merge":
        await mergeWithNext(actor, documentId, target ?? "", ctx);
        return redirectWithFlash(request, here, { kind: "success", message: msg("flash.candidatesMerged") });
    }
  } catch (error) {
    if (error instanceof RuleError) {
      // Fields the page shows an error beside; any other is said at the top.
      const field = error.field === "at" ? `at-${target}` : error.field && /^(quote|of-[\w-]+)$/.test(error.field) ? error.field : "form";
      return refused(error.status, { [field]: [error.detail] });
    }
    const notNow = unavailable(error);
    if (notNow)
      return json<ActionData>(
        { formId: "review", errors: { form: [notNow.message] }, values: values as ActionData["values"] },
        { status: notNow.status, headers: notNow.headers },
      );
    rethrowAsResponse(error);
  }
  throw json({ message: msg("error.unknownAction") }, { status: 400 });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Candidate = LoaderData["candidates"][number];
type Span = { start: number; end: number; id: string; kind: "candidate" | "proposal" | "settled"; label: string };

/** The document's text cut at every span's edges, each piece with the span that covers it. */
function pieces(text: string, spans: Span[]) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const edges = [...cuts].sort((a, b) => a - b);
  // Where spans overlap, a proposal's shows (it is what was made), then an open candidate's.
  const rank = { proposal: 0, candidate: 1, settled: 2 };
  const ordered = [...spans].sort((a, b) => rank[a.kind] - rank[b.kind]);
  return edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1], span: ordered.find((s) => s.start <= from && s.end >= edges[i + 1]) ?? null }));
}

export default function ReviewDocument() {
  const { document, candidates, duplicates, canReview } = useLoaderData<typeof loader>();
  const answer = useActionData<ActionData>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const t = useT();
  const errors = answer?.errors ?? {};
  const sent = answer?.values;
  const addForm = useRef<HTMLFormElement>(null);
  const [selection, setSelection] = useState<{ quote: string; start: number } | null>(null);
  // A selection is used once: when the candidates change (it was added, or anything else was
  // done), the box starts empty again.
  const [seenCandidates, setSeenCandidates] = useState(candidates);
  if (seenCandidates !== candidates) {
    setSeenCandidates(candidates);
    setSelection(null);
  }

  const spans: Span[] = [
    ...candidates.map((c): Span => ({ start: c.start, end: c.end, id: c.id, kind: c.status === "pending" ? "candidate" : "settled", label: c.title })),
    ...document.proposals
      .filter((p) => p.quoteStart !== null && p.quoteEnd !== null)
      .map((p): Span => ({ start: p.quoteStart!, end: p.quoteEnd!, id: p.id, kind: "proposal", label: `${p.reference} ${p.title}` })),
  ].sort((a, b) => a.start - b.start);
  // Where each piece of text begins, so a selection in the page gives offsets into the document.
  const onSelect = () => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.anchorNode) return;
    const holder = (n: Node | null) => (n?.nodeType === Node.TEXT_NODE ? n.parentElement : (n as Element | null))?.closest("[data-at]");
    const a = holder(sel.anchorNode);
    const f = holder(sel.focusNode);
    if (!a || !f) return;
    const at = (el: Element, offset: number) => Number(el.getAttribute("data-at")) + offset;
    const start = Math.min(at(a, sel.anchorOffset), at(f, sel.focusOffset));
    const end = Math.max(at(a, sel.anchorOffset), at(f, sel.focusOffset));
    const quote = document.text.slice(start, end).trim();
    if (quote) setSelection({ quote, start: start + document.text.slice(start, end).indexOf(quote) });
  };
  const sentValue = (name: string, fallback: string) => {
    const v = sent?.[name];
    return Array.isArray(v) ? (v[0] ?? fallback) : fallback;
  };
  const pending = candidates.filter((c) => c.status === "pending");
  const settled = candidates.filter((c) => c.status !== "pending");

  return (
    <>
      <PageHeader
        eyebrow={
          <>
            <Link to="/events">{t("events.title")}</Link> · <Link to={`/events/${document.summit.id}`}>{document.summit.name}</Link>
          </>
        }
        title={document.title}
        meta={t("intake.reviewMeta", { open: pending.length, settled: settled.length })}
      />
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form.map(t.message).join(" ")}
        </p>
      ) : null}
      <div className="review-layout">
        <section className="card review-document" aria-labelledby="document-h">
          <h2 id="document-h">{t("intake.document")}</h2>
          <p className="muted small">{t("intake.selectHint")}</p>
          {/* Mouse selection is an enhancement: the same span can be added by its words below. */}
          {/* A scrolling box is focusable so the keyboard can scroll and select in it (axe's
              scrollable-region-focusable); selecting is the only thing its listeners read. */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
          <div
            className="document-text"
            lang={document.language}
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
            role="region"
            aria-label={t("intake.documentBox")}
            onMouseUp={onSelect}
            onKeyUp={onSelect}
          >
            {pieces(document.text, spans).map((p) => {
              const words = document.text.slice(p.from, p.to);
              if (!p.span)
                return (
                  <span key={p.from} data-at={p.from}>
                    {words}
                  </span>
                );
              return (
                <mark
                  key={p.from}
                  data-at={p.from}
                  id={p.span.kind === "proposal" ? undefined : `d-${p.span.id}`}
                  className={`span-${p.span.kind}`}
                  title={p.span.label}
                >
                  {words}
                </mark>
              );
            })}
          </div>
        </section>

        <section className="card review-candidates" aria-labelledby="candidates-h">
          <h2 id="candidates-h">{t("intake.candidates", { count: pending.length })}</h2>
          {canReview ? (
            <Form method="post" id="review" className="candidates-form">
              <input type="hidden" name="formId" value="review" />
              {errors.accept ? <FieldError id="accept-error" errors={errors.accept} alert /> : null}
              {pending.length ? (
                <ol className="plain-list candidate-list">
                  {pending.map((c) => (
                    <CandidateCard key={c.id} c={c} duplicates={duplicates[c.id] ?? []} errors={errors} sentValue={sentValue} sent={sent} busy={busy} />
                  ))}
                </ol>
              ) : (
                <p className="empty">{t("intake.noneOpen")}</p>
              )}
              {pending.length ? (
                <div className="actions sticky-actions">
                  <button type="submit" name="intent" value="accept" className="button" disabled={busy}>
                    {t("intake.acceptTicked")}
                  </button>
                </div>
              ) : null}
            </Form>
          ) : (
            <ol className="plain-list">
              {pending.map((c) => (
                <li key={c.id}>
                  <strong>{c.title}</strong>
                  <blockquote className="source small">{c.quote}</blockquote>
                </li>
              ))}
            </ol>
          )}

          {canReview ? (
            <Form method="post" ref={addForm} className="add-candidate" aria-labelledby="add-h">
              <h3 id="add-h">{t("intake.addCandidate")}</h3>
              <input type="hidden" name="formId" value="review" />
              <input type="hidden" name="quoteStart" value={selection?.start ?? ""} />
              <div className="field">
                <label htmlFor="add-quote">{t("intake.addQuote")}</label>
                <span className="hint" id="add-quote-hint">
                  {t("intake.addQuoteHint")}
                </span>
                <textarea
                  id="add-quote"
                  name="quote"
                  rows={3}
                  key={selection ? `sel-${selection.start}-${selection.quote.length}` : `typed-${candidates.length}`}
                  defaultValue={selection?.quote ?? sentValue("quote", "")}
                  aria-invalid={errors.quote ? true : undefined}
                  aria-describedby={errors.quote ? "add-quote-hint add-quote-error" : "add-quote-hint"}
                />
                <FieldError id="add-quote-error" errors={errors.quote} />
              </div>
              <button type="submit" name="intent" value="add" className="button small secondary" disabled={busy}>
                {t("intake.addButton")}
              </button>
            </Form>
          ) : null}

          {settled.length ? (
            <>
              <h3>{t("intake.settled", { count: settled.length })}</h3>
              <ul className="plain-list">
                {settled.map((c) => (
                  <li key={c.id} id={`c-${c.id}`}>
                    <span className={`badge cand-${c.status}`}>{t(`candidate.${c.status}`)}</span> {c.title}
                    {c.proposal ? (
                      <>
                        {" → "}
                        <Link to={`/proposals/${c.proposal.id}`}>{c.proposal.reference}</Link>
                      </>
                    ) : null}
                    {c.status === "rejected" && canReview ? (
                      <Form method="post" className="inline">
                        <input type="hidden" name="formId" value="review" />
                        <button type="submit" name="intent" value={`restore:${c.id}`} className="link-button" disabled={busy}>
                          {t("intake.restore")}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}

function CandidateCard({
  c,
  duplicates,
  errors,
  sentValue,
  sent,
  busy,
}: {
  c: Candidate;
  duplicates: LoaderData["duplicates"][string];
  errors: Errors;
  sentValue: (name: string, fallback: string) => string;
  sent: ActionData["values"] | undefined;
  busy: boolean;
}) {
  const t = useT();
  const id = c.id;
  const field = (name: string) => `${name}-${id}`;
  const err = (name: string) => errors[field(name)];
  const described = (name: string) => (err(name) ? `${field(name)}-error` : undefined);
  const countries = sent?.[field("countries")] ?? (sent ? [] : c.countries);
  const as = sentValue(field("as"), c.acceptAs);
  return (
    <li id={`c-${id}`} className="candidate">
      <input type="hidden" name="open" value={id} />
      <input type="hidden" name={field("shown")} value="1" />
      <input type="hidden" name={field("version")} value={c.version} />
      <div className="candidate-head">
        <label className="check">
          <input
            type="checkbox"
            name="accept"
            value={id}
            defaultChecked={(sent?.accept ?? []).includes(id)}
            aria-label={t("intake.acceptThis", { title: c.title })}
          />{" "}
          {t("intake.tick")}
        </label>
        <a href={`#d-${id}`} className="small">
          {t("intake.showInDocument")}
        </a>
      </div>
      <blockquote className="source small">{c.quote}</blockquote>
      {c.cue ? <p className="muted small">{t("intake.cue", { cue: c.cue })}</p> : null}
      <div className="field">
        <label htmlFor={field("title")}>{t("field.title")}</label>
        <input
          type="text"
          id={field("title")}
          name={field("title")}
          defaultValue={sentValue(field("title"), c.title)}
          aria-invalid={err("title") ? true : undefined}
          aria-describedby={described("title")}
        />
        <FieldError id={`${field("title")}-error`} errors={err("title")} />
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={field("area")}>{t("field.area")}</label>
          <select
            id={field("area")}
            name={field("area")}
            defaultValue={sentValue(field("area"), c.area ?? "")}
            aria-invalid={err("area") ? true : undefined}
            aria-describedby={described("area")}
          >
            <option value="">{t("form.choose")}</option>
            {AREAS.map((a) => (
              <option key={a} value={a}>
                {t(`area.${a}`)}
              </option>
            ))}
          </select>
          <FieldError id={`${field("area")}-error`} errors={err("area")} />
        </div>
        <div className="field">
          <label htmlFor={field("party")}>{t("field.proposingParty")}</label>
          <select
            id={field("party")}
            name={field("party")}
            defaultValue={sentValue(field("party"), c.party ?? "")}
            aria-invalid={err("party") ? true : undefined}
            aria-describedby={described("party")}
          >
            <option value="">{t("form.choose")}</option>
            {COUNTRIES.map((k) => (
              <option key={k} value={k}>
                {t(`country.${k}`)}
              </option>
            ))}
          </select>
          <FieldError id={`${field("party")}-error`} errors={err("party")} />
        </div>
        <div className="field">
          <label htmlFor={field("targetDate")}>{t("field.targetDate")}</label>
          <input
            id={field("targetDate")}
            name={field("targetDate")}
            type="date"
            defaultValue={sentValue(field("targetDate"), c.targetDate)}
            aria-invalid={err("targetDate") ? true : undefined}
            aria-describedby={described("targetDate")}
          />
          <FieldError id={`${field("targetDate")}-error`} errors={err("targetDate")} />
        </div>
      </div>
      {c.place ? <p className="muted small">{t("intake.place", { place: c.place })}</p> : null}
      <fieldset aria-describedby={described("countries")}>
        <legend className="label">{t("field.countries")}</legend>
        <div className="checks">
          {COUNTRIES.map((k) => (
            <label key={k}>
              <input type="checkbox" name={field("countries")} value={k} defaultChecked={countries.includes(k)} /> {k}
            </label>
          ))}
        </div>
        <FieldError id={`${field("countries")}-error`} errors={err("countries")} />
      </fieldset>
      <fieldset>
        <legend className="label">{t("intake.acceptAs")}</legend>
        <div className="checks">
          <label>
            <input type="radio" name={field("as")} value="new" defaultChecked={as === "new"} /> {t("intake.asNew")}
          </label>
          <label>
            <input type="radio" name={field("as")} value="followup" defaultChecked={as === "followup"} /> {t("intake.asFollowUp")}
          </label>
          <label>
            <input type="radio" name={field("as")} value="duplicate" defaultChecked={as === "duplicate"} /> {t("intake.asDuplicate")}
          </label>
        </div>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={field("of")}>{t("intake.ofReference")}</label>
            <input
              type="text"
              id={field("of")}
              name={field("of")}
              list={`dups-${id}`}
              defaultValue={sentValue(field("of"), c.linkRef)}
              aria-invalid={err("of") ? true : undefined}
              aria-describedby={described("of")}
            />
            <FieldError id={`${field("of")}-error`} errors={err("of")} />
          </div>
          <div className="field">
            <label htmlFor={field("kind")}>{t("field.followUpKind")}</label>
            <select id={field("kind")} name={field("kind")} defaultValue={sentValue(field("kind"), c.linkKind)}>
              {FOLLOW_UP_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`followUpKind.${k}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
      {duplicates.length ? (
        <div className="duplicates">
          <p className="small strong">{t("intake.likelyDuplicates")}</p>
          <ul className="small">
            {duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/proposals/${d.id}`}>{d.reference}</Link> {d.title} <StatusBadge status={d.status} />
                <span className="muted"> · {d.summitName}</span>
              </li>
            ))}
          </ul>
          <datalist id={`dups-${id}`}>
            {duplicates.map((d) => (
              <option key={d.id} value={d.reference}>
                {d.title}
              </option>
            ))}
          </datalist>
        </div>
      ) : null}
      <details className="inline-form" open={Boolean(err("at"))}>
        <summary>{t("intake.moreActions")}</summary>
        <div className="field">
          <label htmlFor={field("at")}>{t("intake.splitAt")}</label>
          <span className="hint">{t("intake.splitHint")}</span>
          <input
            id={field("at")}
            name={field("at")}
            defaultValue={sentValue(field("at"), "")}
            aria-invalid={err("at") ? true : undefined}
            aria-describedby={described("at")}
          />
          <FieldError id={`${field("at")}-error`} errors={err("at")} />
        </div>
        <div className="actions">
          <button
            type="submit"
            name="intent"
            value={`split:${id}`}
            className="button small secondary"
            disabled={busy}
            aria-label={t("intake.splitThis", { title: c.title })}
          >
            {t("intake.split")}
          </button>
          <button
            type="submit"
            name="intent"
            value={`merge:${id}`}
            className="button small secondary"
            disabled={busy}
            aria-label={t("intake.mergeThis", { title: c.title })}
          >
            {t("intake.mergeNext")}
          </button>
        </div>
      </details>
      <div className="actions">
        <button
          type="submit"
          name="intent"
          value={`reject:${id}`}
          className="button small secondary"
          disabled={busy}
          aria-label={t("intake.rejectThis", { title: c.title })}
        >
          {t("intake.reject")}
        </button>
      </div>
    </li>
  );
}
