import { describe, expect, it } from "vitest";
import { allowedActions, isClosedStatus, nextStatus } from "@/lib/reports/transitions";

describe("report lifecycle state machine", () => {
  it("allows taking in charge only a new report", () => {
    expect(nextStatus("new", "acknowledge")).toBe("acknowledged");
    expect(nextStatus("acknowledged", "acknowledge")).toBeNull();
    expect(nextStatus("resolved", "acknowledge")).toBeNull();
  });

  it("closes open reports in every way and nothing closed", () => {
    for (const from of ["new", "acknowledged", "in_progress"] as const) {
      expect(nextStatus(from, "resolve")).toBe("resolved");
      expect(nextStatus(from, "reject")).toBe("rejected");
      expect(nextStatus(from, "close_not_competent")).toBe("not_competent");
      expect(nextStatus(from, "mark_duplicate")).toBe("duplicate");
      expect(nextStatus(from, "reopen")).toBeNull();
    }
    for (const from of ["resolved", "not_competent", "rejected", "duplicate"] as const) {
      expect(nextStatus(from, "resolve")).toBeNull();
      expect(nextStatus(from, "reopen")).toBe("acknowledged");
      expect(isClosedStatus(from)).toBe(true);
    }
  });

  it("lists the actions of each state for the handling page", () => {
    expect(allowedActions("new")).toEqual(["acknowledge", "start", "resolve", "close_not_competent", "reject", "mark_duplicate"]);
    expect(allowedActions("in_progress")).toEqual(["resolve", "close_not_competent", "reject", "mark_duplicate"]);
    expect(allowedActions("rejected")).toEqual(["reopen"]);
  });
});
