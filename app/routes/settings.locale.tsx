import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { msg } from "~/i18n/message";
import { LOCALES } from "~/i18n/messages";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { requestContext } from "~/lib/request-context.server";
import { safeRedirectPath } from "~/lib/safe-redirect";
import { choice } from "~/lib/schema-fields";
import { setLocale } from "~/modules/users/service.server";
import { requireUser } from "~/modules/users/session.server";

const schema = z.object({ locale: choice(LOCALES, "v.chooseLanguage"), redirectTo: z.string().optional() });

/** Each user picks the interface language; it is stored on their account. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return submitForm(request, await readAuthorisedForm(request), {
    formId: "locale",
    schema,
    noPage: true,
    write: (v) => setLocale({ id: user.id, name: user.name, role: user.role }, v.locale, requestContext(context)),
    done: (_, v) => ({ redirectTo: safeRedirectPath(v.redirectTo), flash: msg("flash.languageChanged") }),
  });
}

export const loader = () => redirect("/dashboard");
