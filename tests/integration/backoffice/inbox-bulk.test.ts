import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { bulkUpdate } from "@/lib/backoffice/bulk-update";
import { listInbox } from "@/lib/backoffice/list-inbox";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { caught } from "../../support/db";
import { createWorld, outboxOf, reportRow, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeDb);

describe("bulk resolve and reject", () => {
  it("resolves every open report in scope with the message; a closed one is reported as failed", async () => {
    const a = await w.roadReport({ status: "in_progress" });
    const b = await w.roadReport();
    const closed = await w.roadReport({ status: "rejected" });
    const result = await bulkUpdate({ ctx: w.ctx.operator, input: { reportIds: [a.id, b.id, closed.id], action: "resolve", message: "Buche chiuse con asfalto a freddo" } });
    expect(result).toEqual({ done: 2, failed: [{ reportId: closed.id, code: "transition_not_allowed" }] });
    expect((await reportRow(w.tenant.id, a.id)).status).toBe("resolved");
    expect((await reportRow(w.tenant.id, b.id)).status).toBe("resolved");
    const closings = (await outboxOf(w.tenant.id)).filter((m) => (m.payload as { message: { template: string; quote?: string } }).message.quote === "Buche chiuse con asfalto a freddo");
    expect(closings.length).toBe(2);
  });

  it("a rejection needs its reason: refused for the whole batch without it, applied with it", async () => {
    const a = await w.roadReport();
    const error = await caught(() => bulkUpdate({ ctx: w.ctx.operator, input: { reportIds: [a.id], action: "reject" } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ message: ["reason_required"] });
    expect((await reportRow(w.tenant.id, a.id)).status).toBe("new");
    await bulkUpdate({ ctx: w.ctx.operator, input: { reportIds: [a.id], action: "reject", message: "Area privata" } });
    expect(await reportRow(w.tenant.id, a.id)).toMatchObject({ status: "rejected", closeReason: "Area privata" });
  });

  it("another comune's report fails as not found; another office's too; a politician is forbidden", async () => {
    const mine = await w.roadReport();
    const greenOnly = await w.roadReport({ categoryId: w.waste.id, officeId: w.green.id });
    const result = await bulkUpdate({ ctx: w.ctx.operator, input: { reportIds: [mine.id, w.otherReport.id, greenOnly.id], action: "resolve" } });
    expect(result.done).toBe(1);
    expect(result.failed).toEqual([{ reportId: w.otherReport.id, code: "not_found" }, { reportId: greenOnly.id, code: "not_found" }]);
    expect((await reportRow(w.other.id, w.otherReport.id)).status).toBe("new");
    expect(await caught(() => bulkUpdate({ ctx: w.ctx.politician, input: { reportIds: [mine.id], action: "reject", message: "x" } }))).toBeInstanceOf(ForbiddenError);
  });

  it("an operator cannot bulk-assign to a person of another office", async () => {
    const report = await w.roadReport();
    const result = await bulkUpdate({ ctx: w.ctx.operator, input: { reportIds: [report.id], action: "assign_user", userId: w.people.greenOperator.user.id } });
    expect(result.failed).toEqual([{ reportId: report.id, code: "validation" }]);
    expect((await reportRow(w.tenant.id, report.id)).assigneeUserId).toBeNull();
  });
});

describe("inbox date filters use the comune's days (Europe/Rome)", () => {
  it("a report filed at 00:30 in Rome belongs to that day, one at 00:30 of the next day does not", async () => {
    const early = await w.roadReport({ createdAt: new Date("2025-03-04T23:30:00Z"), description: "Prima ora del 5 marzo" });
    const late = await w.roadReport({ createdAt: new Date("2025-03-05T23:30:00Z"), description: "Prima ora del 6 marzo" });
    // Summer time: 00:30 on 1 July in Rome is 22:30 UTC on 30 June.
    const summer = await w.roadReport({ createdAt: new Date("2025-06-30T22:30:00Z"), description: "Prima ora del 1 luglio" });
    const codes = async (from: string, to: string) =>
      (await listInbox({ ctx: w.ctx.supervisor, input: { tab: "all", from, to } })).rows.map((r) => r.code);
    expect(await codes("2025-03-05", "2025-03-05")).toEqual([early.code]);
    expect(await codes("2025-03-04", "2025-03-04")).toEqual([]);
    expect(await codes("2025-03-06", "2025-03-06")).toEqual([late.code]);
    expect(await codes("2025-07-01", "2025-07-01")).toEqual([summer.code]);
    expect(await codes("2025-06-30", "2025-06-30")).toEqual([]);
  });
});
