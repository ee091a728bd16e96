import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { useT } from "~/i18n";
import { unavailable } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { SIGN_IN_STORAGE_MESSAGE } from "~/lib/storage.server";
import { authenticate } from "~/modules/users/auth.server";
import { consumeSignInAttempt } from "~/modules/users/rate-limit.server";
import { createUserSession, destroySession, getSessionUser } from "~/modules/users/session.server";
import { readFormData } from "~/lib/form-data.server";
import { safeRedirectPath } from "~/lib/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Sign in · Summit Tracker" }];

// Document responses take their headers from here: pass the 429's or 503's Retry-After through.
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

const schema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254, "That email address is too long."),
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});

type LoginErrors = { email?: string; password?: string; form?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const redirectTo = safeRedirectPath(form.get("redirectTo"));
  const parsed = schema.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "" });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    const fieldErrors: LoginErrors = { email: errors.email?.[0], password: errors.password?.[0] };
    return json({ errors: fieldErrors, email }, { status: 400 });
  }
  const ctx = requestContext(context);
  const allowance = await consumeSignInAttempt(ctx.ip ?? "", parsed.data.email);
  if (!allowance.ok) {
    return json(
      { errors: { form: `Too many sign-in attempts. Try again in ${allowance.retryAfterSeconds} seconds.` } as LoginErrors, email },
      { status: 429, headers: { "Retry-After": String(allowance.retryAfterSeconds) } },
    );
  }
  try {
    const result = await authenticate(parsed.data.email, parsed.data.password, ctx);
    if (!result.ok) {
      return json(
        { errors: { form: "That email and password do not match an active account." } as LoginErrors, email },
        { status: 400 },
      );
    }
    // A new session id at every sign-in; whatever session this browser held before is ended, so a
    // session id planted before sign-in is worthless after it.
    await destroySession(request);
    const cookie = await createUserSession(result.userId, request, ctx.ip ?? "");
    return redirect(redirectTo, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    // The database is busy, or cannot store (or even open) anything: say so, keep the email.
    const notNow = unavailable(error, SIGN_IN_STORAGE_MESSAGE);
    if (!notNow) throw error;
    return json({ errors: { form: notNow.message } as LoginErrors, email }, { status: notNow.status, headers: notNow.headers });
  }
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  return (
    <div className="card login-card">
      <h1>{t("login.title")}</h1>
      <p className="muted">{t("login.intro")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/dashboard"} />
        {data?.errors.form ? (
          <p className="form-error" role="alert" id="form-error">
            {t.sentence(data.errors.form)}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="email">{t("login.email")}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={data?.email ?? ""}
            aria-invalid={data?.errors.email ? true : undefined}
            aria-describedby={data?.errors.email ? "email-error" : undefined}
          />
          {data?.errors.email ? (
            <p className="field-error" id="email-error">
              {data.errors.email}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={data?.errors.password ? true : undefined}
            aria-describedby={data?.errors.password ? "password-error" : undefined}
          />
          {data?.errors.password ? (
            <p className="field-error" id="password-error">
              {data.errors.password}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("login.busy") : t("login.submit")}
        </button>
      </Form>
    </div>
  );
}
