import { Form, useLocation } from "@remix-run/react";
import { useT } from "~/i18n";
import { LOCALE_NAMES, LOCALES } from "~/i18n/messages";

/**
 * The language menu: posts to /settings/locale, which stores it on the account when signed in
 * and in a cookie before sign-in, and comes back to this page. Each language is named in itself.
 */
export function LocaleSwitcher({ id, className = "locale-form" }: { id: string; className?: string }) {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/settings/locale" className={className}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor={id} className="sr-only">
        {t("nav.language")}
      </label>
      <select id={id} name="locale" defaultValue={t.locale} key={t.locale}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="submit" className="link-button">
        {t("nav.languageSave")}
      </button>
    </Form>
  );
}
