import { z } from "zod";
import { withTenant } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { discardFiles, linkFiles, storeFiles, type IncomingFile } from "./attachments";
import { guardStaffWrite, lockReport, parseInput, recordStep } from "./staff-write";

export const addInternalNoteInput = z.object({
  reportId: z.string().uuid("not_found"),
  body: z.string().trim().min(1, "message_required").max(5000, "too_long"),
});

/** A note for colleagues only: internal event, private attachments, never shown or emailed to citizens. */
export async function addInternalNote({ ctx, input, files = [] }: { ctx: Ctx; input: z.input<typeof addInternalNoteInput>; files?: IncomingFile[] }) {
  const staff = guardStaffWrite(ctx, "reports.note_internal");
  const data = parseInput(addInternalNoteInput, input);
  const stored = await storeFiles(staff.tenant.id, files);
  try {
    return await withTenant(staff.tenant.id, async (tx) => {
      const report = await lockReport(tx, staff, data.reportId);
      const step = await recordStep(tx, staff, report, {
        event: { type: "internal_note", visibility: "internal", body: data.body },
        audit: { action: "report.note_internal" },
      });
      await linkFiles(tx, staff.tenant.id, report.id, step.eventId, stored, false);
      return step;
    });
  } catch (error) {
    await discardFiles(stored);
    throw error;
  }
}
