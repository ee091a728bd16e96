import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { rethrowAsResponse } from "~/lib/http.server";
import { requestContext } from "~/lib/request-context.server";
import { recordStandaloneEvent } from "~/modules/audit/record.server";
import { destroySession, getSessionUser } from "~/modules/users/session.server";

export async function action(args: ActionFunctionArgs) {
  // A database that cannot store anything right now answers 503 in words (still signed in).
  return signOut(args).catch(rethrowAsResponse);
}

async function signOut({ request, context }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
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
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}

// Signing out changes state, so it is POST only; a GET just goes to the sign-in page.
export const loader = () => redirect("/login");
