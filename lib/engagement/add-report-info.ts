import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { reportEvents, reports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { toValidationError } from "@/lib/reports/create-report";
import { verifyLinkToken } from "@/lib/reports/links";
import { assertWritable } from "./shared";

export const addReportInfoInput = z.object({
  code: z.string().trim().min(1).max(40),
  token: z.string().min(1).max(100),
  body: z.string().trim().min(3, "info_too_short").max(2000, "too_long"),
});
export type AddReportInfoInput = z.input<typeof addReportInfoInput>;

/**
 * The reporter adds information to their own report through the emailed link (token bound to the
 * report): a public `updated` event signed as the reporter. Nobody else can, and another comune's report
 * or a wrong token is NotFoundError.
 */
export async function addReportInfo({ ctx, input }: { ctx: Ctx; input: AddReportInfoInput }): Promise<{ eventId: string }> {
  assertWritable(ctx);
  const parsed = addReportInfoInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { tenant } = ctx;
  return withTenant(tenant.id, async (tx) => {
    const [report] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.tenantId, tenant.id), eq(reports.code, parsed.data.code)));
    if (!report || !verifyLinkToken("add-info", report.id, parsed.data.token)) throw new NotFoundError("report");
    const now = new Date();
    const [event] = await tx
      .insert(reportEvents)
      .values({
        tenantId: tenant.id,
        reportId: report.id,
        type: "updated",
        visibility: "public",
        body: parsed.data.body,
        data: { by: "reporter" },
        createdAt: now,
      })
      .returning({ id: reportEvents.id });
    await tx.update(reports).set({ updatedAt: now }).where(and(eq(reports.tenantId, tenant.id), eq(reports.id, report.id)));
    return { eventId: event!.id };
  });
}

/** For the add-information page (GET): whether the link is the report's own. Changes nothing. */
export async function checkAddInfoLink({ ctx, input }: { ctx: Ctx; input: { code: string; token: string } }): Promise<boolean> {
  const { tenant } = ctx;
  return withTenant(tenant.id, async (tx) => {
    const [report] = await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.tenantId, tenant.id), eq(reports.code, input.code)));
    return Boolean(report && verifyLinkToken("add-info", report.id, input.token));
  });
}
