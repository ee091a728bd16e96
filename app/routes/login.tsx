import { pageTitle } from "~/i18n/meta";
import { LocaleSwitcher } from "~/ui/locale-switcher";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { getFormProps, getInputProps } from "@conform-to/react";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { RuleError, TooManyError } from "~/lib/errors";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { useAppForm } from "~/lib/forms";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { authenticate } from "~/modules/users/auth.server";
import { consumeSignInAttempt } from "~/modules/users/rate-limit.server";
import { signInSchema } from "~/modules/users/schemas";
import { createUserSession, destroySession, getSessionUser } from "~/modules/users/session.server";
import { FieldError, FormErrors } from "~/ui/fields";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("login.title"));

// Document responses take their headers from here: pass the 429's or 503's Retry-After through.
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = requestContext(context);
  return submitForm(request, await readAuthorisedForm(request), {
    formId: "login",
    schema: signInSchema,
    // The password is never sent back; the email stays in its field.
    hideFields: ["password"],
    // A storage fault here means no session could be started, not that something was lost.
    storageMessage: msg("error.storageSignIn"),
    write: async ({ email, password }) => {
      const allowance = await consumeSignInAttempt(ctx.ip ?? "", email);
      if (!allowance.ok) throw new TooManyError(msg("login.tooMany", { seconds: allowance.retryAfterSeconds }), allowance.retryAfterSeconds);
      const result = await authenticate(email, password, ctx);
      if (!result.ok) throw new RuleError(msg("login.mismatch"), { status: 400 });
      // A new session id at every sign-in; whatever session this browser held before is ended, so a
      // session id planted before sign-in is worthless after it.
      await destroySession(request);
      return createUserSession(result.userId, request, ctx.ip ?? "");
    },
    done: (cookie, { redirectTo }) => redirect(safeRedirectPath(redirectTo), { headers: { "Set-Cookie": cookie } }),
  });
}

export default function Login() {
  const [params] = useSearchParams();
  const { form, fields, answer } = useAppForm({ id: "login", schema: signInSchema });
  // The server never sends the password back, but with JavaScript the page is not reloaded and
  // the input would keep what was typed: every answer (a mismatch, a 429, a 503) empties it.
  const password = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (answer && password.current) password.current.value = "";
  }, [answer]);
  // Busy while signing in only: the language menu on this page is a form too.
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formAction?.startsWith("/login") === true;
  const t = useT();
  return (
    <div className="card login-card">
      <h1>{t("login.title")}</h1>
      <p className="muted">{t("login.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <FormErrors form={form} />
        <div className="field">
          <label htmlFor={fields.email.id}>{t("login.email")}</label>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" required />
          <FieldError id={fields.email.errorId} errors={fields.email.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.password.id}>{t("login.password")}</label>
          <input ref={password} {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" required />
          <FieldError id={fields.password.errorId} errors={fields.password.errors} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("login.busy") : t("login.submit")}
        </button>
      </Form>
      <LocaleSwitcher id="login-locale" className="locale-form login-locale" />
    </div>
  );
}
