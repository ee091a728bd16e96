import { createCookie } from "@remix-run/node";
import type { Page } from "@playwright/test";
import { LOCALE_NAMES } from "~/i18n/messages";
import { e2eOnPostgres } from "../support/e2e-env.js";
import { expect, test } from "./fixtures";
import { withDatabase } from "./support-server";

// Issue 18: every page rendered in the pseudo-locale en-XA (app/i18n/pseudo.ts), where each
// catalogue message comes out as accented letters inside ⟦ ⟧ and dates carry no Latin letters.
// Any visible text (or accessible name, title, placeholder, document title) that still holds
// plain ASCII words after the catalogue's parts are taken out must be the records' own words:
// text stored in the database. Anything else was written into the code and never translated.

/** Words that are the same in every language: formats, units, acronyms. */
const NEUTRAL = new Set(["UTC", "CSV", "JSON", "NDJSON", "IATI", "XML", "PDF", "DOCX", "XLSX", "PNG", "JPEG", "TEXT", "TXT", "KB", "MB", "ICS", "SHA"]);
/** An audit action or family as the log files it ("proposal.status_changed", "auth.*"): an identifier, shown as one on /audit only. */
const CODE = /^[a-z]+\.(?:[a-z_]+|\*)$/;

/** The language menu names each language in itself, on purpose. */
const LANGUAGE_NAMES = new Set<string>(Object.values(LOCALE_NAMES));

/** A stored string, or the string values inside one that holds JSON (an audit event's changes): its keys are the code's, not data. */
function stringsIn(value: string): string[] {
  if (!/^[[{]/.test(value)) return [value];
  try {
    const out: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === "string") out.push(v);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(JSON.parse(value));
    return out;
  } catch {
    return [value];
  }
}

/** Every string the database holds (names, titles, summaries, notes, payloads): the records' own words. */
async function databaseText(): Promise<string[]> {
  return withDatabase(async (db) => {
    const tables = (
      await db.all<{ name: string }>(
        e2eOnPostgres
          ? `SELECT table_name AS "name" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
          : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'ProposalSearch%'`,
      )
    ).map((t) => t.name);
    const parts: string[] = [];
    // Columns that hold sentences the app made (e-mail as sent) are not the records' own words:
    // they would hide the very text this looks for. A change's reason is what its author typed.
    const made = new Set(["OutboxMessage.subject", "OutboxMessage.text", "OutboxMessage.html", "Notification.params"]);
    for (const table of tables.filter((t) => !["StoredFile", "_prisma_migrations", "RateLimit", "Submission"].includes(t))) {
      for (const row of await db.all<Record<string, unknown>>(`SELECT * FROM "${table}"`)) {
        // The reasons the app files with sign-in and session events are shown in words; a
        // refusal's reason (auth.forbidden) is the refusal as said at the time, a record.
        const refusal = table === "AuditEvent" && String(row.action).startsWith("auth.") && row.action !== "auth.forbidden";
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === "string" && !made.has(`${table}.${column}`) && !(refusal && column === "reason")) parts.push(...stringsIn(value));
        }
      }
    }
    // A lone lower-case word ("analyst", "in_progress", "open") is a code the schema stores, and
    // the page must show it in words: it is not the records' own text.
    return [...new Set(parts.map((p) => p.trim()).filter((p) => p.length >= 2 && !/^[a-z_]+$/.test(p)))];
  });
}

/** What a page shows a reader: visible text nodes, accessible names and hints, the tab's title. */
function shownText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(parent.tagName)) continue;
      const svgText = parent.closest("svg") !== null;
      if (!svgText && !parent.checkVisibility({ visibilityProperty: true }) && !parent.closest(".sr-only")) continue;
      if (node.textContent?.trim()) out.push(node.textContent);
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], input[type=submit][value], input[type=button][value]")) {
      for (const attr of ["aria-label", "title", "placeholder", "alt"]) {
        const value = el.getAttribute(attr);
        if (value?.trim()) out.push(value);
      }
      if (el instanceof HTMLInputElement && (el.type === "submit" || el.type === "button") && el.value) out.push(el.value);
    }
    for (const option of document.querySelectorAll("option")) if (option.textContent?.trim()) out.push(option.textContent);
    return out;
  });
}

/**
 * The parts of a shown string that neither the catalogue nor the database made: ⟦…⟧ (nested
 * too) taken out, then every stored string it contains (a reference, a title, a name; one cut
 * short with "…" counts by its beginning), then language names, codes and neutral words.
 * `data` is longest first, so that a title is taken out whole before a word inside it.
 */
