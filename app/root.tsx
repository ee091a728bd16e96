import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { KeyboardShortcuts } from "~/ui/shortcuts";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  useLocation,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import stylesHref from "~/styles/app.css";
import { readFlash } from "~/lib/flash.server";
import { getSessionUser } from "~/modules/users/session.server";
import { unreadCount } from "~/modules/notifications/queries.server";
import { useLocale, useT } from "~/i18n";
import { readerLocale } from "~/i18n/negotiate.server";
import { pageTitle } from "~/i18n/meta";
import { isMessage, msg, type Message } from "~/i18n/message";
import type { ErrorBody } from "~/lib/http.server";
import type { MessageKey } from "~/i18n/messages";
import { LocaleSwitcher } from "~/ui/locale-switcher";
import { useNonce } from "~/ui/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches);

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { flash, setCookie }] = await Promise.all([getSessionUser(request), readFlash(request)]);
  const locale = await readerLocale(request, user);
  // The header's unread count (issue 17): one indexed count, never cached.
  const unread = user ? await unreadCount(user.id) : 0;
  return json({ user, flash, locale, unread }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

type RootData = typeof loader;

const NAV: { to: string; label: MessageKey }[] = [
  { to: "/me", label: "nav.me" },
  { to: "/dashboard", label: "nav.dashboard" },
  { to: "/proposals", label: "nav.proposals" },
  { to: "/board", label: "nav.board" },
  { to: "/timeline", label: "nav.timeline" },
  { to: "/events", label: "nav.events" },
  { to: "/compliance", label: "nav.compliance" },
  { to: "/report", label: "nav.report" },
  { to: "/audit", label: "nav.audit" },
];

function Document({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const t = useT();
  return (
    <html lang={useLocale()}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("app.skip")}
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The site menu is a <details> disclosure: below 1200 px (phones, tablets) it folds into a "Menu" button, and it opens
 * and closes without JavaScript; from 1200 px up the stylesheet shows its content and
 * hides the button. With JavaScript it also closes after a navigation and on Escape.
 */
function SiteMenu({ children }: { children: React.ReactNode }) {
  const t = useT();
  const location = useLocation();
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);
  const closeOnEscape = (event: React.KeyboardEvent<HTMLDetailsElement>) => {
    const menu = ref.current;
    if (event.key !== "Escape" || !menu?.open) return;
    menu.open = false;
    menu.querySelector("summary")?.focus();
  };
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Escape closes the disclosure its summary opened
    <details ref={ref} className="site-menu" onKeyDown={closeOnEscape}>
      <summary className="menu-toggle">
        <span className="menu-icon" aria-hidden="true" />
        {t("nav.menu")}
      </summary>
      <div className="site-menu-panel">{children}</div>
    </details>
  );
}

function Header() {
  const data = useRouteLoaderData<RootData>("root");
  const user = data?.user;
  const t = useT();
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            {t("app.mark")}
          </span>
          <span className="brand-name">{t("app.name")}</span>
        </Link>
        {user ? (
          <SiteMenu>
            <nav aria-label={t("nav.main")} className="main-nav">
              {NAV.map((n) => (
                <NavLink key={n.to} to={n.to} prefetch="intent">
                  {t(n.label)}
                </NavLink>
              ))}
              {user.role === "admin" ? <NavLink to="/admin/users">{t("nav.users")}</NavLink> : null}
            </nav>
            <div className="user-box">
              <NavLink to="/inbox" className="inbox-link" aria-label={data?.unread ? t("nav.inboxUnread", { count: data.unread }) : t("nav.inbox")}>
                <span aria-hidden="true">{t("nav.inbox")}</span>
                {data?.unread ? (
                  <span className="inbox-count" aria-hidden="true">
                    {data.unread > 99 ? "99+" : data.unread}
                  </span>
                ) : null}
              </NavLink>
              <Link to="/account" className="user-name" title={t("nav.account")}>
                {user.name} <span className="role-tag">{t(`role.${user.role}`)}</span>
              </Link>
              <LocaleSwitcher id="locale-select" />
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  {t("nav.signOut")}
                </button>
              </Form>
            </div>
          </SiteMenu>
        ) : null}
      </div>
    </header>
  );
}

/** The bar, the page and the footer: the same for every page and every error page. */
function Layout({ children }: { children: React.ReactNode }) {
  const t = useT();
  return (
    <Document>
      <Header />
      <main id="main" className="page">
        {children}
      </main>
      <footer className="site-footer">{t("app.footer")}</footer>
    </Document>
  );
}

export default function App() {
  const { flash, user } = useLoaderData<RootData>();
  const t = useT();
  return (
    <Layout>
      {user ? <KeyboardShortcuts /> : null}
      {flash ? (
        <p role="status" className={`flash flash-${flash.kind}`}>
          {t.message(flash.message)}
        </p>
      ) : null}
      <Outlet />
    </Layout>
  );
}

const ERROR_TITLES: Partial<Record<number, MessageKey>> = {
  400: "error.400",
  403: "error.403",
  404: "error.404",
  409: "error.409",
  413: "error.413",
  429: "error.429",
  503: "error.503",
};

/** One general boundary: words a person understands for 403/404/409/5xx. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let status = 500;
  let message: Message = msg("error.generic");
  let storage = false;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    // Thrown answers carry a Message (lib/http.server.ts `answer`); anything else gets the general words.
    const data = error.data as Partial<ErrorBody> | string | null;
    if (data && typeof data === "object" && isMessage(data.message)) message = data.message;
    else if (status === 404) message = msg("error.notFound", { what: msg("what.page") });
    else if (status === 403) message = msg("error.forbidden");
    // A 503 because the database cannot store anything gets its own heading, not "Busy".
    storage = typeof data === "object" && data?.kind === "storage";
  } else {
    console.error(error);
  }
  return (
    <Layout>
      <div className="error-page">
        <p className="error-code">{status}</p>
        <h1>{t(storage ? "error.storage" : (ERROR_TITLES[status] ?? "error.other"))}</h1>
        <p>{t.message(message)}</p>
        {status === 404 ? <p className="muted">{t("error.notFoundHint")}</p> : null}
        <p>
          <Link to="/proposals">{t("error.back")}</Link>
        </p>
      </div>
    </Layout>
  );
}
