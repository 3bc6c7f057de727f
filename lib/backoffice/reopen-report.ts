import { z } from "zod";
import type { Ctx } from "@/lib/context";
import { applyTransition } from "./apply-transition";
import { lockReport, parseInput, staffWrite } from "./staff-write";

export const reopenReportInput = z.object({
  reportId: z.string().uuid("not_found"),
  message: z.string().trim().max(5000, "too_long").optional().transform((v) => v || undefined),
});

/** Reopens a closed report (back to "presa in carico"); a duplicate loses its link. Public step. */
export async function reopenReport({ ctx, input }: { ctx: Ctx; input: z.input<typeof reopenReportInput> }) {
  return staffWrite(ctx, "reports.handle", async (tx, staff) => {
    const data = parseInput(reopenReportInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    return applyTransition(tx, staff, report, "reopen", {
      body: data.message,
      notice: { template: "reportReopened", values: {}, quote: data.message },
    });
  });
}
