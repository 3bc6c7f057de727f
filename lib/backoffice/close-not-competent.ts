import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { organisations } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { ValidationError } from "@/lib/errors";
import { applyTransition } from "./apply-transition";
import { lockReport, parseInput, staffWrite } from "./staff-write";
import { italianText } from "./texts";

export const closeNotCompetentInput = z.object({
  reportId: z.string().uuid("not_found"),
  /** The body it is forwarded to: one of the comune's organisations, or free text ("ANAS", "Regione"). */
  organisationId: z.string().uuid().optional().or(z.literal("").transform(() => undefined)),
  body: z.string().trim().max(200, "too_long").optional().transform((v) => v || undefined),
  message: z.string().trim().min(1, "message_required").max(5000, "too_long"),
});

/**
 * "Non di competenza": the comune cannot act and says who can. Public step with the message to the
 * citizen; the outcome names the body it was forwarded to.
 */
export async function closeNotCompetent({ ctx, input }: { ctx: Ctx; input: z.input<typeof closeNotCompetentInput> }) {
  return staffWrite(ctx, "reports.handle", async (tx, staff) => {
    const data = parseInput(closeNotCompetentInput, input);
    let forwardedTo = data.body;
    if (data.organisationId) {
      const [org] = await tx
        .select({ name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.tenantId, staff.tenant.id), eq(organisations.id, data.organisationId)));
      if (!org) throw new ValidationError("validation", { organisationId: ["organisation_invalid"] });
      forwardedTo = org.name;
    }
    if (!forwardedTo) throw new ValidationError("validation", { body: ["forward_required"] });
    const report = await lockReport(tx, staff, data.reportId);
    return applyTransition(tx, staff, report, "close_not_competent", {
      body: data.message,
      data: { forwardedTo, organisationId: data.organisationId ?? null },
      set: { closeReason: forwardedTo },
      notice: { template: "reportClosed", values: { outcome: italianText("outcomes.notCompetent", { body: forwardedTo }) }, quote: data.message },
    });
  });
}
