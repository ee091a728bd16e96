import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { LOCALES, type Locale } from "~/i18n/messages";
import { redirectWithFlash } from "~/lib/flash.server";
import { rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { setLocale } from "~/modules/users/service.server";
import { requireUser } from "~/modules/users/session.server";
import { readFormData } from "~/lib/form-data.server";
import { safeRedirectPath } from "~/lib/safe-redirect";

/** Each user picks the interface language; it is stored on their account. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readFormData(request);
  const locale = String(form.get("locale") ?? "");
  const to = safeRedirectPath(form.get("redirectTo"));
  if (!(LOCALES as readonly string[]).includes(locale)) return redirect(to);
  await setLocale({ id: user.id, name: user.name, role: user.role }, locale as Locale, requestContext(context)).catch(rethrowAsResponse);
  return redirectWithFlash(request, to, { kind: "success", message: "Language changed." });
}

export const loader = () => redirect("/dashboard");
