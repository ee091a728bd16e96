import { describe, expect, it } from "vitest";
import { translate, translateSentence } from "~/i18n";
import { en, ru, ruSentences } from "~/i18n/messages";
import { AREAS, HEALTHS, MILESTONE_STATUSES, STATUSES } from "~/modules/proposals/vocabulary";
import { TRANSITIONS } from "~/modules/proposals/workflow";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the message catalogue", () => {
  it("has no Russian key that English lacks, no empty message, and the same placeholders", () => {
    for (const [key, text] of Object.entries(ru)) {
      expect(key in en, key).toBe(true);
      expect(text!.trim(), key).not.toBe("");
      expect(placeholders(text!), key).toEqual(placeholders(en[key as keyof typeof en]));
    }
  });

  it("translates every status, area, health and milestone status, and every transition, into Russian", () => {
    const keys = [
      ...STATUSES.map((s) => `status.${s}`),
      ...AREAS.map((a) => `area.${a}`),
      ...HEALTHS.map((h) => `health.${h}`),
      ...MILESTONE_STATUSES.map((m) => `milestone.${m}`),
      ...TRANSITIONS.map((t) => `transition.${t.label}`),
    ];
    for (const key of keys) expect(ru[key as keyof typeof ru], key).toBeTruthy();
  });

  it("covers the navigation, the dashboard and the proposal page in Russian", () => {
    const scoped = Object.keys(en).filter((k) => /^(nav|dash|p)\./.test(k));
    const missing = scoped.filter((k) => !ru[k as keyof typeof ru]);
    expect(missing).toEqual([]);
  });

  it("fills placeholders and falls back to English", () => {
    expect(translate("ru", "dash.overdue", { count: 3 })).toBe("Просроченные этапы (3)");
    expect(translate("ru", "audit.title")).toBe("Audit log");
    expect(translateSentence("ru", "Milestone added.")).toBe(ruSentences["Milestone added."]);
    expect(translateSentence("ru", "Unknown sentence.")).toBe("Unknown sentence.");
  });
});
