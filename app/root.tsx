import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import stylesHref from "~/styles/app.css";
import { readFlash } from "~/lib/flash.server";
import { getSessionUser } from "~/modules/users/session.server";
import { ROLE_LABEL } from "~/ui/labels";
import { useNonce } from "~/ui/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];
export const meta: MetaFunction = () => [{ title: "Summit Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { flash, setCookie }] = await Promise.all([getSessionUser(request), readFlash(request)]);
  return json({ user, flash }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

type RootData = typeof loader;

const NAV = [
  { to: "/dashboard", label: "Dashboard" },
  { to: "/proposals", label: "Proposals" },
  { to: "/board", label: "Board" },
  { to: "/timeline", label: "Timeline" },
  { to: "/report", label: "Briefing" },
  { to: "/audit", label: "Audit log" },
];

function Document({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData<RootData>("root");
  const user = data?.user;
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            CA+J
          </span>
          <span>Summit Tracker</span>
        </Link>
        {user ? (
          <>
            <nav aria-label="Main" className="main-nav">
              {NAV.map((n) => (
                <NavLink key={n.to} to={n.to} prefetch="intent">
                  {n.label}
                </NavLink>
              ))}
              {user.role === "admin" ? <NavLink to="/admin/users">Users</NavLink> : null}
            </nav>
            <div className="user-box">
              <span className="user-name">
                {user.name} <span className="role-tag">{ROLE_LABEL[user.role]}</span>
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </Form>
            </div>
          </>
        ) : null}
      </div>
    </header>
  );
}

export default function App() {
  const { flash } = useLoaderData<RootData>();
  return (
    <Document>
      <Header />
      <main id="main" className="page">
        {flash ? (
          <p role="status" className={`flash flash-${flash.kind}`}>
            {flash.message}
          </p>
        ) : null}
        <Outlet />
      </main>
      <footer className="site-footer">Summit Tracker · Central Asia + Japan Dialogue</footer>
    </Document>
  );
}

const ERROR_TITLE: Record<number, string> = {
  400: "That request could not be understood",
  403: "You are not allowed to do that",
  404: "Not found",
  409: "Conflict",
  413: "Too large",
  429: "Too many attempts",
  503: "Busy — please try again",
};

/** One general boundary: words a person understands for 403/404/409/5xx. */
export function ErrorBoundary() {
  const error = useRouteError();
  let status = 500;
  let message = "Something went wrong on our side. The error was logged; please try again.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const data = error.data as { message?: string } | string;
    message = typeof data === "string" ? data || message : (data?.message ?? message);
  } else {
    console.error(error);
  }
  return (
    <Document>
      <Header />
      <main id="main" className="page">
        <div className="error-page">
          <p className="error-code">{status}</p>
          <h1>{ERROR_TITLE[status] ?? "Something went wrong"}</h1>
          <p>{message}</p>
          <p>
            <Link to="/proposals">Back to the proposals</Link>
          </p>
        </div>
      </main>
    </Document>
  );
}
