import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { attachments, reportEvents, reports, uploads } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { toValidationError } from "@/lib/reports/create-report";
import { linkToken } from "@/lib/reports/links";
import { checkRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import { hashToken } from "@/lib/security/tokens";
import { MAX_PHOTOS } from "@/lib/uploads/limits";
import { isReporterOf } from "./reporter-access";
import { assertWritable, limitPublicAction } from "./shared";

export const addReportInfoInput = z
  .object({
    code: z.string().trim().min(1).max(40),
    /** The emailed link's token; empty when a signed-in reporter acts from their account. */
    token: z.string().max(100).default(""),
    body: z.string().trim().max(2000, "too_long").default(""),
    /** Photos uploaded through POST /api/uploads by this browser (same owner key as the upload). */
    uploadIds: z.array(z.string().uuid("upload_invalid")).max(MAX_PHOTOS, "too_many_files").default([]),
    uploadOwnerKey: z.string().min(16, "upload_invalid").max(200, "upload_invalid").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.body.length === 0 && v.uploadIds.length === 0)
      ctx.addIssue({ code: "custom", path: ["body"], message: "info_required" });
    else if (v.body.length > 0 && v.body.length < 3)
      ctx.addIssue({ code: "custom", path: ["body"], message: "info_too_short" });
    if (v.uploadIds.length > 0 && !v.uploadOwnerKey)
      ctx.addIssue({ code: "custom", path: ["photos"], message: "upload_invalid" });
  });
export type AddReportInfoInput = z.input<typeof addReportInfoInput>;

/**
 * The reporter adds information and/or photos to their own report, through the emailed link (token bound
 * to the report) or signed in as its reporter (see isReporterOf): a public `updated` event signed as the reporter, with the photos attached to it (public
 * iff the report is). Photos are claimed like createReport's: uploaded in this comune with the same owner
 * key and not yet claimed, otherwise a validation error and nothing is written. Nobody else can add, and
 * another comune's report, a wrong token or someone else's report is NotFoundError. Rate limited per IP
 * and per report.
 */
export async function addReportInfo({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: AddReportInfoInput;
}): Promise<{ eventId: string; photos: number }> {
  assertWritable(ctx);
  const parsed = addReportInfoInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { tenant } = ctx;
  const data = parsed.data;
  await limitPublicAction(ctx, "add_info", null, { perIp: RATE_LIMITS.addInfoPerIp });
  const report = await withTenant(tenant.id, (tx) => findOwnReport(tx, ctx, data.code, data.token));
  if (!report) throw new NotFoundError("report");
  // Per report, only once the caller proved to be its reporter: nobody else can use up the allowance.
  await checkRateLimit(`${tenant.id}:add_info:report:${report.id}`, RATE_LIMITS.addInfoPerReport);
  return withTenant(tenant.id, async (tx) => {
    const now = new Date();

    const claimed = data.uploadIds.length
      ? await tx
          .update(uploads)
          .set({ claimedAt: now })
          .where(
            and(
              eq(uploads.tenantId, tenant.id),
              inArray(uploads.id, data.uploadIds),
              eq(uploads.ownerKeyHash, hashToken(data.uploadOwnerKey!)),
              isNull(uploads.claimedAt),
            ),
          )
          .returning()
      : [];
    // Throwing rolls the claim back with the rest of the transaction.
    if (claimed.length !== new Set(data.uploadIds).size)
      throw new ValidationError("validation", { photos: ["upload_invalid"] });
    if (claimed.some((u) => u.kind !== "photo"))
      throw new ValidationError("validation", { photos: ["photos_only"] });

    const [event] = await tx
      .insert(reportEvents)
      .values({
        tenantId: tenant.id,
        reportId: report.id,
        type: "updated",
        visibility: "public",
        body: data.body || null,
        data: claimed.length ? { by: "reporter", photos: claimed.length } : { by: "reporter" },
        createdAt: now,
      })
      .returning({ id: reportEvents.id });
    if (claimed.length) {
      await tx.insert(attachments).values(
        claimed.map((u) => ({
          tenantId: tenant.id,
          reportId: report.id,
          eventId: event!.id,
          kind: u.kind,
          storageKey: u.storageKey,
          thumbKey: u.thumbKey,
          mimeType: u.mimeType,
          sizeBytes: u.sizeBytes,
          width: u.width,
          height: u.height,
          originalName: u.originalName,
          isPublic: report.isPublic,
          createdAt: now,
        })),
      );
    }
    await tx
      .update(reports)
      .set({ updatedAt: now })
      .where(and(eq(reports.tenantId, tenant.id), eq(reports.id, report.id)));
    return { eventId: event!.id, photos: claimed.length };
  });
}

/** This comune's report with this code, if the caller is its reporter (token or account); otherwise null. */
async function findOwnReport(tx: Tx, ctx: Ctx, code: string, token: string | null) {
  const [report] = await tx
    .select({ id: reports.id, isPublic: reports.isPublic, reporterUserId: reports.reporterUserId, reporterEmail: reports.reporterEmail })
    .from(reports)
    .where(and(eq(reports.tenantId, ctx.tenant.id), eq(reports.code, code)));
  return report && isReporterOf(ctx.actor, report, "add-info", token) ? report : null;
}

/**
 * For the add-information page (GET): whether the caller may add to the report (emailed link or signed in
 * as its reporter), and if so the path of the report page for them (with the view token when the report
 * is private). Changes nothing.
 */
export async function checkAddInfoLink({ ctx, input }: { ctx: Ctx; input: { code: string; token: string } }): Promise<{ reportPath: string } | null> {
  const { tenant } = ctx;
  return withTenant(tenant.id, async (tx) => {
    const report = await findOwnReport(tx, ctx, input.code, input.token);
    if (!report) return null;
    const path = `/segnalazioni/${encodeURIComponent(input.code)}`;
    return { reportPath: report.isPublic ? path : `${path}?t=${linkToken("view", report.id)}` };
  });
}