function untranslated(text: string, data: readonly string[], codesShown: boolean): string[] {
  let rest = text;
  for (let before = ""; before !== rest;) {
    before = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, "\u241e");
  }
  const blob = data.join("\n");
  return rest
    .split("\u241e")
    .map((piece) => piece.trim())
    .filter((piece) => /[A-Za-z]{2}/.test(piece))
    .filter((piece) => !blob.includes(piece) && !(codesShown && CODE.test(piece)))
    .map((piece) => {
      // Cut short with "…": the longest ending before it that begins a stored string.
      let left = piece.replace(/([^…]+)…/g, (whole, before: string) => {
        for (const m of before.matchAll(/(?:^|\s)(?=\S)/g)) {
          const start = m.index + m[0].length;
          if (blob.includes(before.slice(start))) return `${before.slice(0, start)}\u241e`;
        }
        return whole;
      });
      for (const value of data) if (value.length <= left.length && left.includes(value)) left = left.split(value).join("\u241e");
      for (const name of LANGUAGE_NAMES) left = left.split(name).join("\u241e");
      return { piece, left };
    })
    .filter(({ left }) =>
      left
        .split(/[\u241e\s·,:;()“”"«»—–/]+/)
        .filter((word) => /[A-Za-z]{2}/.test(word))
        .some((word) => !(codesShown && CODE.test(word)) && !word.match(/[A-Za-z]{2,}/g)!.every((w) => NEUTRAL.has(w.toUpperCase()))),
    )
    .map(({ piece }) => piece);
}

const pseudoCookie = async (baseURL: string) => {
  const header = await createCookie("lang").serialize("en-XA");
  return { name: "lang", value: decodeURIComponent(header.split(";")[0].slice("lang=".length)), url: baseURL };
};

async function crawl(page: Page, paths: string[]) {
  const offenders: string[] = [];
  let data = await databaseText();
  for (const path of paths) {
    await page.goto(path);
    await expect(page.locator("html"), path).toHaveAttribute("lang", "en-XA");
    await page.waitForLoadState("networkidle");
    // Folded sections (a milestone's edit form, the board's moves, admin actions) count too.
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    // What the reader typed (a search) is shown back to them: their words, too.
    const typed = [...new URL(path, "http://x").searchParams.values()];
    const known = () => [...data, ...typed].sort((a, b) => b.length - a.length);
    // The audit log shows each event's action code beside its words, and filters by them.
    const codesShown = path.startsWith("/audit");
    let found = (await shownText(page)).flatMap((text) => untranslated(text, known(), codesShown));
    // A record another test added while this page loaded is in the database by now.
    if (found.length) {
      data = await databaseText();
      found = (await shownText(page)).flatMap((text) => untranslated(text, known(), codesShown));
    }
    offenders.push(...[...new Set(found)].map((piece) => `${path}: ${JSON.stringify(piece)}`));
  }
  return offenders;
}

test.describe("the pseudo-locale crawl", () => {
  test("every page, signed in as an admin, shows only the catalogue's words and the records' own", async ({ page, login, baseURL }) => {
    test.setTimeout(180_000);
    await page.context().addCookies([await pseudoCookie(baseURL!)]);
    await login("admin", { to: "/me" });
    const ids = await withDatabase(async (db) => ({
      proposals: (
        await db.all<{ id: string }>(`SELECT "id" FROM "Proposal" WHERE "reference" IN ('CAJ25-01', 'CAJ25-04', 'CAJ25-06', 'CAJH-01') ORDER BY "reference"`)
      ).map((r) => r.id),
      event: (await db.all<{ id: string }>(`SELECT "id" FROM "Summit" ORDER BY "date" DESC LIMIT 1`))[0].id,
      document: (await db.all<{ id: string; summitId: string }>(`SELECT "id", "summitId" FROM "SourceDocument" ORDER BY "createdAt" LIMIT 1`))[0],
      round: (await db.all<{ id: string }>(`SELECT "id" FROM "AssessmentRound" ORDER BY "createdAt" LIMIT 1`))[0].id,
    }));
    const paths = [
      "/me",
      "/dashboard",
      "/proposals",
      "/proposals?q=tashkent&area=education",
      "/proposals?q=no-such-words-anywhere",
      "/proposals/new",
      ...ids.proposals.flatMap((id) => [`/proposals/${id}`, `/proposals/${id}/edit`, `/proposals/${id}/evidence`]),
      "/board",
      "/timeline",
      "/timeline?group=area&historical=include",
      "/events",
      "/events/new",
      `/events/${ids.event}`,
      `/events/${ids.document.summitId}/documents/new`,
      `/events/${ids.document.summitId}/documents/${ids.document.id}`,
      "/compliance",
      `/compliance/${ids.round}/${ids.proposals[0]}`,
      "/countries/KZ",
      "/report",
      "/audit",
      "/audit?verify=1",
      "/admin/users",
      "/account",
      "/inbox",
      "/no/such/page",
      "/proposals/not-an-id",
    ];
    expect(await crawl(page, paths)).toEqual([]);
  });

  test("the pages before sign-in, and a refusal, too", async ({ page, baseURL }) => {
    await page.context().addCookies([await pseudoCookie(baseURL!)]);
    expect(await crawl(page, ["/login", "/unsubscribe/not-a-token"])).toEqual([]);
  });
});
