import { z } from "zod";
import type { Ctx } from "@/lib/context";
import { applyTransition } from "./apply-transition";
import { lockReport, officeSignature, parseInput, staffWrite } from "./staff-write";

export const acknowledgeReportInput = z.object({
  reportId: z.string().uuid("not_found"),
  message: z.string().trim().max(5000, "too_long").optional().transform((v) => v || undefined),
});

/** "Presa in carico": the office tells the citizen it has the report (public step, followers emailed). */
export async function acknowledgeReport({ ctx, input }: { ctx: Ctx; input: z.input<typeof acknowledgeReportInput> }) {
  return staffWrite(ctx, "reports.handle", async (tx, staff) => {
    const data = parseInput(acknowledgeReportInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    return applyTransition(tx, staff, report, "acknowledge", {
      body: data.message,
      notice: { template: "reportAcknowledged", values: { office: await officeSignature(tx, staff, report.officeId) }, quote: data.message },
    });
  });
}
