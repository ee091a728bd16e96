import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requestContext } from "~/lib/request-context.server";
import { recordStandaloneEvent } from "~/modules/audit/record.server";
import { destroySession, getSessionUser } from "~/modules/users/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
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
