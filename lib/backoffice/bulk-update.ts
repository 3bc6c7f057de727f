import { z } from "zod";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { DomainError, ValidationError } from "@/lib/errors";
import { acknowledgeReport } from "./acknowledge-report";
import { assignReport } from "./assign-report";
import { rejectReport } from "./reject-report";
import { resolveReport } from "./resolve-report";
import { asStaff, parseInput } from "./staff-write";
import { startProgress } from "./start-progress";

export const bulkUpdateInput = z.object({
  reportIds: z.array(z.string().uuid()).min(1, "selection_empty").max(200, "selection_too_large"),
  action: z.enum(["acknowledge", "start", "resolve", "reject", "assign_user", "assign_office"], "bulk_action_invalid"),
  userId: z.string().max(100).optional(),
  officeId: z.string().uuid().optional(),
  /** The public message of a bulk resolve (optional) or the reason of a bulk reject (required). */
  message: z.string().trim().max(5000, "too_long").optional().transform((v) => v || undefined),
});

export type BulkResult = { done: number; failed: { reportId: string; code: string }[] };

/**
 * Bulk actions from the inbox: each report goes through the same verb as one by one (same permission,
 * scope, state machine, events, audit and emails), in its own transaction, so one report that cannot take
 * the action (already closed, not in scope) does not block the others; the result says which failed.
 */
export async function bulkUpdate({ ctx, input }: { ctx: Ctx; input: z.input<typeof bulkUpdateInput> }): Promise<BulkResult> {
  requirePermission(asStaff(ctx).actor, "reports.handle");
  const data = parseInput(bulkUpdateInput, input);
  // Checked once for the batch: 200 "reason_required" failures would hide the one thing to fix.
  if (data.action === "reject" && !data.message) throw new ValidationError("validation", { message: ["reason_required"] });
  const result: BulkResult = { done: 0, failed: [] };
  for (const reportId of new Set(data.reportIds)) {
    try {
      if (data.action === "acknowledge") await acknowledgeReport({ ctx, input: { reportId } });
      else if (data.action === "start") await startProgress({ ctx, input: { reportId } });
      else if (data.action === "resolve") await resolveReport({ ctx, input: { reportId, message: data.message } });
      else if (data.action === "reject") await rejectReport({ ctx, input: { reportId, reason: data.message! } });
      else if (data.action === "assign_user") await assignReport({ ctx, input: { reportId, target: "user", userId: data.userId ?? "" } });
      else await assignReport({ ctx, input: { reportId, target: "office", officeId: data.officeId ?? "" } });
      result.done++;
    } catch (error) {
      // Permission problems concern the whole batch: surface them instead of counting 200 failures.
      if (error instanceof DomainError && (error.code === "forbidden" || error.code === "suspended")) throw error;
      if (!(error instanceof DomainError)) throw error;
      result.failed.push({ reportId, code: error.code });
    }
  }
  return result;
}
