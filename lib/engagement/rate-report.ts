import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { offices, reportEvents, reportRatings, reports } from "@/db/schema";
import type { Ctx, TenantRef } from "@/lib/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { enqueue } from "@/lib/outbox/enqueue";
import { toValidationError } from "@/lib/reports/create-report";
import { notifyFollowers } from "@/lib/reports/notify-followers";
import { isOpenStatus } from "@/lib/reports/statuses";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { isReporterOf } from "./reporter-access";
import { assertWritable, brandOf } from "./shared";

export const rateReportInput = z
  .object({
    code: z.string().trim().min(1).max(40),
    /** The emailed link's token; empty when the signed-in reporter rates from their account. */
    token: z.string().max(100).default(""),
    score: z.coerce.number().int("score_required").min(1, "score_required").max(5, "score_required"),
    fixed: z.preprocess((v) => (v === "true" || v === true ? true : v === "false" || v === false ? false : v), z.boolean({ message: "fixed_required" })),
    comment: z
      .string()
      .trim()
      .max(1000, "too_long")
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .refine((d) => d.fixed || Boolean(d.comment), { path: ["comment"], message: "reopen_comment_required" });
export type RateReportInput = z.input<typeof rateReportInput>;
export type RateResult = { reopened: boolean; status: string };

/**
 * The reporter's verdict on a closed report, from the emailed link (token bound to the report) or signed in
 * as its reporter: a score 1–5, whether it is really fixed, a comment. One rating per closure (keyed by the
 * report's closed_at), so after "non è risolto" → reopened → closed again the reporter can judge the new
 * outcome. "Non è risolto" reopens the report (back to acknowledged, or new if never acknowledged) with a
 * public status change carrying the comment, notifies followers and the office — all in one transaction.
 */
export async function rateReport({ ctx, input }: { ctx: Ctx; input: RateReportInput }): Promise<RateResult> {
  assertWritable(ctx);
  const parsed = rateReportInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const data = parsed.data;
  const { tenant } = ctx;
  return withTenant(tenant.id, async (tx) => {
    const report = await findRateable(tx, ctx, data.code, data.token);
    const closure = closureOf(report);
    // The primary key (report, closure) makes a concurrent second rating of the same closure insert nothing.
    const now = new Date();
    const inserted = await tx
      .insert(reportRatings)
      .values({
        tenantId: tenant.id,
        reportId: report.id,
        closedAt: closure,
        score: data.score,
        fixed: data.fixed,
        comment: data.comment ?? null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ reportId: reportRatings.reportId });
    if (inserted.length === 0) throw new ConflictError("already_rated");
    // The score is feedback for the office: recorded on the timeline, not shown publicly.
    await tx.insert(reportEvents).values({
      tenantId: tenant.id,
      reportId: report.id,
      type: "rating",
      visibility: "internal",
      body: data.comment ?? null,
      data: { score: data.score, fixed: data.fixed },
      createdAt: now,
    });
    if (data.fixed) {
      await tx
        .update(reports)
        .set({ rating: data.score, updatedAt: now })
        .where(and(eq(reports.tenantId, tenant.id), eq(reports.id, report.id)));
      return { reopened: false, status: report.status };
    }
    const status = report.acknowledgedAt ? "acknowledged" : "new";
    await reopen(tx, tenant, report, status, data.comment!, data.score, now);
    return { reopened: true, status };
  });
}

/** The closure a rating belongs to; a closed report always has closed_at, updated_at covers older rows. */
function closureOf(report: { closedAt: Date | null; updatedAt: Date }): Date {
  return report.closedAt ?? report.updatedAt;
}

/** Locks the report so a rating and a staff transition on it cannot interleave. */
async function findRateable(tx: Tx, ctx: Ctx, code: string, token: string) {
  const [report] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.tenantId, ctx.tenant.id), eq(reports.code, code)))
    .for("update");
  if (!report || !isReporterOf(ctx.actor, report, "rate", token)) throw new NotFoundError("report");
  if (isOpenStatus(report.status)) throw new ConflictError("not_closed");
  return report;
}

/** Whether the current closure of the report has been rated already (one rating per closure). */
async function isClosureRated(tx: Tx, tenantId: string, report: { id: string; closedAt: Date | null; updatedAt: Date }) {
  const [rating] = await tx
    .select({ reportId: reportRatings.reportId })
    .from(reportRatings)
    .where(
      and(eq(reportRatings.tenantId, tenantId), eq(reportRatings.reportId, report.id), eq(reportRatings.closedAt, closureOf(report))),
    );
  return Boolean(rating);
}

async function reopen(
  tx: Tx,
  tenant: TenantRef,
  report: typeof reports.$inferSelect,
  status: "acknowledged" | "new",
  comment: string,
  score: number,
  now: Date,
) {
  await tx
    .update(reports)
    // Like the staff reopen: a reopened report is no longer "duplicate of" anything.
    .set({ status, rating: score, closedAt: null, resolvedAt: null, closeReason: null, duplicateOfId: null, updatedAt: now })
    .where(and(eq(reports.tenantId, tenant.id), eq(reports.id, report.id)));
  const [event] = await tx
    .insert(reportEvents)
    .values({
      tenantId: tenant.id,
      reportId: report.id,
      type: "status_changed",
      visibility: "public",
      body: comment,
      fromStatus: report.status,
      toStatus: status,
      data: { reason: "citizen_not_fixed" },
      createdAt: now,
    })
    .returning({ id: reportEvents.id });
  await notifyFollowers(tx, tenant, report, { template: "reportReopened", values: {}, quote: comment, eventId: event!.id });
  if (!report.officeId) return;
  const [office] = await tx
    .select({ id: offices.id, name: offices.name })
    .from(offices)
    .where(and(eq(offices.tenantId, tenant.id), eq(offices.id, report.officeId)));
  if (!office) return;
  await enqueue(
    tx,
    tenant.id,
    {
      kind: "office_new_report",
      tenantSlug: tenant.slug,
      officeId: office.id,
      message: {
        template: "citizens.officeReopened",
        brand: brandOf(tenant),
        values: { code: report.code, office: office.name },
        quote: comment,
        action: { url: `${tenantBaseUrl(tenant.slug)}/ufficio/segnalazioni/${report.code}` },
      },
    },
    `office-reopened:${event!.id}`,
  );
}

/**
 * For the rating page (GET): may the caller rate (emailed link or signed-in reporter), and can the report
 * be rated now (closed, this closure not yet rated)? Changes nothing.
 */
export async function checkRatingLink({ ctx, input }: { ctx: Ctx; input: { code: string; token: string } }) {
  const { tenant } = ctx;
  return withTenant(tenant.id, async (tx): Promise<"rateable" | "not_closed" | "already_rated"> => {
    const [report] = await tx
      .select({
        id: reports.id,
        status: reports.status,
        closedAt: reports.closedAt,
        updatedAt: reports.updatedAt,
        reporterUserId: reports.reporterUserId,
        reporterEmail: reports.reporterEmail,
      })
      .from(reports)
      .where(and(eq(reports.tenantId, tenant.id), eq(reports.code, input.code)));
    if (!report || !isReporterOf(ctx.actor, report, "rate", input.token)) throw new NotFoundError("report");
    if (isOpenStatus(report.status)) return "not_closed";
    return (await isClosureRated(tx, tenant.id, report)) ? "already_rated" : "rateable";
  });
}
