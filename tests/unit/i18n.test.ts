import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { render, translate, translateWith } from "~/i18n";
import { decodeMessage, msg, zodMessage } from "~/i18n/message";
import { CATALOGUES, en, LOCALES, type MessageKey } from "~/i18n/messages";
import { PSEUDO, pseudoCatalogue } from "~/i18n/pseudo";
import { acceptedLocale } from "~/i18n/negotiate.server";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { parseForm } from "~/lib/forms";
import { text } from "~/lib/schema-fields";
import { AREAS, HEALTHS, MILESTONE_STATUSES, STATUSES } from "~/modules/proposals/vocabulary";
import { TRANSITIONS } from "~/modules/proposals/workflow";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe("the message catalogue", () => {
  // Every argument a message uses, through plural and select branches (ICU's own parser).
  const argumentsOf = (source: string): string[] => {
    const names = new Set<string>();
    const walk = (elements: MessageFormatElement[]) => {
      for (const e of elements) {
        if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
        names.add(e.value);
        if (e.type === TYPE.plural || e.type === TYPE.select) for (const option of Object.values(e.options)) walk(option.value);
        if (e.type === TYPE.tag) walk(e.children);
      }
    };
    walk(parse(source));
    return [...names].sort();
  };

  it.each(LOCALES)("has every key in %s, none it lacks in English, none empty, each valid ICU with English's arguments", (locale) => {
    const catalogue = CATALOGUES[locale];
    const missing = Object.keys(en).filter((k) => !Object.hasOwn(catalogue, k));
    const extra = Object.keys(catalogue).filter((k) => !Object.hasOwn(en, k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    for (const [key, words] of Object.entries(catalogue)) {
      expect(words.trim(), key).not.toBe("");
      expect(argumentsOf(words), key).toEqual(argumentsOf(en[key as MessageKey]));
    }
  });

  it("leaves no English sentence untranslated in Russian or Japanese", () => {
    // A translation identical to English is a key someone copied and forgot; a few words are
    // the same in every language (names, acronyms, formats) and are listed here.
    const same = new Set(["app.name", "csv", "json", "pdf", "ndjson", "iati", "xlsx", "utc", "ics", "sha256"]);
    for (const locale of ["ru", "ja"] as const) {
      const copied = Object.entries(CATALOGUES[locale]).filter(
        ([key, words]) => words === en[key as MessageKey] && /[a-z]{3}/i.test(words.replace(/\{\w+\}/g, "")) && !same.has(key.split(".").at(-1)!.toLowerCase()),
      );
      expect(
        copied.map(([k]) => k),
        locale,
      ).toEqual([]);
    }
  });

  it("translates every status, area, health and milestone status, and every transition and its note rule, into each language", () => {
    const keys = [
      ...STATUSES.flatMap((s) => [`status.${s}`, `state.${s}`]),
      ...AREAS.map((a) => `area.${a}`),
      ...HEALTHS.map((h) => `health.${h}`),
      ...MILESTONE_STATUSES.map((m) => `milestone.${m}`),
      ...TRANSITIONS.flatMap((t) => [`transition.${t.label}`, `rule.noteRequired.${t.label}`]),
    ];
    for (const locale of LOCALES) for (const key of keys) expect(CATALOGUES[locale][key as MessageKey], `${locale} ${key}`).toBeTruthy();
  });

  it("uses each language's plural rules: 1 предложение, 2 предложения, 5 предложений, 1,5 предложения", () => {
    expect([1, 2, 5, 21, 1.5].map((count) => translate("ru", "list.count", { count }))).toEqual([
      "1 предложение",
      "2 предложения",
      "5 предложений",
      "21 предложение",
      "1,5 предложения",
    ]);
    expect([1, 3].map((count) => translate("en", "list.count", { count }))).toEqual(["1 proposal", "3 proposals"]);
    expect(translate("ja", "list.count", { count: 3 })).not.toMatch(/[A-Za-z]/);
  });

  it("negotiates a language before sign-in from Accept-Language, q-values and regional tags included", () => {
    const cases: [string | null, string][] = [
      ["ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"],
      ["ja-JP", "ja"],
      ["en-GB,en;q=0.9", "en"],
      ["de-DE,fr;q=0.5", "en"],
      ["de, ja;q=0.3, ru;q=0.2", "ja"],
      ["zh-CN,ru;q=0.1,ja;q=0.9", "ja"],
      ["*", "en"],
      ["ru;q=0", "en"],
      [";;;,,=", "en"],
      [null, "en"],
    ];
    for (const [header, expected] of cases) expect(acceptedLocale(header), String(header)).toBe(expected);
  });

  it("makes the pseudo-locale from English: letters accented and bracketed, arguments and plurals kept", () => {
    expect(translate(PSEUDO, "nav.dashboard")).toBe("⟦Ḓȧşħƀǿȧřḓ⟧");
    expect(translate(PSEUDO, "list.count", { count: 2 })).toBe("2⟦ ƥřǿƥǿşȧŀş⟧");
    // A parameter's own words stay outside the brackets, where the crawl sees them.
    expect(translate(PSEUDO, "p.due", { date: "Dec 4" })).toBe("⟦Ḓŭḗ ⟧Dec 4");
    for (const key of Object.keys(pseudoCatalogue()) as MessageKey[]) {
      const values = Object.fromEntries(argumentsOf(en[key]).map((name) => [name, 7]));
      expect(translate(PSEUDO, key, values), key).not.toMatch(/[A-Za-z]{2}/);
    }
  });

  it("fills placeholders, nested messages and lists; falls back to English for a key a catalogue lacks", () => {
    expect(translate("ru", "dash.overdue", { count: 3 })).toBe("Просроченные этапы (3)");
    expect(render("ru", msg("flash.statusChanged", { status: msg("status.agreed") }))).toBe("Статус изменён: «Согласовано».");
    expect(
      render(
        "en",
        msg("rule.cannotGoAllowed", { from: msg("state.proposed"), to: msg("state.completed"), allowed: [msg("state.under_review"), msg("state.dropped")] }),
      ),
    ).toBe("A proposal cannot go from proposed to completed; from proposed it can go to under review, dropped.");
    // A catalogue without the key (as a new language is while it is being translated) shows English.
    expect(translateWith({}, "audit.title")).toBe(en["audit.title"]);
    expect(translateWith({ "audit.title": "Журнал" }, "audit.title")).toBe("Журнал");
  });

  it("carries zod messages as keys through Conform, and never shows zod's own English", () => {
    const schema = z.object({ title: text("field.title", 5), n: z.number() });
    const form = new FormData();
    form.set("title", "too long a title");
    form.set("n", "x");
    const submission = parseForm(form, schema);
    expect(submission.status).toBe("error");
    const reply = submission.reply();
    expect(reply.error?.title).toEqual([msg("v.tooLong", { field: msg("field.title"), max: 5 })]);
    expect(reply.error?.n).toEqual([msg("v.invalid")]);
    expect(render("ru", reply.error!.title![0])).toBe("Поле «Название»: не более 5 символов.");
    expect(decodeMessage(zodMessage("v.required", { field: msg("field.title") }))).toEqual(msg("v.required", { field: msg("field.title") }));
    expect(decodeMessage("Required")).toEqual(msg("v.invalid"));
  });

  it("is the only source of sentences: no route, service or schema builds an English message by hand", () => {
    const root = path.resolve(__dirname, "../../app");
    const offenders: string[] = [];
    const patterns = [
      /new (RuleError|ForbiddenError|NotFoundError|Refusal|TooManyError|UnavailableError)\(\s*["'`]/,
      /refuse\([^)]*,\s*["'`][A-Z]/,
      /\{\s*error:\s*["'`]/,
      /flash:\s*["'`]/,
      /message:\s*["'`][A-Z]/,
      /\.(min|max|regex|refine)\([^)]*,\s*["'`][A-Z]/,
    ];
    for (const file of sourceFiles(root)) {
      if (file.includes(`${path.sep}i18n${path.sep}`)) continue;
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (patterns.some((p) => p.test(line))) offenders.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
