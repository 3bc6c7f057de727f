import { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { reportEvents } from "@/db/schema";
import type { Ctx, TenantRef } from "@/lib/context";
import { ConflictError } from "@/lib/errors";
import { toValidationError } from "@/lib/reports/create-report";
import { findPublicReport } from "@/lib/reports/get-public-report";
import { RATE_LIMITS } from "@/lib/security/rate-limit";
import { assertWritable, optionalEmailInput, holdForConfirmation, limitPublicAction } from "./shared";

export const COMMENT_MAX = 1000;

export const commentOnReportInput = z.object({
  code: z.string().trim().min(1).max(40),
  email: optionalEmailInput,
  body: z.string().trim().min(3, "comment_too_short").max(COMMENT_MAX, "too_long"),
});
export type CommentOnReportInput = z.input<typeof commentOnReportInput>;
export type CommentResult = { status: "pending_confirmation" | "published" };

/**
 * A citizen comments on a public report. Without an account the comment is held until the emailed link is
 * clicked; a signed-in citizen's comment is published at once. Refused when the category (or the comune)
 * has comments off. Rate limited per IP and per address; the text is stored and always shown as text.
 */
export async function commentOnReport({ ctx, input }: { ctx: Ctx; input: CommentOnReportInput }): Promise<CommentResult> {
  assertWritable(ctx);
  const parsed = commentOnReportInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { actor, tenant } = ctx;
  const email = actor.kind === "citizen" ? actor.email.toLowerCase() : parsed.data.email;
  if (!email) throw toValidationError(new z.ZodError([{ code: "custom", path: ["email"], message: "email_required", input: undefined }]));
  await limitPublicAction(ctx, "comment", email, { perIp: RATE_LIMITS.commentPerIp, perEmail: RATE_LIMITS.commentPerEmail });
  return withTenant(tenant.id, async (tx) => {
    const report = await findPublicReport(tx, tenant.id, parsed.data.code);
    assertCommentsOpen(tenant, report);
    if (actor.kind === "citizen") {
      await publishComment(tx, tenant.id, report.id, parsed.data.body, actor.userId);
      return { status: "published" };
    }
    await holdForConfirmation(tx, tenant, {
      purpose: "comment",
      email,
      report,
      payload: { body: parsed.data.body },
      template: "emails.commentConfirm",
      quote: parsed.data.body,
    });
    return { status: "pending_confirmation" };
  });
}

export function assertCommentsOpen(tenant: Pick<TenantRef, "settings">, category: { commentsEnabled: boolean }): void {
  if (!category.commentsEnabled || tenant.settings?.commentsEnabled === false) throw new ConflictError("comments_disabled");
}

/** Writes a citizen comment as a public timeline event (signed "Cittadino" when shown). */
export async function publishComment(tx: Tx, tenantId: string, reportId: string, body: string, userId: string | null) {
  const [event] = await tx
    .insert(reportEvents)
    .values({ tenantId, reportId, type: "comment", visibility: "public", actorUserId: userId, body })
    .returning({ id: reportEvents.id });
  return event!;
}
