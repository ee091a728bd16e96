// The signed-in user's own account (issue 12 item 11): change the password (the current one
// required; every other session ends), see the sessions that are signed in and end any of them.
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
import { FieldError, FormErrors, TextField } from "~/ui/fields";
import { FormMeta } from "~/ui/form-meta";
import { formatUtc } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";

// A 429 (too many wrong passwords) or 503 keeps its Retry-After on the document.
export const headers = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Your account · Summit Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [sessions, current] = await Promise.all([listOwnSessions(user.id), currentSessionId(request)]);
  return json({
    user: { name: user.name, email: user.email, role: user.role },
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
  switch (intentOf(formData, ["change-password", "end-session", "end-other-sessions"])) {
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

export default function Account() {
  const { user, sessions, formToken } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <PageHeader eyebrow={t("account.eyebrow")} title={user.name} meta={<span className="muted">{`${user.email} · ${t(`role.${user.role}`)}`}</span>} />
      <div className="account-grid">
        {/* Keyed on the token: after a change the form starts empty. */}
        <ChangePassword key={formToken} token={formToken} />
        <Sessions sessions={sessions} token={formToken} />
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
