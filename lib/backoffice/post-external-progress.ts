import { z } from "zod";
import { withTenant } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { ConflictError } from "@/lib/errors";
import { isOpenStatus } from "@/lib/reports/statuses";
import { discardFiles, linkFiles, storeFiles, type IncomingFile } from "./attachments";
import { applyTransition } from "./apply-transition";
import { guardStaffWrite, lockReport, parseInput, recordStep } from "./staff-write";

export const postExternalProgressInput = z.object({
  reportId: z.string().uuid("not_found"),
  body: z.string().trim().min(1, "message_required").max(5000, "too_long"),
  completed: z.boolean().default(false),
});

/**
 * A contractor's user reports progress ("lavori in corso") or completion ("lavoro completato") on a report
 * assigned to their organisation. The note and photos are internal (the office checks the work and then
 * resolves it publicly); the first progress moves a report not yet in progress to "in lavorazione".
 */
export async function postExternalProgress({
  ctx,
  input,
  files = [],
}: {
  ctx: Ctx;
  input: z.input<typeof postExternalProgressInput>;
  files?: IncomingFile[];
}) {
  const staff = guardStaffWrite(ctx, "reports.progress_external");
  const data = parseInput(postExternalProgressInput, input);
  const stored = await storeFiles(staff.tenant.id, files);
  try {
    return await withTenant(staff.tenant.id, async (tx) => {
      const report = await lockReport(tx, staff, data.reportId);
      if (!isOpenStatus(report.status)) throw new ConflictError("report_closed");
      if (report.status !== "in_progress") {
        await applyTransition(tx, staff, report, "start", { data: { byOrganisation: staff.actor.organisationId } });
      }
      const step = await recordStep(tx, staff, { ...report, callbackRequested: false }, {
        event: { type: "internal_note", visibility: "internal", body: data.body, data: { external: true, completed: data.completed } },
        audit: { action: data.completed ? "report.external_completed" : "report.external_progress" },
      });
      await linkFiles(tx, staff.tenant.id, report.id, step.eventId, stored, false);
      return step;
    });
  } catch (error) {
    await discardFiles(stored);
    throw error;
  }
}
