import { z } from "zod";
import type { Ctx } from "@/lib/context";
import { applyTransition } from "./apply-transition";
import { lockReport, parseInput, staffWrite } from "./staff-write";
import { italianText } from "./texts";

export const rejectReportInput = z.object({
  reportId: z.string().uuid("not_found"),
  reason: z.string().trim().min(1, "reason_required").max(5000, "too_long"),
});

/** "Respinta": closed without action, always with the reason given to the citizen (public step). */
export async function rejectReport({ ctx, input }: { ctx: Ctx; input: z.input<typeof rejectReportInput> }) {
  return staffWrite(ctx, "reports.handle", async (tx, staff) => {
    const data = parseInput(rejectReportInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    return applyTransition(tx, staff, report, "reject", {
      body: data.reason,
      set: { closeReason: data.reason },
      notice: { template: "reportClosed", values: { outcome: italianText("outcomes.rejected") }, quote: data.reason },
    });
  });
}
