import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { reports, reportSupports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { toValidationError } from "@/lib/reports/create-report";
import { findPublicReport } from "@/lib/reports/get-public-report";
import { RATE_LIMITS } from "@/lib/security/rate-limit";
import { assertWritable, optionalEmailInput, holdForConfirmation, limitPublicAction } from "./shared";

export const supportReportInput = z.object({ code: z.string().trim().min(1).max(40), email: optionalEmailInput });
export type SupportReportInput = z.input<typeof supportReportInput>;
export type SupportResult = { status: "pending_confirmation" | "supported" | "already_supported"; supportCount?: number };

/**
 * "Anche io" on a public report: one per person — `user:<id>` for a signed-in citizen, `email:<address>`
 * once the address is confirmed by the emailed link. Repeating it is a no-op.
 */
export async function supportReport({ ctx, input }: { ctx: Ctx; input: SupportReportInput }): Promise<SupportResult> {
  assertWritable(ctx);
  const parsed = supportReportInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { actor, tenant } = ctx;
  const email = actor.kind === "citizen" ? null : parsed.data.email;
  if (actor.kind !== "citizen" && !email) {
    throw toValidationError(new z.ZodError([{ code: "custom", path: ["email"], message: "email_required", input: undefined }]));
  }
  await limitPublicAction(ctx, "support", email ?? null, { perIp: RATE_LIMITS.commentPerIp, perEmail: RATE_LIMITS.commentPerEmail });
  return withTenant(tenant.id, async (tx) => {
    const report = await findPublicReport(tx, tenant.id, parsed.data.code);
    if (actor.kind === "citizen") {
      const added = await addSupport(tx, tenant.id, report.id, `user:${actor.userId}`);
      return { status: added.added ? "supported" : "already_supported", supportCount: added.supportCount };
    }
    await holdForConfirmation(tx, tenant, { purpose: "support", email: email!, report, template: "emails.supportConfirm" });
    return { status: "pending_confirmation" };
  });
}

/**
 * Records one support and bumps reports.support_count in the same transaction. Guards idempotency: the
 * (report, supporter) primary key makes a second support insert nothing, and only an insert counts.
 */
export async function addSupport(tx: Tx, tenantId: string, reportId: string, supporterKey: string) {
  const inserted = await tx
    .insert(reportSupports)
    .values({ tenantId, reportId, supporterKey })
    .onConflictDoNothing()
    .returning({ key: reportSupports.supporterKey });
  const [row] = inserted.length
    ? await tx
        .update(reports)
        .set({ supportCount: sql`${reports.supportCount} + 1` })
        .where(and(eq(reports.tenantId, tenantId), eq(reports.id, reportId)))
        .returning({ supportCount: reports.supportCount })
    : await tx
        .select({ supportCount: reports.supportCount })
        .from(reports)
        .where(and(eq(reports.tenantId, tenantId), eq(reports.id, reportId)));
  return { added: inserted.length > 0, supportCount: row?.supportCount ?? 0 };
}
