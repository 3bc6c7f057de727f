import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { reportFollowers, reports, reportSupports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { ValidationError } from "@/lib/errors";
import { isClosedStatus } from "@/lib/reports/transitions";
import { applyTransition } from "./apply-transition";
import { reportScope } from "./report-scope";
import { lockReport, parseInput, recordStep, staffWrite } from "./staff-write";
import { italianText } from "./texts";

export const markDuplicateInput = z.object({
  reportId: z.string().uuid("not_found"),
  originalCode: z.string().trim().toUpperCase().min(1, "original_required").max(40),
});

/**
 * "Duplicata di X": closes the report as a duplicate of another one of the same comune, links both ways
 * (duplicate_of_id here, a public "merged" event there) and carries its followers and supports over to
 * the original, without doubling anyone, so they hear about the original's progress from now on.
 */
export async function markDuplicate({ ctx, input }: { ctx: Ctx; input: z.input<typeof markDuplicateInput> }) {
  return staffWrite(ctx, "reports.triage", async (tx, staff) => {
    const data = parseInput(markDuplicateInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    const [original] = await tx
      .select()
      .from(reports)
      .where(and(reportScope(staff.tenant.id, staff.actor), eq(reports.code, data.originalCode)))
      .for("update");
    if (!original || original.id === report.id || original.status === "duplicate") {
      throw new ValidationError("validation", { originalCode: ["original_invalid"] });
    }
    const result = await applyTransition(tx, staff, report, "mark_duplicate", {
      data: { duplicateOf: original.code },
      set: { duplicateOfId: original.id },
      notice: { template: "reportClosed", values: { outcome: italianText("outcomes.duplicate", { code: original.code }) } },
    });
    await recordStep(tx, staff, original, {
      event: { type: "merged", visibility: "public", data: { duplicate: report.code, duplicateId: report.id } },
      audit: { action: "report.merge_into", data: { duplicate: report.code } },
    });
    await carryFollowers(tx, staff.tenant.id, report.id, original.id, original.isPublic);
    await carrySupports(tx, staff.tenant.id, report.id, original.id);
    return { ...result, originalCode: original.code, originalWasClosed: isClosedStatus(original.status) };
  });
}

type Tx = Parameters<Parameters<typeof staffWrite>[2]>[0];

async function carryFollowers(tx: Tx, tenantId: string, fromId: string, toId: string, toIsPublic: boolean) {
  const followers = await tx
    .select()
    .from(reportFollowers)
    .where(and(eq(reportFollowers.tenantId, tenantId), eq(reportFollowers.reportId, fromId)));
  for (const f of followers) {
    if (!f.confirmedAt || f.unsubscribedAt) continue;
    // A private original is visible to its own reporter only: nobody else may follow it.
    if (!toIsPublic) continue;
    await tx
      .insert(reportFollowers)
      .values({
        tenantId,
        reportId: toId,
        email: f.email,
        userId: f.userId,
        isReporter: false,
        confirmedAt: f.confirmedAt,
      })
      .onConflictDoNothing();
  }
}

async function carrySupports(tx: Tx, tenantId: string, fromId: string, toId: string) {
  await tx.execute(sql`
    insert into report_supports (tenant_id, report_id, supporter_key, created_at)
    select tenant_id, ${toId}::uuid, supporter_key, created_at from report_supports
     where tenant_id = ${tenantId}::uuid and report_id = ${fromId}::uuid
    on conflict do nothing`);
  const [{ n }] = (await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(reportSupports)
    .where(and(eq(reportSupports.tenantId, tenantId), eq(reportSupports.reportId, toId)))) as [{ n: number }];
  await tx.update(reports).set({ supportCount: n }).where(and(eq(reports.tenantId, tenantId), eq(reports.id, toId)));
}
