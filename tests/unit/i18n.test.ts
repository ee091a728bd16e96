import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { render, translate, translateWith } from "~/i18n";
import { decodeMessage, msg, zodMessage } from "~/i18n/message";
import { en, ru, type MessageKey } from "~/i18n/messages";
import { parseForm } from "~/lib/forms";
import { text } from "~/lib/schema-fields";
import { AREAS, HEALTHS, MILESTONE_STATUSES, STATUSES } from "~/modules/proposals/vocabulary";
import { TRANSITIONS } from "~/modules/proposals/workflow";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe("the message catalogue", () => {
  it("has no Russian key that English lacks, no empty message, and the same placeholders", () => {
    for (const [key, words] of Object.entries(ru)) {
      expect(key in en, key).toBe(true);
      expect(words!.trim(), key).not.toBe("");
      expect(placeholders(words!), key).toEqual(placeholders(en[key as MessageKey]));
    }
  });

  it("translates every status, area, health and milestone status, and every transition and its note rule, into Russian", () => {
    const keys = [
      ...STATUSES.flatMap((s) => [`status.${s}`, `state.${s}`]),
      ...AREAS.map((a) => `area.${a}`),
      ...HEALTHS.map((h) => `health.${h}`),
      ...MILESTONE_STATUSES.map((m) => `milestone.${m}`),
      ...TRANSITIONS.flatMap((t) => [`transition.${t.label}`, `rule.noteRequired.${t.label}`]),
    ];
    for (const key of keys) expect(ru[key as MessageKey], key).toBeTruthy();
  });

  it("covers the navigation, the dashboard, the proposal page and every server message in Russian", () => {
    const scoped = Object.keys(en).filter((k) => /^(nav|dash|p|v|login\.v|flash|error|rule|refusal|what|state)\./.test(k));
    const missing = scoped.filter((k) => !ru[k as MessageKey]);
    expect(missing).toEqual([]);
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
