// Issue 10 item 8: a value from a request never finds Object.prototype's members in a lookup table.
import { describe, expect, it } from "vitest";
import { translate } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { isMessageKey } from "~/i18n/translate";

const PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"];

describe("lookups keyed by request values", () => {
  it.each(PROTOTYPE_NAMES)("isMessageKey(status.%s) is false; real keys still resolve", (name) => {
    expect(isMessageKey(name)).toBe(false);
    expect(isMessageKey(`status.${name}`)).toBe(false);
    expect(isMessageKey("status.on_hold")).toBe(true);
    expect(translate("en", "status.on_hold")).toBe("On hold");
  });

  it.each(PROTOTYPE_NAMES)("translate('ru', %s) gives the unknown key back as text", (name) => {
    expect(translate("ru", name as MessageKey)).toBe(name);
    expect(translate("en", name as MessageKey)).toBe(name);
  });
});
