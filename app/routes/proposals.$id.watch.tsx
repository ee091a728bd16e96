// Watch or stop watching a proposal (issue 12): any signed-in user, on any proposal they can read.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { msg } from "~/i18n/message";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { requireId } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { requireUser } from "~/modules/users/session.server";
import { setWatching } from "~/modules/work/service.server";

const schema = z.object({ intent: z.enum(["watch", "unwatch"]) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = requireId(params.id, msg("what.proposal"));
  return submitForm(request, await readAuthorisedForm(request), {
    formId: "watch",
    schema,
    // No page of its own: a failure is an error page in words.
    noPage: true,
    write: (v) => setWatching({ id: user.id, name: user.name, role: user.role }, id, v.intent === "watch", requestContext(context)),
    done: (_, v) => ({ redirectTo: `/proposals/${id}`, flash: msg(v.intent === "watch" ? "flash.watching" : "flash.notWatching") }),
  });
}

export const loader = ({ params }: { params: { id?: string } }) => redirect(`/proposals/${params.id ?? ""}`);
