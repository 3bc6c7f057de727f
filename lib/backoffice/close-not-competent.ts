import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { categories, organisations } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import type { EmailMessage } from "@/lib/email/render";
import { ValidationError } from "@/lib/errors";
import { enqueue } from "@/lib/outbox/enqueue";
import { reportUrl } from "@/lib/reports/links";
import { applyTransition } from "./apply-transition";
import { lockReport, parseInput, staffWrite, type Report, type StaffCtx } from "./staff-write";
import { italianText } from "./texts";

export const closeNotCompetentInput = z.object({
  reportId: z.string().uuid("not_found"),
  /** The body it is forwarded to: one of the comune's organisations, or free text ("ANAS", "Regione"). */
  organisationId: z.string().uuid().optional().or(z.literal("").transform(() => undefined)),
  body: z.string().trim().max(200, "too_long").optional().transform((v) => v || undefined),
  /** The other body's address, typed by staff: the report is forwarded there too. */
  forwardEmail: z
    .string()
    .trim()
    .toLowerCase()
    .email("email_invalid")
    .max(254, "too_long")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  message: z.string().trim().min(1, "message_required").max(5000, "too_long"),
});

/**
 * "Non di competenza": the comune cannot act and says who can. Public step with the message to the
 * citizen; the outcome names the body it was forwarded to, and the report is really forwarded: an
 * organisation of the comune gets it at its address and its users' (resolved at delivery), another body
 * at the address staff typed. The forward carries what the body needs to act (place, description, photos
 * stay in the comune) and the office's message — never the reporter's contact details.
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
    const result = await applyTransition(tx, staff, report, "close_not_competent", {
      body: data.message,
      data: { forwardedTo, organisationId: data.organisationId ?? null, forwardEmail: data.forwardEmail ?? null },
      set: { closeReason: forwardedTo },
      notice: { template: "reportClosed", values: { outcome: italianText("outcomes.notCompetent", { body: forwardedTo }) }, quote: data.message },
    });
    const message = await forwardMessage(tx, staff, report, forwardedTo, data.message);
    if (data.organisationId) {
      await enqueue(
        tx,
        staff.tenant.id,
        { kind: "organisation_assigned", tenantSlug: staff.tenant.slug, tenantId: staff.tenant.id, organisationId: data.organisationId, message },
        `forward-org:${result.eventId}`,
      );
    }
    if (data.forwardEmail) {
      await enqueue(tx, staff.tenant.id, { kind: "email", tenantSlug: staff.tenant.slug, message: { ...message, to: data.forwardEmail } }, `forward-email:${result.eventId}`);
    }
    return result;
  });
}

async function forwardMessage(tx: Tx, staff: StaffCtx, report: Report, to: string, text: string): Promise<Omit<EmailMessage, "to">> {
  const [category] = await tx
    .select({ name: categories.name })
    .from(categories)
    .where(and(eq(categories.tenantId, staff.tenant.id), eq(categories.id, report.categoryId)));
  return {
    template: "backoffice.reportForwarded",
    brand: { tenantName: `Comune di ${staff.tenant.name}`, primaryColor: staff.tenant.primaryColor },
    values: {
      code: report.code,
      body: to,
      category: category?.name ?? "—",
      address: report.address ?? `${report.lat.toFixed(5)}, ${report.lng.toFixed(5)}`,
      position: `${report.lat.toFixed(5)}, ${report.lng.toFixed(5)}`,
      description: report.publicDescription ?? report.description,
    },
    quote: text,
    // Only a public report has a page the body may open; a private one is described in the email alone.
    action: report.isPublic ? { url: reportUrl(staff.tenant.slug, report.code, report) } : undefined,
  };
}
