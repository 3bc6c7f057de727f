import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { reports } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import type { FollowerNotice } from "@/lib/reports/notify-followers";
import { nextStatus, type WorkflowAction } from "@/lib/reports/transitions";
import { officeSignature, recordStep, type Report, type StaffCtx } from "./staff-write";

export type TransitionOptions = {
  body?: string | null;
  data?: Record<string, unknown>;
  notice?: Omit<FollowerNotice, "eventId">;
  /** Extra columns changed with the state (close reason, duplicate link…). */
  set?: Partial<typeof reports.$inferInsert>;
};

/**
 * Moves a locked report through the lifecycle: refuses what the state machine does not allow
 * (ConflictError "transition_not_allowed"), keeps the timestamps used by statistics, and records the
 * public status_changed event with its audit row and followers' emails. Going straight from "new" to "in
 * lavorazione" also takes the report in charge: the reporter gets the "presa in carico" email (with the
 * office's message, if any) instead of learning nothing while acknowledged_at is set.
 */
export async function applyTransition(
  tx: Tx,
  ctx: StaffCtx,
  report: Report,
  action: WorkflowAction,
  options: TransitionOptions = {},
): Promise<{ eventId: string; status: Report["status"] }> {
  const to = nextStatus(report.status, action);
  if (!to) throw new ConflictError("transition_not_allowed");
  const now = new Date();
  const closing = ["resolved", "not_competent", "rejected", "duplicate"].includes(to);
  const notice =
    action === "start" && report.status === "new"
      ? { template: "reportAcknowledged" as const, values: { office: await officeSignature(tx, ctx, report.officeId) }, quote: options.body ?? undefined }
      : options.notice;
  await tx
    .update(reports)
    .set({
      status: to,
      updatedAt: now,
      acknowledgedAt: report.acknowledgedAt ?? (to === "new" ? null : now),
      resolvedAt: to === "resolved" ? now : action === "reopen" ? null : report.resolvedAt,
      closedAt: closing ? now : null,
      ...(action === "reopen" ? { closeReason: null, duplicateOfId: null } : {}),
      ...options.set,
    })
    .where(and(eq(reports.tenantId, ctx.tenant.id), eq(reports.id, report.id)));
  const { eventId } = await recordStep(tx, ctx, report, {
    event: {
      type: "status_changed",
      visibility: "public",
      body: options.body ?? null,
      fromStatus: report.status,
      toStatus: to,
      data: { action, ...options.data },
    },
    audit: { action: `report.${action}`, data: { from: report.status, to, ...options.data } },
    notice,
  });
  return { eventId, status: to };
}
