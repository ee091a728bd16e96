// Keyboard shortcuts (issue 12 item 12), as GitHub and Linear have them: "/" focuses the search,
// "g" then a letter goes to a page, "?" lists them. Never while typing in a field, and never with
// Ctrl, Alt or Meta held, so the browser's and the screen reader's own keys are left alone.
import { useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

/** "g" then one of these. */
export const GO_TO = [
  { key: "d", path: "/dashboard", label: "nav.dashboard" },
  { key: "m", path: "/me", label: "nav.me" },
  { key: "p", path: "/proposals", label: "nav.proposals" },
  { key: "b", path: "/board", label: "nav.board" },
  { key: "a", path: "/audit", label: "nav.audit" },
] as const satisfies readonly { key: string; path: string; label: MessageKey }[];

/** The search box a page has, if any (the list's and the board's filter forms). */
const SEARCH = "input[type=search]";
/** How long "g" waits for its second key. */
const CHORD_MS = 2000;

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The page's search box, its folded filters opened first (a phone folds them; see ProposalFilterForm). */
function revealSearch() {
  const search = document.querySelector<HTMLInputElement>(SEARCH);
  const fold = search?.closest("details");
  if (fold) fold.open = true;
  return search;
}

export function KeyboardShortcuts() {
  const navigate = useNavigate();
  // The listener is added once and reads the latest navigate (kept in a ref by an effect), so a
  // "g" pressed just before a page change still waits for its second key.
  const go = useRef(navigate);
  useEffect(() => {
    go.current = navigate;
  }, [navigate]);
  const dialog = useRef<HTMLDialogElement>(null);
  const t = useT();
  useEffect(() => {
    let chordUntil = 0;
    const navigate = (to: string) => go.current(to);
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      if (event.key === "?") {
        event.preventDefault();
        dialog.current?.showModal();
        return;
      }
      if (event.key === "/") {
        event.preventDefault();
        const search = revealSearch();
        if (search) search.focus();
        else navigate("/proposals?focus=search");
        return;
      }
      if (event.key === "g") {
        chordUntil = Date.now() + CHORD_MS;
        return;
      }
      const target = Date.now() < chordUntil ? GO_TO.find((g) => g.key === event.key) : undefined;
      chordUntil = 0;
      if (target) {
        event.preventDefault();
        navigate(target.path);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  // Arriving from "/" on a page with no search: the list's search gets the focus, once, when the
  // page has been drawn. Keyed on the location (not run on every render, and not reading
  // window.location): the layout renders again as soon as a navigation starts, while the address
  // still says ?focus=search, and the router changes the address before it draws the next page.
  // Refocusing then put the search back under the keys, and a chord typed as the next page came
  // in went into that box instead (the "second chord after a navigation" of issue 12).
  const location = useLocation();
  const focusSearch = new URLSearchParams(location.search).get("focus") === "search";
  useEffect(() => {
    if (focusSearch) revealSearch()?.focus();
  }, [location.key, focusSearch]);
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-h">
      <h2 id="shortcuts-h">{t("keys.title")}</h2>
      <dl>
        {[
          { keys: ["/"], what: t("keys.search") },
          ...GO_TO.map((g) => ({ keys: ["g", g.key], what: t("keys.goTo", { page: t(g.label) }) })),
          { keys: ["?"], what: t("keys.help") },
        ].map((s) => (
          <div key={s.keys.join(" ")}>
            <dt>
              {s.keys.map((k, i) => (
                <kbd key={i}>{k}</kbd>
              ))}
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t("keys.notInFields")}</p>
      <form method="dialog">
        <button type="submit" className="button small">
          {t("keys.close")}
        </button>
      </form>
    </dialog>
  );
}
