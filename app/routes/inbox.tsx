// The inbox (issue 17): a user's notifications, newest first, unread marked in words and weight;
// each links to what changed; mark one read or unread, or all read (up to the moment the page was
// loaded, so one that arrived since is not marked read unseen). Works without JavaScript.
import { pageTitle } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useT } from "~/i18n";
import { msg } from "~/i18n/message";
import { readAuthorisedForm, submitForm } from "~/lib/form-action.server";
import { retryAfterHeaders } from "~/lib/retry-after";
import { notificationMessage, notificationPath } from "~/modules/notifications/kinds";
import { inbox, parseCursor, unreadCount } from "~/modules/notifications/queries.server";
import { markAllRead, setRead } from "~/modules/notifications/service.server";
import { requireUser } from "~/modules/users/session.server";
import { formatUtc } from "~/ui/format";
import { PageHeader } from "~/ui/page-header";

export const headers = retryAfterHeaders;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, msg("inbox.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const unreadOnly = url.searchParams.get("show") === "unread";
  const [page, unread] = await Promise.all([inbox(user.id, { unreadOnly, after: parseCursor(url.searchParams.get("after")) }), unreadCount(user.id)]);
  return json({ ...page, unread, unreadOnly, loadedAt: new Date().toISOString(), paged: url.searchParams.has("after") });
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().min(1).max(64), show: z.enum(["all", "unread"]).default("all") }),
  z.object({ intent: z.literal("unread"), id: z.string().min(1).max(64), show: z.enum(["all", "unread"]).default("all") }),
  z.object({ intent: z.literal("all-read"), upTo: z.iso.datetime(), show: z.enum(["all", "unread"]).default("all") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return submitForm(request, await readAuthorisedForm(request), {
    formId: "inbox",
    schema,
    noPage: true,
    write: async (v) => {
      if (v.intent === "all-read") await markAllRead(user.id, new Date(v.upTo));
      else await setRead(user.id, v.id, v.intent === "read");
    },
    done: (_, v) => ({
      redirectTo: v.show === "unread" ? "/inbox?show=unread" : "/inbox",
      flash: msg(v.intent === "all-read" ? "flash.allRead" : v.intent === "read" ? "flash.markedRead" : "flash.markedUnread"),
    }),
  });
}

export default function Inbox() {
  const { items, next, unread, unreadOnly, loadedAt, paged } = useLoaderData<typeof loader>();
  const t = useT();
  const show = unreadOnly ? "unread" : "all";
  return (
    <>
      <PageHeader eyebrow={t("nav.inbox")} title={t("inbox.title")} meta={<span className="muted">{t("inbox.unreadCount", { count: unread })}</span>}>
        {unread > 0 ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="formId" value="inbox" />
            <input type="hidden" name="upTo" value={loadedAt} />
            <input type="hidden" name="show" value={show} />
            <button type="submit" name="intent" value="all-read" className="button secondary">
              {t("inbox.markAllRead")}
            </button>
          </Form>
        ) : null}
      </PageHeader>
      <p className="muted">
        {t("inbox.intro")} <Link to="/account#mail">{t("inbox.settings")}</Link>
      </p>
      <nav aria-label={t("inbox.showing")} className="tabs">
        <Link to="/inbox" aria-current={unreadOnly ? undefined : "page"}>
          {t("inbox.all")}
        </Link>
        <Link to="/inbox?show=unread" aria-current={unreadOnly ? "page" : undefined}>
          {t("inbox.unreadOnly")}
        </Link>
      </nav>
      {items.length === 0 ? (
        <p className="empty card">{unreadOnly ? t("inbox.emptyUnread") : t("inbox.empty")}</p>
      ) : (
        <ol className="inbox card" aria-label={t("inbox.title")}>
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "inbox-item" : "inbox-item unread"}>
              <div className="inbox-text">
                {n.readAt ? null : <span className="badge unread-tag">{t("inbox.unread")}</span>}{" "}
                <Link to={notificationPath(n)} id={`n-${n.id}`}>
                  {t.message(notificationMessage(n, t.locale))}
                </Link>
                <div className="muted small">
                  <time dateTime={n.createdAt}>{formatUtc(n.createdAt)}</time>
                </div>
              </div>
              <Form method="post" className="inline-form">
                <input type="hidden" name="formId" value="inbox" />
                <input type="hidden" name="id" value={n.id} />
                <input type="hidden" name="show" value={show} />
                <button type="submit" name="intent" value={n.readAt ? "unread" : "read"} className="button small secondary" aria-describedby={`n-${n.id}`}>
                  {n.readAt ? t("inbox.markUnread") : t("inbox.markRead")}
                </button>
              </Form>
            </li>
          ))}
        </ol>
      )}
      <p className="pager">
        {paged ? <Link to={unreadOnly ? "/inbox?show=unread" : "/inbox"}>{t("inbox.newest")}</Link> : null}{" "}
        {next ? <Link to={`/inbox?${new URLSearchParams({ ...(unreadOnly ? { show: "unread" } : {}), after: next })}`}>{t("inbox.older")}</Link> : null}
      </p>
    </>
  );
}
