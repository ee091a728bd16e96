// Issue 10 item 8: a value from a request never finds Object.prototype's members in a lookup table.
import { describe, expect, it } from "vitest";
import { translateSentence } from "~/i18n";
import { labelOf, STATUS_LABEL } from "~/ui/labels";

const PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"];

describe("lookups keyed by request values", () => {
  it.each(PROTOTYPE_NAMES)("labelOf(STATUS_LABEL, %s) is undefined; real keys still resolve", (name) => {
    expect(labelOf(STATUS_LABEL, name)).toBeUndefined();
    expect(labelOf(STATUS_LABEL, "on_hold")).toBe("On hold");
    expect(labelOf(STATUS_LABEL, null)).toBeUndefined();
  });

  it.each(PROTOTYPE_NAMES)("translateSentence('ru', %s) gives the sentence back as text", (name) => {
    expect(translateSentence("ru", name)).toBe(name);
  });
});
