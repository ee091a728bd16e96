// The words of an e-mail (issue 17): one notification at once, or a digest of several, in the
// recipient's language, as plain text and as HTML (React renders and escapes it), with the link
// to each record, the link to the settings and the unsubscribe link.
import { renderToStaticMarkup } from "react-dom/server";
import type { Locale } from "~/i18n/messages";
import { render, translate } from "~/i18n/translate";
import { notificationMessage, notificationPath, type NotificationView } from "../kinds";
import { appUrl } from "./tokens.server";

export type MailKind = "immediate" | "daily" | "weekly";
export type ComposedMail = { subject: string; text: string; html: string };

/** Subject lines stay on one line and within what mail clients show. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 180);

export function composeMail(locale: Locale, kind: MailKind, items: readonly NotificationView[], unsubscribeUrl: string, more = 0): ComposedMail {
  const base = appUrl();
  const lines = items.map((n) => ({ sentence: render(locale, notificationMessage(n, locale)), url: base + notificationPath(n) }));
  const subject =
    kind === "immediate"
      ? oneLine(lines[0]?.sentence ?? translate(locale, "app.name"))
      : translate(locale, kind === "daily" ? "mail.dailySubject" : "mail.weeklySubject", { count: items.length + more });
  const moreLine = more > 0 ? translate(locale, "mail.more", { count: more }) : "";
  const heading = kind === "immediate" ? translate(locale, "mail.heading") : translate(locale, kind === "daily" ? "mail.dailyHeading" : "mail.weeklyHeading");
  const settingsUrl = `${base}/account#mail`;
  const inboxUrl = `${base}/inbox`;
  const why = translate(locale, "mail.why");
  const text = [
    heading,
    "",
    ...lines.flatMap((l) => [`* ${l.sentence}`, `  ${l.url}`, ""]),
    ...(moreLine ? [moreLine, ""] : []),
    `${translate(locale, "mail.inbox")}: ${inboxUrl}`,
    "",
    "-- ",
    why,
    `${translate(locale, "mail.settings")}: ${settingsUrl}`,
    `${translate(locale, "mail.unsubscribe")}: ${unsubscribeUrl}`,
    "",
  ].join("\n");
  const html =
    "<!doctype html>" +
    renderToStaticMarkup(
      <html lang={locale}>
        <head>
          <meta charSet="utf-8" />
          <title>{subject}</title>
        </head>
        <body
          style={{
            fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            color: "#1b2330",
            lineHeight: 1.5,
            maxWidth: "40rem",
            margin: "0 auto",
            padding: "1rem",
          }}
        >
          <p style={{ fontSize: "0.9rem", color: "#4a5565", margin: 0 }}>{translate(locale, "app.name")}</p>
          <h1 style={{ fontSize: "1.2rem", margin: "0.25rem 0 1rem" }}>{heading}</h1>
          <ul style={{ paddingLeft: "1.2rem" }}>
            {lines.map((l, i) => (
              <li key={i} style={{ marginBottom: "0.75rem" }}>
                {l.sentence}
                <br />
                <a href={l.url} style={{ color: "#0b5cad" }}>
                  {translate(locale, "mail.open")}
                </a>
              </li>
            ))}
          </ul>
          {moreLine ? <p>{moreLine}</p> : null}
          <p>
            <a href={inboxUrl} style={{ color: "#0b5cad" }}>
              {translate(locale, "mail.inbox")}
            </a>
          </p>
          <hr style={{ border: 0, borderTop: "1px solid #d5dbe3" }} />
          <p style={{ fontSize: "0.85rem", color: "#4a5565" }}>
            {why}{" "}
            <a href={settingsUrl} style={{ color: "#0b5cad" }}>
              {translate(locale, "mail.settings")}
            </a>
            {" · "}
            <a href={unsubscribeUrl} style={{ color: "#0b5cad" }}>
              {translate(locale, "mail.unsubscribe")}
            </a>
          </p>
        </body>
      </html>,
    );
  return { subject, text, html };
}
