import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { getSystemDb } from "@/db/system";
import { getDashboard } from "@/lib/backoffice/dashboard";
import { officeWorkload } from "@/lib/backoffice/office-workload";
import { ForbiddenError } from "@/lib/errors";
import { caught } from "../../support/db";
import { createOffice, createReport } from "../../support/factories";
import { createWorld, type World } from "./world";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
// One instant for the whole world: two Date.now() calls a millisecond apart made "taken in charge in 4 h"
// 4 h + 1 ms, and the median 3.0000001 h (a flaky failure).
const NOW = Date.now();
const ago = (ms: number) => new Date(NOW - ms);

let w: World;
let idle: Awaited<ReturnType<typeof createOffice>>;
beforeAll(async () => {
  w = await createWorld();
  idle = await createOffice(w.tenant, { name: "Ufficio senza segnalazioni" });
  const report = (categoryId: string, createdAt: Date, extra: Record<string, unknown>) =>
    createReport(w.tenant, { categoryId, createdAt, ...extra }).then((r) => r.report);
  // Last 30 days: a new overdue pothole, a pothole resolved in 48 h (taken in charge in 2 h), waste in progress (4 h).
  await report(w.pothole.id, ago(2 * DAY), { status: "new", dueAt: ago(HOUR) });
  const resolved = await report(w.pothole.id, ago(10 * DAY), {
    status: "resolved", acknowledgedAt: new Date(NOW - 10 * DAY + 2 * HOUR), resolvedAt: new Date(NOW - 8 * DAY), closedAt: new Date(NOW - 8 * DAY),
  });
  await report(w.waste.id, ago(20 * DAY), { status: "in_progress", acknowledgedAt: new Date(NOW - 20 * DAY + 4 * HOUR), dueAt: new Date(NOW + DAY) });
  // 31–90 days ago: waste resolved in 10 h. Older: an open, overdue pothole (backlog only).
  const older = await report(w.waste.id, ago(60 * DAY), {
    status: "resolved", acknowledgedAt: new Date(NOW - 60 * DAY + HOUR), resolvedAt: new Date(NOW - 60 * DAY + 10 * HOUR), closedAt: new Date(NOW - 60 * DAY + 10 * HOUR),
  });
  await report(w.pothole.id, ago(200 * DAY), { status: "new", dueAt: ago(150 * DAY) });
  const db = await getSystemDb();
  await db.execute(sql`insert into report_ratings (tenant_id, report_id, score, fixed, created_at) values
    (${w.tenant.id}, ${resolved.id}, 4, true, now()), (${w.tenant.id}, ${older.id}, 2, false, now() - interval '50 days')`);
  // The other comune's fresh reports must never count here.
  for (let i = 0; i < 3; i++) await createReport(w.other, { categoryId: w.otherReport.categoryId, createdAt: ago(DAY), dueAt: ago(HOUR) });
});
afterAll(closeDb);

describe("getDashboard", () => {
  it("30 days: the figures of the reports received in the period, the backlog and the ratings, as in the database", async () => {
    const d = await getDashboard({ ctx: w.ctx.politician, days: 30 });
    expect(d.totals).toEqual({ received: 3, closed: 1, resolved: 1, open: 2, overdue: 1, medianHoursToAcknowledge: 3, medianHoursToResolve: 48 });
    expect(d.backlog).toEqual({ open: 3, overdue: 2 });
    expect(d.satisfaction).toEqual({ average: 4, ratings: 1 });
    expect(d.byCategory.map((c) => [c.name, c.received, c.closed, c.open])).toEqual([["Buca", 2, 1, 1], ["Rifiuti abbandonati", 1, 0, 1]]);
    const office = (id: string) => d.byOffice.find((o) => o.id === id)!;
    expect(office(w.roads.id)).toMatchObject({ received: 2, closed: 1, overdue: 1, backlogOpen: 2, backlogOverdue: 2, medianHoursToAcknowledge: 2, medianHoursToResolve: 48 });
    expect(office(w.green.id)).toMatchObject({ received: 1, open: 1, backlogOpen: 1, medianHoursToAcknowledge: 4 });
    expect(office(idle.id)).toMatchObject({ name: "Ufficio senza segnalazioni", received: 0, backlogOpen: 0, medianHoursToResolve: null });
    expect(d.weeks.length).toBeGreaterThanOrEqual(5);
    expect(d.weeks.reduce((n, wk) => n + wk.received, 0)).toBe(3);
    expect(d.weeks.reduce((n, wk) => n + wk.closed, 0)).toBe(1);
    expect(d.weeks.every((wk) => /^\d{4}-\d{2}-\d{2}$/.test(wk.week) && new Date(`${wk.week}T12:00:00Z`).getUTCDay() === 1)).toBe(true);
  });

  it("90 days takes the older report and rating in", async () => {
    const d = await getDashboard({ ctx: w.ctx.supervisor, days: 90 });
    expect(d.totals).toMatchObject({ received: 4, closed: 2, resolved: 2, medianHoursToResolve: 29 });
    expect(d.satisfaction).toEqual({ average: 3, ratings: 2 });
  });

  it("the other comune's reports are not counted (its own dashboard sees only them)", async () => {
    const own = await getDashboard({ ctx: { ...w.ctx.admin, tenant: w.other }, days: 30 });
    expect(own.totals.received).toBe(4);
    expect(own.byOffice.some((o) => o.id === w.roads.id)).toBe(false);
  });

  it("operators and contractors' users are forbidden", async () => {
    expect(await caught(() => getDashboard({ ctx: w.ctx.operator, days: 30 }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => getDashboard({ ctx: w.ctx.external, days: 30 }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("officeWorkload", () => {
  it("lists every office of the comune, also one with no reports, and nothing of another comune", async () => {
    const rows = await officeWorkload({ ctx: w.ctx.supervisor, days: 30 });
    expect(rows.find((r) => r.officeId === idle.id)).toMatchObject({ received: 0, open: 0, overdue: 0, medianHoursToAcknowledge: null });
    expect(rows.find((r) => r.officeId === w.roads.id)).toMatchObject({ received: 2, open: 2, overdue: 2 });
    const other = await officeWorkload({ ctx: { ...w.ctx.supervisor, tenant: w.other }, days: 30 });
    expect(other.some((r) => r.officeId === w.roads.id || r.officeId === idle.id)).toBe(false);
  });

  it("operators are forbidden", async () => {
    expect(await caught(() => officeWorkload({ ctx: w.ctx.operator, days: 30 }))).toBeInstanceOf(ForbiddenError);
  });
});
