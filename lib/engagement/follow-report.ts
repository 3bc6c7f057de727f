import { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { reportFollowers } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { toValidationError } from "@/lib/reports/create-report";
import { findPublicReport } from "@/lib/reports/get-public-report";
import { RATE_LIMITS } from "@/lib/security/rate-limit";
import { assertWritable, optionalEmailInput, holdForConfirmation, limitPublicAction } from "./shared";

export const followReportInput = z.object({ code: z.string().trim().min(1).max(40), email: optionalEmailInput });
export type FollowReportInput = z.input<typeof followReportInput>;
export type FollowResult = { status: "pending_confirmation" | "following" };

/**
 * Anyone may follow a public report by email. Without an account the follow waits for the emailed link
 * (whoever types an address must own it); a signed-in citizen follows at once. The answer is the same
 * whether or not the address already follows, so it reveals nothing about other people.
 */
export async function followReport({ ctx, input }: { ctx: Ctx; input: FollowReportInput }): Promise<FollowResult> {
  assertWritable(ctx);
  const parsed = followReportInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { actor, tenant } = ctx;
  const email = actor.kind === "citizen" ? actor.email.toLowerCase() : parsed.data.email;
  if (!email) throw toValidationError(new z.ZodError([{ code: "custom", path: ["email"], message: "email_required", input: undefined }]));
  await limitPublicAction(ctx, "follow", email, { perIp: RATE_LIMITS.commentPerIp, perEmail: RATE_LIMITS.commentPerEmail });
  return withTenant(tenant.id, async (tx) => {
    const report = await findPublicReport(tx, tenant.id, parsed.data.code);
    if (actor.kind === "citizen") {
      await activateFollower(tx, tenant.id, report.id, email, actor.userId);
      return { status: "following" };
    }
    await holdForConfirmation(tx, tenant, { purpose: "follow", email, report, template: "emails.followConfirm" });
    return { status: "pending_confirmation" };
  });
}

/** Creates or re-activates (after an unsubscribe) the follower row of an address; idempotent. */
export async function activateFollower(tx: Tx, tenantId: string, reportId: string, email: string, userId: string | null) {
  const now = new Date();
  const [row] = await tx
    .insert(reportFollowers)
    .values({ tenantId, reportId, email, userId, confirmedAt: now })
    .onConflictDoUpdate({
      target: [reportFollowers.tenantId, reportFollowers.reportId, reportFollowers.email],
      set: { confirmedAt: now, unsubscribedAt: null },
    })
    .returning({ id: reportFollowers.id });
  return row!;
}
