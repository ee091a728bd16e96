// Issue 17: a digest's period, in the schedule's time zone: the day, and the ISO week (whose
// year is not the calendar year around New Year).
import { describe, expect, it } from "vitest";
import { localDay, periodKey } from "~/modules/notifications/jobs.server";

describe("digest periods", () => {
  it("name the day in the schedule's time zone", () => {
    const late = new Date("2026-12-04T22:30:00Z");
    expect(periodKey("daily", late, "UTC")).toBe("daily:2026-12-04");
    // Already the 5th in Tashkent (UTC+5), still the 4th in New York.
    expect(periodKey("daily", late, "Asia/Tashkent")).toBe("daily:2026-12-05");
    expect(periodKey("daily", new Date("2026-12-05T03:00:00Z"), "America/New_York")).toBe("daily:2026-12-04");
    expect(localDay(late, "Asia/Tokyo").toISOString()).toBe("2026-12-05T00:00:00.000Z");
  });

  it("name the ISO week, whose year may differ from the calendar's", () => {
    expect(periodKey("weekly", new Date("2026-12-04T12:00:00Z"), "UTC")).toBe("weekly:2026-W49");
    // 1 January 2027 is a Friday: still week 53 of 2026.
    expect(periodKey("weekly", new Date("2027-01-01T12:00:00Z"), "UTC")).toBe("weekly:2026-W53");
    // 29 December 2025 is a Monday: week 1 of 2026.
    expect(periodKey("weekly", new Date("2025-12-29T12:00:00Z"), "UTC")).toBe("weekly:2026-W01");
    // Sunday evening in UTC is Monday in Tokyo: the next week there.
    expect(periodKey("weekly", new Date("2026-12-06T20:00:00Z"), "UTC")).toBe("weekly:2026-W49");
    expect(periodKey("weekly", new Date("2026-12-06T20:00:00Z"), "Asia/Tokyo")).toBe("weekly:2026-W50");
  });
});
