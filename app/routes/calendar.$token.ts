// A user's private calendar feed (issue 17): /calendar/<token>.ics, no session (calendar apps
// fetch it on their own), the token as the credential. An unknown or revoked token is a 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarFeed, feedOwner } from "~/modules/notifications/calendar.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const user = await feedOwner(token);
  if (!user) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(await calendarFeed(user), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="summit-tracker.ics"',
      // Private to its holder: no shared cache keeps it; a calendar app may ask again hourly.
      "Cache-Control": "private, max-age=300",
      "X-Robots-Tag": "noindex",
    },
  });
}
