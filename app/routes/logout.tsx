import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { requestContext } from "~/lib/request-context.server";
import { recordStandaloneEvent } from "~/modules/audit/record.server";
import { destroySession, getSessionUser } from "~/modules/users/session.server";

/** Signing out: the session ends and the sign-out is recorded. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  // A database that cannot store anything right now answers 503 in words (still signed in).
  return submitForm(request, await readAuthorisedForm(request), {
    formId: "logout",
    schema: z.object({}),
    noPage: true,
    write: async () => {
      const cookie = await destroySession(request);
      if (user) {
        await recordStandaloneEvent({
          actor: { id: user.id, name: user.name, role: user.role },
          action: "auth.logout",
          entityType: "user",
          entityId: user.id,
          context: requestContext(context),
        });
      }
      return cookie;
    },
    done: (cookie) => redirect("/login", { headers: { "Set-Cookie": cookie } }),
  });
}

// Signing out changes state, so it is POST only; a GET just goes to the sign-in page.
export const loader = () => redirect("/login");
