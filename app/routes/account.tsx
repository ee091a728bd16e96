// The signed-in user's own account (issue 12 item 11): change the password (the current one
// required; every other session ends), see the sessions that are signed in and end any of them;
// choose how notifications reach their e-mail, and make or revoke their calendar feed (issue 17).
import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { getFormProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { intentOf, readAuthorisedForm, submitForm, type Done } from "~/lib/form-action.server";
import { useAppForm, useFormResult, usePosting } from "~/lib/forms";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { newFormToken } from "~/lib/submissions.server";
import { changePasswordSchema, endOtherSessionsSchema, endSessionSchema, PASSWORD_MIN } from "~/modules/users/schemas";
import { changeOwnPassword, endOtherSessions, endOwnSession, listOwnSessions } from "~/modules/users/service.server";
import { currentSessionId, requireUser } from "~/modules/users/session.server";
import { readDb } from "~/db.server";
import { MAIL_FREQUENCIES } from "~/modules/notifications/kinds";
import { appUrl } from "~/modules/notifications/mail/tokens.server";
import { createCalendarFeed, revokeCalendarFeed, setMailFrequency } from "~/modules/notifications/service.server";
import { z } from "zod";
import { FieldError, FormErrors, TextField } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { formatUtc } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";

// A 429 (too many wrong passwords) or 503 keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("nav.account"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [sessions, current, settings] = await Promise.all([
    listOwnSessions(user.id),
    currentSessionId(request),
    readDb.user.findUniqueOrThrow({ where: { id: user.id }, select: { mailFrequency: true, calendarTokenAt: true } }),
  ]);
  return json({
    user: { name: user.name, email: user.email, role: user.role },
    mailFrequency: settings.mailFrequency,
    calendarSince: settings.calendarTokenAt?.toISOString() ?? null,
    sessions: sessions.map((s) => ({ ...s, current: s.id === current })),
    formToken: newFormToken(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = { id: user.id, name: user.name, role: user.role };
  const ctx = requestContext(context);
  const formData = await readAuthorisedForm(request);
  const current = await currentSessionId(request);
  const replay = (): Done => ({ redirectTo: "/account", flash: msg("flash.alreadySaved") });
  const once = { userId: user.id, context: ctx, replay };
  switch (intentOf(formData, ["change-password", "end-session", "end-other-sessions", "mail", "calendar-create", "calendar-revoke"])) {
    case "mail":
      return submitForm(request, formData, {
        formId: "mail",
        schema: mailSchema,
        write: (v) => setMailFrequency(actor, v.mailFrequency, ctx),
        done: () => ({ redirectTo: "/account#mail", flash: msg("flash.mailSaved") }),
      });
    case "calendar-create":
      // The address is shown in this answer only: it is stored hashed.
      return submitForm(request, formData, {
        formId: "calendar",
        schema: z.object({}),
        write: () => createCalendarFeed(actor, ctx),
        done: (r): { stay: { feedUrl: string } } => ({ stay: { feedUrl: `${appUrl()}/calendar/${r.token}.ics` } }),
      });
    case "calendar-revoke":
      return submitForm(request, formData, {
        formId: "calendar",
        schema: z.object({}),
        write: () => revokeCalendarFeed(actor, ctx),
        done: () => ({ redirectTo: "/account#calendar", flash: msg("flash.calendarRevoked") }),
      });
    case "change-password":
      return submitForm(request, formData, {
        formId: "change-password",
        schema: changePasswordSchema,
        // No password is ever sent back, nor part of the submission's key.
        hideFields: ["current", "password", "confirm"],
        write: (v) => changeOwnPassword(actor, v, current, ctx),
        once,
        done: (r) => ({ redirectTo: "/account", flash: msg("flash.passwordChanged", { count: r.ended }) }),
      });
    case "end-session":
      return submitForm(request, formData, {
        formId: "sessions",
        schema: endSessionSchema,
        write: (v) => endOwnSession(actor, v.sessionId, current, ctx),
        once,
        done: () => ({ redirectTo: "/account", flash: msg("flash.sessionEnded") }),
      });
    case "end-other-sessions":
      return submitForm(request, formData, {
        formId: "sessions",
        schema: endOtherSessionsSchema,
        write: () => endOtherSessions(actor, current, ctx),
        once,
        done: (r) => ({ redirectTo: "/account", flash: msg("flash.otherSessionsEnded", { count: r.ended }) }),
      });
  }
}

const mailSchema = z.object({ mailFrequency: z.enum(MAIL_FREQUENCIES) });

export default function Account() {
  const { user, sessions, formToken, mailFrequency, calendarSince } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeader eyebrow={t("account.eyebrow")} title={user.name} meta={<span className="muted">{`${user.email} · ${t(`role.${user.role}`)}`}</span>} />
      <div className="account-grid">
        {/* Keyed on the token: after a change the form starts empty. */}
        <ChangePassword key={formToken} token={formToken} />
        <Sessions sessions={sessions} token={formToken} />
        <MailSettings email={user.email} frequency={mailFrequency} />
        <CalendarFeed since={calendarSince} />
      </div>
    </>
  );
}

function ChangePassword({ token }: { token: string }) {
  const { form, fields, posting } = useAppForm({ id: "change-password", schema: changePasswordSchema, resetOnSuccess: true });
  const t = useT();
  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">{t("account.password")}</h2>
      <p className="muted">{t("account.passwordIntro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormMeta formId="change-password" token={token} intent="change-password" />
        <FormErrors form={form} />
        <TextField field={fields.current} label={t("account.current")} type="password" autoComplete="current-password" />
        <TextField
          field={fields.password}
          label={t("account.new")}
          type="password"
          hint={t("account.newHint", { min: PASSWORD_MIN })}
          autoComplete="new-password"
        />
        <TextField field={fields.confirm} label={t("account.confirm")} type="password" autoComplete="new-password" />
        <button type="submit" className="button" disabled={posting}>
          {t("account.change")}
        </button>
      </Form>
    </section>
  );
}

type SessionRow = { id: string; createdAt: string; lastSeenAt: string; ipAddress: string; userAgent: string; current: boolean };

function Sessions({ sessions, token }: { sessions: SessionRow[]; token: string }) {
  const t = useT();
  const answer = useFormResult("sessions");
  const posting = usePosting("sessions");
  const errors = Object.values(answer?.result.error ?? {}).flatMap((m) => m ?? []);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("account.sessions")}</h2>
      <p className="muted">{t("account.sessionsIntro")}</p>
      <FieldError id="sessions-error" errors={errors} alert />
      <ul className="session-list" aria-labelledby="sessions-heading">
        {sessions.map((s) => (
          <li key={s.id} className={s.current ? "current" : undefined}>
            <div className="session-what">
              <strong className="user-agent">{s.userAgent || t("account.unknownBrowser")}</strong>
              <span className="muted">
                {t("account.signedIn")} <time dateTime={s.createdAt}>{formatUtc(s.createdAt)}</time> · {t("account.lastSeen")}{" "}
                <time dateTime={s.lastSeenAt}>{formatUtc(s.lastSeenAt)}</time> · {t("account.address")} {s.ipAddress || "—"}
              </span>
            </div>
            {s.current ? (
              <span className="tag">{t("account.thisSession")}</span>
            ) : (
              <Form method="post">
                <FormMeta formId="sessions" token={token} intent="end-session" />
                <input type="hidden" name="sessionId" value={s.id} />
                <button
                  type="submit"
                  className="button small secondary"
                  disabled={posting}
                  aria-label={t("account.endOneLabel", { started: formatUtc(s.createdAt) })}
                >
                  {t("account.end")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {others ? (
        <Form method="post">
          <FormMeta formId="sessions" token={token} intent="end-other-sessions" />
          <button type="submit" className="button danger" disabled={posting}>
            {t("account.endOthers", { count: others })}
          </button>
        </Form>
      ) : (
        <p className="muted">{t("account.noOthers")}</p>
      )}
    </section>
  );
}

function MailSettings({ email, frequency }: { email: string; frequency: string }) {
  const t = useT();
  const posting = usePosting("mail");
  const answer = useFormResult("mail");
  const errors = Object.values(answer?.result.error ?? {}).flatMap((m) => m ?? []);
  return (
    <section className="card" aria-labelledby="mail" id="mail-section">
      <h2 id="mail">{t("account.mailTitle")}</h2>
      <p className="muted">{t("account.mailIntro", { email })}</p>
      <Form method="post">
        <input type="hidden" name="formId" value="mail" />
        <input type="hidden" name="intent" value="mail" />
        <fieldset className="choice-list" aria-describedby={errors.length ? "mail-error" : undefined} aria-invalid={errors.length ? true : undefined}>
          <legend>{t("account.mailFrequency")}</legend>
          {MAIL_FREQUENCIES.map((f) => (
            <label key={f} className="choice">
              <input type="radio" name="mailFrequency" value={f} defaultChecked={f === frequency} /> {t(`mailFrequency.${f}`)}
            </label>
          ))}
        </fieldset>
        <FieldError id="mail-error" errors={errors} alert />
        <button type="submit" className="button" disabled={posting}>
          {t("account.mailSave")}
        </button>
      </Form>
    </section>
  );
}

function CalendarFeed({ since }: { since: string | null }) {
  const t = useT();
  const posting = usePosting("calendar");
  const answer = useFormResult<{ feedUrl: string }>("calendar");
  const feedUrl = answer?.data?.feedUrl;
  return (
    <section className="card" aria-labelledby="calendar">
      <h2 id="calendar">{t("account.calendarTitle")}</h2>
      <p className="muted">{t("account.calendarIntro")}</p>
      {feedUrl ? (
        <div role="status">
          <p>
            <strong>{t("flash.calendarCreated")}</strong>
          </p>
          <label htmlFor="feed-url">{t("account.calendarUrl")}</label>
          <input id="feed-url" className="feed-url" readOnly value={feedUrl} />
          <p className="muted">{t("account.calendarKeep")}</p>
        </div>
      ) : (
        <p>{since ? t("account.calendarSince", { when: formatUtc(since) }) : t("account.calendarNone")}</p>
      )}
      <div className="actions">
        <Form method="post">
          <input type="hidden" name="formId" value="calendar" />
          <button type="submit" name="intent" value="calendar-create" className="button secondary" disabled={posting}>
            {since || feedUrl ? t("account.calendarReset") : t("account.calendarCreate")}
          </button>
        </Form>
        {since || feedUrl ? (
          <Form method="post">
            <input type="hidden" name="formId" value="calendar" />
            <button type="submit" name="intent" value="calendar-revoke" className="button danger" disabled={posting}>
              {t("account.calendarRevoke")}
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
