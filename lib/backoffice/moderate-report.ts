import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { attachments, reportEvents, reports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { lockReport, parseInput, recordStep, staffWrite } from "./staff-write";

const optional = (max: number) => z.string().trim().max(max, "too_long").optional().transform((v) => v || null);

export const moderateReportInput = z.object({
  reportId: z.string().uuid("not_found"),
  /** Public versions of the citizen's text; empty means "show the original". */
  publicTitle: optional(120),
  publicDescription: optional(20000),
  /** The complete set of photos and citizens' comments to hide (others are shown again). */
  hiddenAttachmentIds: z.array(z.string().uuid()).max(100).default([]),
  hiddenCommentIds: z.array(z.string().uuid()).max(500).default([]),
});

/**
 * Moderates what the public sees of a report: replacement title/description (the citizen's originals stay
 * in title/description for staff) and hidden photos or comments (kept, never served publicly). Internal.
 */
export async function moderateReport({ ctx, input }: { ctx: Ctx; input: z.input<typeof moderateReportInput> }) {
  return staffWrite(ctx, "reports.moderate", async (tx, staff) => {
    const data = parseInput(moderateReportInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    const tenantId = staff.tenant.id;
    await tx
      .update(reports)
      .set({ publicTitle: data.publicTitle, publicDescription: data.publicDescription, updatedAt: new Date() })
      .where(and(eq(reports.tenantId, tenantId), eq(reports.id, report.id)));
    const ofReport = and(eq(attachments.tenantId, tenantId), eq(attachments.reportId, report.id));
    await tx.update(attachments).set({ hidden: false }).where(ofReport);
    if (data.hiddenAttachmentIds.length > 0) {
      await tx.update(attachments).set({ hidden: true }).where(and(ofReport, inArray(attachments.id, data.hiddenAttachmentIds)));
    }
    const comments = and(eq(reportEvents.tenantId, tenantId), eq(reportEvents.reportId, report.id), eq(reportEvents.type, "comment"));
    await tx.update(reportEvents).set({ hidden: false }).where(comments);
    if (data.hiddenCommentIds.length > 0) {
      await tx.update(reportEvents).set({ hidden: true }).where(and(comments, inArray(reportEvents.id, data.hiddenCommentIds)));
    }
    const summary = {
      textEdited: Boolean(data.publicTitle || data.publicDescription),
      hiddenAttachments: data.hiddenAttachmentIds.length,
      hiddenComments: data.hiddenCommentIds.length,
    };
    return recordStep(tx, staff, report, {
      event: { type: "moderated", visibility: "internal", data: summary },
      audit: { action: "report.moderate", data: { ...summary, hiddenAttachmentIds: data.hiddenAttachmentIds, hiddenCommentIds: data.hiddenCommentIds } },
    });
  });
}
