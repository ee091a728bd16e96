import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { detectLanguage, isLanguage, LANGUAGES } from "~/modules/intake/language";
import { segmentText, sentences } from "~/modules/intake/segment";

const texts = (text: string, lang: "en" | "ru") => sentences(text, lang).map((s) => text.slice(s.start, s.end));

describe("sentences", () => {
  it("give exact offsets: text.slice(start, end) is the sentence, for every sentence of the summit report", () => {
    const text = fs.readFileSync("prisma/sources/001_919d899f44ccd421.txt", "utf8");
    const spans = sentences(text, "en");
    expect(spans.length).toBeGreaterThan(30);
    for (const s of spans) {
      const sentence = text.slice(s.start, s.end);
      expect(sentence).toBe(sentence.trim());
      expect(sentence.length).toBeGreaterThan(0);
    }
    // In order, never overlapping.
    spans.slice(1).forEach((s, i) => expect(s.start).toBeGreaterThanOrEqual(spans[i].end));
  });

  it("do not end at abbreviations or initials, in either language", () => {
    expect(texts("He met Mr. Smith and Dr. Tanaka. They agreed.", "en")).toEqual(["He met Mr. Smith and Dr. Tanaka.", "They agreed."]);
    expect(texts("Ш. Мирзиёев выступил в 2025 г. Стороны договорились.", "ru")).toEqual(["Ш. Мирзиёев выступил в 2025 г. Стороны договорились."]);
    expect(texts("Встреча прошла в г. Ташкенте. Т.е. всё.", "ru")).toEqual(["Встреча прошла в г. Ташкенте.", "Т.е. всё."]);
  });

  it("keep typographic and guillemet quotes with their sentence", () => {
    expect(texts("“We will reach new heights.” He left. «Мы готовы», — сказал он.", "en")).toEqual([
      "“We will reach new heights.”",
      "He left.",
      "«Мы готовы», — сказал он.",
    ]);
  });

  it("join a wrapped line (the next line goes on in lower case) but not a line that ends a sentence", () => {
    const text = "It was proposed to hold the first meeting\nnext year in Tashkent.\nReadiness was expressed.";
    expect(texts(text, "en")).toEqual(["It was proposed to hold the first meeting\nnext year in Tashkent.", "Readiness was expressed."]);
  });

  it("group sentences into paragraphs at line breaks, with offsets", () => {
    const text = "  First one. Second one.\n\nThird paragraph.";
    const paragraphs = segmentText(text, "en");
    expect(paragraphs.map((p) => text.slice(p.start, p.end))).toEqual(["First one. Second one.", "Third paragraph."]);
    expect(paragraphs[0].sentences.map((s) => text.slice(s.start, s.end))).toEqual(["First one.", "Second one."]);
  });

  it("can be had for Japanese from the same segmenter (no spaces between sentences)", () => {
    const s = [...new Intl.Segmenter("ja", { granularity: "sentence" }).segment("首脳会合を二年ごとに開催する。次回は東京で行う。")].map((x) => x.segment);
    expect(s).toEqual(["首脳会合を二年ごとに開催する。", "次回は東京で行う。"]);
  });
});

describe("detectLanguage", () => {
  it("tells Russian from English by the letters' script", () => {
    expect(detectLanguage("It was proposed to hold summits.")).toBe("en");
    expect(detectLanguage("Президент предложил провести саммит в Ташкенте (Tashkent, UzDaily.uz).")).toBe("ru");
    expect(detectLanguage("The summit «Центральная Азия + Япония» was held in Tokyo on 20 December.")).toBe("en");
  });

  it("falls back to the first language when there are no letters", () => {
    expect(detectLanguage("2025-12-20 — 12:00")).toBe(LANGUAGES[0]);
  });

  it("lists the languages the rules registry has", () => {
    expect(LANGUAGES).toEqual(["en", "ru"]);
    expect(isLanguage("ru")).toBe(true);
    expect(isLanguage("ja")).toBe(false);
    expect(isLanguage("toString")).toBe(false);
  });
});
