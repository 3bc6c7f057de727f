import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { REPORT_PRIORITIES, reports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { lockReport, parseInput, recordStep, staffWrite } from "./staff-write";

export const setPriorityInput = z.object({
  reportId: z.string().uuid("not_found"),
  priority: z.enum(REPORT_PRIORITIES, "priority_invalid"),
});

/** Sets the office's working priority. Internal step (citizens never see priorities). */
export async function setPriority({ ctx, input }: { ctx: Ctx; input: z.input<typeof setPriorityInput> }) {
  return staffWrite(ctx, "reports.handle", async (tx, staff) => {
    const data = parseInput(setPriorityInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    await tx
      .update(reports)
      .set({ priority: data.priority, updatedAt: new Date() })
      .where(and(eq(reports.tenantId, staff.tenant.id), eq(reports.id, report.id)));
    return recordStep(tx, staff, report, {
      event: { type: "updated", visibility: "internal", data: { field: "priority", from: report.priority, to: data.priority } },
      audit: { action: "report.set_priority", data: { from: report.priority, to: data.priority } },
    });
  });
}
