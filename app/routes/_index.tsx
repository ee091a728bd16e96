import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/users/session.server";

/** Analysts land on their own work (issue 12); managers, admins and viewers on the dashboard. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return redirect(user.role === "analyst" ? "/me" : "/dashboard");
}
