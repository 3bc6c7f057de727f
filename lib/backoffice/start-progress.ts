import { z } from "zod";
import type { Ctx } from "@/lib/context";
import { applyTransition } from "./apply-transition";
import { lockReport, officeSignature, parseInput, staffWrite } from "./staff-write";

export const startProgressInput = z.object({
  reportId: z.string().uuid("not_found"),
  message: z.string().trim().max(5000, "too_long").optional().transform((v) => v || undefined),
});

/**
 * "In lavorazione": public state change. Followers are emailed only when the office writes a message
 * (a bare state change is visible on the report page; an email saying only "in lavorazione" is noise),
 * signed by the office like the timeline entry. From "new" it is also the taking in charge: see
 * applyTransition (the reporter gets the "presa in carico" email).
 */
export async function startProgress({ ctx, input }: { ctx: Ctx; input: z.input<typeof startProgressInput> }) {
  return staffWrite(ctx, "reports.handle", async (tx, staff) => {
    const data = parseInput(startProgressInput, input);
    const report = await lockReport(tx, staff, data.reportId);
    return applyTransition(tx, staff, report, "start", {
      body: data.message,
      notice: data.message ? { template: "reportReply", values: { author: await officeSignature(tx, staff, report.officeId) }, quote: data.message } : undefined,
    });
  });
}
