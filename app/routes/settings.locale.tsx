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
  const locale = formData.get("locale");
  const headers = { "Set-Cookie": await localeCookie.serialize(typeof locale === "string" ? locale : "en") };
  return submitForm(request, formData, {
    formId: "locale",
    schema,
    noPage: true,
    write: async (v) => {
      if (user) await setLocale({ id: user.id, name: user.name, role: user.role }, v.locale, requestContext(context));
    },
    done: (_, v) => ({ redirectTo: safeRedirectPath(v.redirectTo), flash: msg("flash.languageChanged"), headers }),
  });
}

export const loader = () => redirect("/dashboard");
