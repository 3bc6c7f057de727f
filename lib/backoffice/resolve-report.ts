import { z } from "zod";
import { withTenant } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { applyTransition } from "./apply-transition";
import { discardFiles, linkFiles, storeFiles, type IncomingFile } from "./attachments";
import { guardStaffWrite, lockReport, parseInput } from "./staff-write";
import { italianText } from "./texts";

export const resolveReportInput = z.object({
  reportId: z.string().uuid("not_found"),
  message: z.string().trim().max(5000, "too_long").optional().transform((v) => v || undefined),
});

/**
 * "Risolta": closes the report as fixed, optionally with a message and photos of the work (taken on the
 * spot from a phone). Public step: followers are emailed, the reporter with the satisfaction link.
 */
export async function resolveReport({
  ctx,
  input,
  files = [],
}: {
  ctx: Ctx;
  input: z.input<typeof resolveReportInput>;
  files?: IncomingFile[];
}) {
  const staff = guardStaffWrite(ctx, "reports.handle");
  const data = parseInput(resolveReportInput, input);
  const stored = await storeFiles(staff.tenant.id, files);
  try {
    return await withTenant(staff.tenant.id, async (tx) => {
      const report = await lockReport(tx, staff, data.reportId);
      const result = await applyTransition(tx, staff, report, "resolve", {
        body: data.message,
        data: { photos: stored.length },
        notice: { template: "reportClosed", values: { outcome: italianText("outcomes.resolved") }, quote: data.message },
      });
      await linkFiles(tx, staff.tenant.id, report.id, result.eventId, stored, report.isPublic);
      return result;
    });
  } catch (error) {
    await discardFiles(stored);
    throw error;
  }
}
