import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { msg } from "~/i18n/message";
import { LOCALES } from "~/i18n/messages";
import { localeCookie } from "~/i18n/negotiate.server";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { requestContext } from "~/lib/request-context.server";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { choice } from "~/lib/schema-fields";
import { setLocale } from "~/modules/users/service.server";
import { getSessionUser } from "~/modules/users/session.server";

const schema = z.object({ locale: choice(LOCALES, "v.chooseLanguage"), redirectTo: z.string().optional() });

/**
 * The interface language: stored on the account (audited) when signed in, and in a cookie either
 * way, so that the sign-in page and, after sign-out, the next one speak it too.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  const formData = await readAuthorisedForm(request);
  // The cookie for each language, made before the form is judged (done is synchronous); only the valid one is sent.
  const cookies = Object.fromEntries(await Promise.all(LOCALES.map(async (l) => [l, await localeCookie.serialize(l)] as const)));
  return submitForm(request, formData, {
    formId: "locale",
    schema,
    noPage: true,
    write: async (v) => {
      if (user) await setLocale({ id: user.id, name: user.name, role: user.role }, v.locale, requestContext(context));
    },
    done: (_, v) => ({ redirectTo: safeRedirectPath(v.redirectTo), flash: msg("flash.languageChanged"), headers: { "Set-Cookie": cookies[v.locale] } }),
  });
}

export const loader = () => redirect("/dashboard");
