import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { reportFollowers, reports } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { verifyLinkToken } from "@/lib/reports/links";

export const unfollowReportInput = z.object({ followerId: z.string().uuid(), token: z.string().min(1).max(100) });
type UnfollowInput = z.input<typeof unfollowReportInput>;

/**
 * Guards the unsubscribe link: the token must be bound to this follower id, and the follower must belong
 * to this comune (RLS + explicit filter). Anything else is NotFoundError. Runs `fn` in the same transaction.
 */
async function withLinkedFollower<T>(
  ctx: Ctx,
  input: UnfollowInput,
  fn: (tx: Tx, follower: { id: string; code: string; unsubscribedAt: Date | null }) => Promise<T>,
): Promise<T> {
  const parsed = unfollowReportInput.safeParse(input);
  if (!parsed.success || !verifyLinkToken("unsubscribe", parsed.data.followerId, parsed.data.token)) {
    throw new NotFoundError("follower");
  }
  const { tenant } = ctx;
  return withTenant(tenant.id, async (tx) => {
    const [follower] = await tx
      .select({ id: reportFollowers.id, code: reports.code, unsubscribedAt: reportFollowers.unsubscribedAt })
      .from(reportFollowers)
      .innerJoin(reports, and(eq(reports.tenantId, reportFollowers.tenantId), eq(reports.id, reportFollowers.reportId)))
      .where(and(eq(reportFollowers.tenantId, tenant.id), eq(reportFollowers.id, parsed.data.followerId)));
    if (!follower) throw new NotFoundError("follower");
    return fn(tx, follower);
  });
}

/**
 * One-click unsubscribe from the link in every follower email (token bound to the follower id). Works for
 * the reporter too; idempotent (a second click changes nothing). A wrong token or another comune's
 * follower is NotFoundError.
 */
export async function unfollowReport({ ctx, input }: { ctx: Ctx; input: UnfollowInput }): Promise<{ code: string }> {
  return withLinkedFollower(ctx, input, async (tx, follower) => {
    await tx
      .update(reportFollowers)
      .set({ unsubscribedAt: new Date() })
      .where(
        and(eq(reportFollowers.tenantId, ctx.tenant.id), eq(reportFollowers.id, follower.id), isNull(reportFollowers.unsubscribedAt)),
      );
    return { code: follower.code };
  });
}

/** For the confirmation page (GET): checks the link without changing anything. */
export async function checkUnfollowLink({ ctx, input }: { ctx: Ctx; input: UnfollowInput }) {
  return withLinkedFollower(ctx, input, async (_tx, follower) => ({
    code: follower.code,
    alreadyUnsubscribed: follower.unsubscribedAt !== null,
  }));
}
