import { describe, expect, it } from "vitest";
import { romeYear } from "@/lib/reports/report-code";
import { addWorkingDays, easterSunday, isItalianHoliday } from "@/lib/time/working-days";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("Italian working-day calendar", () => {
  it("computes Easter", () => {
    expect(easterSunday(2026).toISOString().slice(0, 10)).toBe("2026-04-05");
    expect(easterSunday(2027).toISOString().slice(0, 10)).toBe("2027-03-28");
  });

  it("knows national holidays incl. Easter Monday", () => {
    expect(isItalianHoliday(d("2026-04-06"))).toBe(true);
    expect(isItalianHoliday(d("2026-06-02"))).toBe(true);
    expect(isItalianHoliday(d("2026-12-08"))).toBe(true);
    expect(isItalianHoliday(d("2026-06-03"))).toBe(false);
  });

  it("skips weekends and holidays; the deadline is the end of the day in Rome", () => {
    // Thu 24 Dec 2026, 10:00 Rome + 2 working days → 25, 26 holidays, 27 Sunday → Mon 28, Tue 29.
    const due = addWorkingDays(new Date("2026-12-24T09:00:00Z"), 2);
    expect(due.toISOString()).toBe("2026-12-29T22:59:59.000Z");
    // Summer time: Friday 31 July 2026 + 1 → Monday 3 August, 23:59:59 CEST.
    expect(addWorkingDays(new Date("2026-07-31T08:00:00Z"), 1).toISOString()).toBe("2026-08-03T21:59:59.000Z");
  });

  it("0 days on a Saturday means the end of Monday", () => {
    expect(addWorkingDays(new Date("2026-11-28T10:00:00Z"), 0).toISOString()).toBe("2026-11-30T22:59:59.000Z");
  });

  it("kept answers follow Rome's calendar: the same hour agrees, the next Rome day does not", () => {
    // Thu 3 Dec 2026: 22:59 UTC is still Thursday in Rome, 23:00 UTC is Friday (CET, UTC+1).
    const thursdayLate = addWorkingDays(new Date("2026-12-03T22:59:00Z"), 1);
    expect(addWorkingDays(new Date("2026-12-03T22:00:00Z"), 1).toISOString()).toBe("2026-12-04T22:59:59.000Z");
    expect(thursdayLate.toISOString()).toBe("2026-12-04T22:59:59.000Z");
    expect(addWorkingDays(new Date("2026-12-03T23:00:00Z"), 1).toISOString()).toBe("2026-12-07T22:59:59.000Z");
    // Another length on the same hour is its own answer; a returned Date changed by a caller changes nothing kept.
    expect(addWorkingDays(new Date("2026-12-03T22:30:00Z"), 3).toISOString()).toBe("2026-12-09T22:59:59.000Z");
    thursdayLate.setTime(0);
    expect(addWorkingDays(new Date("2026-12-03T22:10:00Z"), 1).toISOString()).toBe("2026-12-04T22:59:59.000Z");
  });
});

describe("romeYear", () => {
  it("turns at midnight in Rome, asked in any order", () => {
    expect(romeYear(new Date("2026-12-31T22:30:00Z"))).toBe(2026);
    expect(romeYear(new Date("2026-12-31T23:00:00Z"))).toBe(2027);
    expect(romeYear(new Date("2026-12-31T22:59:59Z"))).toBe(2026);
    expect(romeYear(new Date("2026-12-31T23:30:00Z"))).toBe(2027);
    // Summer time: UTC+2.
    expect(romeYear(new Date("2026-06-30T22:30:00Z"))).toBe(2026);
  });
});
