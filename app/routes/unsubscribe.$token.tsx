// The unsubscribe link of every e-mail (issue 17): works without signing in, the signed token
// naming the user. Opening it asks (a link scanner that fetches it changes nothing); the button,
// or a mail client's one-click POST (RFC 8058, List-Unsubscribe-Post), turns e-mail off.
import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { readDb } from "~/db.server";
import { NotFoundError } from "~/lib/errors";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { requestContext } from "~/lib/request-context.server";
import { useFormResult } from "~/lib/forms";
import { verifyUnsubscribeToken } from "~/modules/notifications/mail/tokens.server";
import { unsubscribe } from "~/modules/notifications/service.server";

export const meta: MetaFunction = ({ matches }) => [...pageTitle(matches, msg("unsub.title")), { name: "robots", content: "noindex" }];

async function userOf(token: string | undefined) {
  const userId = token ? await verifyUnsubscribeToken(token) : null;
  return userId ? readDb.user.findUnique({ where: { id: userId }, select: { id: true, email: true, mailFrequency: true } }) : null;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const user = await userOf(params.token);
  if (!user) return json({ valid: false as const, email: "", off: false }, { status: 404, headers: { "Cache-Control": "no-store" } });
  return json({ valid: true as const, email: user.email, off: user.mailFrequency === "off" }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await userOf(params.token);
  return submitForm(request, await readAuthorisedForm(request), {
    formId: "unsubscribe",
    schema: z.object({}),
    write: () => {
      if (!user) throw new NotFoundError(msg("what.unsubscribeLink"));
      return unsubscribe(user.id, requestContext(context));
    },
    done: (r): { stay: { email: string } } => ({ stay: { email: r.email } }),
  });
}

export default function Unsubscribe() {
  const { valid, email, off } = useLoaderData<typeof loader>();
  const t = useT();
  const done = useFormResult<{ email: string }>("unsubscribe")?.data;
  return (
    <div className="card login-card">
      <h1>{t("unsub.title")}</h1>
      <section>
        {!valid ? (
          <p role="alert">{t("unsub.invalid")}</p>
        ) : done || off ? (
          <p role="status">{t("unsub.done", { email: done?.email ?? email })}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="formId" value="unsubscribe" />
            <p>{t("unsub.intro", { email })}</p>
            <button type="submit" className="button">
              {t("unsub.confirm")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
