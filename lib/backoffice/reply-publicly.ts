import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { responseTemplates } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { ValidationError } from "@/lib/errors";
import { discardFiles, linkFiles, storeFiles, type IncomingFile } from "./attachments";
import { guardStaffWrite, lockReport, parseInput, recordStep, signature } from "./staff-write";
import { italianText } from "./texts";

export const replyPubliclyInput = z.object({
  reportId: z.string().uuid("not_found"),
  body: z.string().trim().max(5000, "too_long").optional().transform((v) => v || undefined),
  /** A saved reply of the comune; its text is used when the body is left empty. */
  templateId: z.string().uuid().optional().or(z.literal("").transform(() => undefined)),
  signAs: z.enum(["person", "comune"]).default("person"),
});

/**
 * A public reply on the report's page, signed by the person ("Nome Cognome — Titolo") or as the comune,
 * optionally from a saved template and with photos or documents; followers are emailed the text.
 */
export async function replyPublicly({ ctx, input, files = [] }: { ctx: Ctx; input: z.input<typeof replyPubliclyInput>; files?: IncomingFile[] }) {
  const staff = guardStaffWrite(ctx, "reports.reply_public");
  const data = parseInput(replyPubliclyInput, input);
  const stored = await storeFiles(staff.tenant.id, files);
  try {
    return await withTenant(staff.tenant.id, async (tx) => {
      const report = await lockReport(tx, staff, data.reportId);
      let body = data.body;
      if (data.templateId) {
        const [template] = await tx
          .select({ body: responseTemplates.body })
          .from(responseTemplates)
          .where(and(eq(responseTemplates.tenantId, staff.tenant.id), eq(responseTemplates.id, data.templateId)));
        if (!template) throw new ValidationError("validation", { templateId: ["template_invalid"] });
        body ??= template.body;
      }
      if (!body) throw new ValidationError("validation", { body: ["message_required"] });
      const author = signature(staff, data.signAs, italianText(`roles.${staff.actor.role}`));
      const step = await recordStep(tx, staff, report, {
        event: { type: "public_reply", visibility: "public", body, actorLabel: author, data: { templateId: data.templateId ?? null, files: stored.length } },
        audit: { action: "report.reply_public", data: { templateId: data.templateId ?? null, signAs: data.signAs } },
        notice: { template: "reportReply", values: { author }, quote: body },
      });
      await linkFiles(tx, staff.tenant.id, report.id, step.eventId, stored, report.isPublic);
      return step;
    });
  } catch (error) {
    await discardFiles(stored);
    throw error;
  }
}
