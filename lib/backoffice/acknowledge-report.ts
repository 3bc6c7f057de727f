import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { offices } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { applyTransition } from "./apply-transition";
import { lockReport, parseInput, staffWrite } from "./staff-write";

export const acknowledgeReportInput = z.object({
  reportId: z.string().uuid("not_found"),
  message: z.string().trim().max(5000, "too_long").optional().transform((v) => v || undefined),
});

/** "Presa in carico": the office tells the citizen it has the report (public step, followers emailed). */
export async function acknowledgeReport({ ctx, input }: { ctx: Ctx; input: z.input<typeof acknowledgeReportInput> }) {
  return staffWrite(ctx, "reports.handle", async (tx, staff) => {
    const data = parseInput(acknowledgeReportInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    const [office] = report.officeId
      ? await tx.select({ name: offices.name }).from(offices).where(and(eq(offices.tenantId, staff.tenant.id), eq(offices.id, report.officeId)))
      : [];
    return applyTransition(tx, staff, report, "acknowledge", {
      body: data.message,
      notice: { template: "reportAcknowledged", values: { office: office?.name ?? `Comune di ${staff.tenant.name}` }, quote: data.message },
    });
  });
}
