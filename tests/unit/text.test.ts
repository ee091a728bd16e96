import { describe, expect, it } from "vitest";
import { decodeMessage } from "~/i18n/message";
import { render } from "~/i18n/translate";
import { proposalFieldsSchema } from "~/modules/proposals/schemas";

/** An issue as the reader sees it in English. */
const words = (issue: { message: string }) => render("en", decodeMessage(issue.message));

const valid = { title: "A title", area: "digital", proposingParty: "UZ", countries: ["UZ"], priority: "medium" };

describe("text fields", () => {
  it("are normalised to NFC and trimmed", () => {
    const r = proposalFieldsSchema.parse({ ...valid, title: "  Cafe\u0301  " });
    expect(r.title).toBe("Café");
  });
  it("count length in code points, not UTF-16 units", () => {
    expect(proposalFieldsSchema.safeParse({ ...valid, title: "😀".repeat(200) }).success).toBe(true);
    const tooLong = proposalFieldsSchema.safeParse({ ...valid, title: "😀".repeat(201) });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues.map(words).join(" ")).toContain("at most 200 characters");
  });
  it("refuse NUL and bidirectional-override characters with a field error", () => {
    for (const bad of ["a\u0000b", "evil\u202Etxt.exe", "x\u2066y"]) {
      const r = proposalFieldsSchema.safeParse({ ...valid, title: bad });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].path).toEqual(["title"]);
    }
  });
  it("require a title", () => {
    const r = proposalFieldsSchema.safeParse({ ...valid, title: "   " });
    expect(r.success).toBe(false);
    expect(words(r.error!.issues[0])).toBe("Title is required.");
  });
});
