import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { reports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { lockReport, parseInput, recordStep, staffWrite } from "./staff-write";

export const markCallbackDoneInput = z.object({
  reportId: z.string().uuid("not_found"),
  note: z.string().trim().max(2000, "too_long").optional().transform((v) => v || undefined),
});

/** The office called the citizen back about the latest news: clears "da richiamare". Internal step. */
export async function markCallbackDone({ ctx, input }: { ctx: Ctx; input: z.input<typeof markCallbackDoneInput> }) {
  return staffWrite(ctx, "reports.handle", async (tx, staff) => {
    const data = parseInput(markCallbackDoneInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    await tx
      .update(reports)
      .set({ callbackPendingSince: null })
      .where(and(eq(reports.tenantId, staff.tenant.id), eq(reports.id, report.id)));
    return recordStep(tx, staff, report, {
      event: { type: "internal_note", visibility: "internal", body: data.note ?? null, data: { callbackDone: true } },
      audit: { action: "report.callback_done" },
    });
  });
}
