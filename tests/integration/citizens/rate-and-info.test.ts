import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { reportEvents, reportFollowers, reportRatings, reports } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { addReportInfo } from "@/lib/engagement/add-report-info";
import { rateReport } from "@/lib/engagement/rate-report";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { linkToken } from "@/lib/reports/links";
import { getPublicReport } from "@/lib/reports/get-public-report";
import { createCategory, createOffice, createReport, createTenant, type Category, type Tenant } from "../../support/factories";
import { anonCtx, outboxOf } from "./helpers";

let tenant: Tenant;
let other: Tenant;
let category: Category;

beforeAll(async () => {
  tenant = await createTenant();
  other = await createTenant();
  const office = await createOffice(tenant, { name: "Ufficio Manutenzioni" });
  category = await createCategory(tenant, { officeId: office.id });
});
afterAll(closeDb);

async function closedReport(overrides: Partial<typeof reports.$inferInsert> = {}) {
  const now = new Date();
  const { report } = await createReport(tenant, {
    categoryId: category.id,
    status: "resolved",
    acknowledgedAt: now,
    resolvedAt: now,
    closedAt: now,
    ...overrides,
  });
  const db = await getSystemDb();
  await db.insert(reportFollowers).values({
    tenantId: tenant.id,
    reportId: report.id,
    email: "mario.rossi@example.it",
    isReporter: true,
    confirmedAt: now,
  });
  return report;
}

describe("rateReport", () => {
  it("records a satisfied rating without reopening", async () => {
    const report = await closedReport();
    const result = await rateReport({
      ctx: anonCtx(tenant),
      input: { code: report.code, token: linkToken("rate", report.id), score: "5", fixed: "true", comment: "Ottimo" },
    });
    expect(result).toEqual({ reopened: false, status: "resolved" });
    const db = await getSystemDb();
    const [rating] = await db.select().from(reportRatings).where(eq(reportRatings.reportId, report.id));
    expect(rating).toMatchObject({ score: 5, fixed: true, comment: "Ottimo" });
    const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect(row).toMatchObject({ status: "resolved", rating: 5 });
    // One rating per closure: the same closure cannot be rated twice.
    await expect(
      rateReport({ ctx: anonCtx(tenant), input: { code: report.code, token: linkToken("rate", report.id), score: 1, fixed: true } }),
    ).rejects.toMatchObject({ code: "already_rated" });
  });

  it("'non è risolto' reopens the report with a public status change, notifies followers and the office", async () => {
    const report = await closedReport();
    const result = await rateReport({
      ctx: anonCtx(tenant),
      input: { code: report.code, token: linkToken("rate", report.id), score: 1, fixed: false, comment: "La buca è ancora lì" },
    });
    expect(result).toEqual({ reopened: true, status: "acknowledged" });
    const db = await getSystemDb();
    const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect(row).toMatchObject({ status: "acknowledged", closedAt: null, resolvedAt: null, rating: 1 });
    const events = await db.select().from(reportEvents).where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.type, "status_changed")));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ visibility: "public", fromStatus: "resolved", toStatus: "acknowledged", body: "La buca è ancora lì" });
    const page = await getPublicReport(tenant, report.code);
    expect(page.status).toBe("acknowledged");
    expect(page.timeline.map((e) => e.type)).toEqual(["created", "status_changed"]);
    const jobs = await outboxOf(tenant);
    const office = jobs.find((j) => j.dedupeKey === `office-reopened:${events[0]!.id}`);
    expect(office?.kind).toBe("office_new_report");
    expect((office?.payload as { message: { template: string; quote: string } }).message).toMatchObject({
      template: "citizens.officeReopened",
      quote: "La buca è ancora lì",
    });
    expect(jobs.some((j) => j.dedupeKey?.startsWith(`reportReopened:${events[0]!.id}`))).toBe(true);
  });

  it("reopens to 'new' when the report was never acknowledged", async () => {
    const report = await closedReport({ status: "rejected", acknowledgedAt: null, resolvedAt: null });
    const result = await rateReport({
      ctx: anonCtx(tenant),
      input: { code: report.code, token: linkToken("rate", report.id), score: 2, fixed: false, comment: "Non è vero" },
    });
    expect(result.status).toBe("new");
  });

  it("requires a comment to reopen, a closed report, and the report's own token", async () => {
    const report = await closedReport();
    const token = linkToken("rate", report.id);
    const noComment = await rateReport({ ctx: anonCtx(tenant), input: { code: report.code, token, score: 2, fixed: false } }).catch((e) => e);
    expect(noComment).toBeInstanceOf(ValidationError);
    expect(noComment.fieldErrors).toEqual({ comment: ["reopen_comment_required"] });
    const badScore = await rateReport({ ctx: anonCtx(tenant), input: { code: report.code, token, score: 9, fixed: true } }).catch((e) => e);
    expect(badScore.fieldErrors).toEqual({ score: ["score_required"] });
    await expect(
      rateReport({ ctx: anonCtx(tenant), input: { code: report.code, token: linkToken("view", report.id), score: 4, fixed: true } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(rateReport({ ctx: anonCtx(other), input: { code: report.code, token, score: 4, fixed: true } })).rejects.toBeInstanceOf(NotFoundError);
    const open = (await createReport(tenant, { categoryId: category.id })).report;
    await expect(
      rateReport({ ctx: anonCtx(tenant), input: { code: open.code, token: linkToken("rate", open.id), score: 4, fixed: true } }),
    ).rejects.toMatchObject({ code: "not_closed" });
  });
});

describe("addReportInfo", () => {
  it("adds the reporter's text as a public 'updated' event, also on a private report", async () => {
    const { report } = await createReport(tenant, { categoryId: category.id, isPublic: false });
    await addReportInfo({
      ctx: anonCtx(tenant),
      input: { code: report.code, token: linkToken("add-info", report.id), body: "La buca si è allargata" },
    });
    const page = await getPublicReport(tenant, report.code, linkToken("view", report.id));
    expect(page.timeline.at(-1)).toMatchObject({ type: "updated", body: "La buca si è allargata" });
  });

  it("needs the report's add-info token; other comune → not found; empty text → validation", async () => {
    const { report } = await createReport(tenant, { categoryId: category.id });
    const token = linkToken("add-info", report.id);
    await expect(addReportInfo({ ctx: anonCtx(tenant), input: { code: report.code, token: linkToken("rate", report.id), body: "Testo" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addReportInfo({ ctx: anonCtx(other), input: { code: report.code, token, body: "Testo" } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addReportInfo({ ctx: anonCtx(tenant), input: { code: report.code, token, body: " " } })).rejects.toBeInstanceOf(ValidationError);
  });
});
