import { describe, expect, it } from "vitest";
import { mergeForConflict } from "~/modules/proposals/merge";

describe("the conflict merge", () => {
  const fields = ["title", "summary", "countries"];
  const base = { title: "T", summary: "S", countries: ["JP", "UZ"] };
  it("keeps what the user typed and takes what they did not touch from the saved version", () => {
    const r = mergeForConflict(fields, base, { ...base, summary: "mine" }, { ...base, title: "theirs" });
    expect(r.merged).toEqual({ title: "theirs", summary: "mine", countries: ["JP", "UZ"] });
    expect(r.both).toEqual([]);
  });
  it("keeps the user's value where both changed a field, and says so", () => {
    const r = mergeForConflict(fields, base, { ...base, title: "mine" }, { ...base, title: "theirs", countries: ["UZ", "JP"] });
    expect(r.merged.title).toBe("mine");
    expect(r.both).toEqual(["title"]);
  });
});
