import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { auditEvents, billingAccounts, tenants } from "@/db/schema";
// System handle: the sweep looks at every comune's billing state at once.
import { getSystemDb } from "@/db/system";
import { GRACE_DAYS } from "./plans";
import { BILLING_REASON } from "./status";
import { writingTenants } from "@/lib/tenancy/get-tenant";

/**
 * Time-driven transitions Stripe does not announce: a trial that ended without a subscription, and a
 * past-due comune whose grace period is over, become suspended (public notice, back office read-only except
 * billing). Idempotent; run periodically (lib/billing/sweeper.ts) and safe on several instances.
 */
export async function sweepBillingStatuses(now = new Date()): Promise<{ suspended: string[] }> {
  const db = await getSystemDb();
  const graceCutoff = new Date(now.getTime() - GRACE_DAYS * 24 * 60 * 60 * 1000);
  return writingTenants(db.transaction(async (tx) => {
    const expiredTrials = await tx
      .select({ id: tenants.id, status: tenants.status })
      .from(tenants)
      .leftJoin(billingAccounts, eq(billingAccounts.tenantId, tenants.id))
      .where(
        and(
          eq(tenants.status, "trialing"),
          lt(tenants.trialEndsAt, now),
          or(isNull(billingAccounts.subscriptionStatus), inArray(billingAccounts.subscriptionStatus, ["canceled", "incomplete", "incomplete_expired"])),
        ),
      )
      .for("update", { of: tenants, skipLocked: true });
    const graceOver = await tx
      .select({ id: tenants.id, status: tenants.status })
      .from(tenants)
      .innerJoin(billingAccounts, eq(billingAccounts.tenantId, tenants.id))
      .where(and(eq(tenants.status, "past_due"), lt(billingAccounts.pastDueSince, graceCutoff)))
      .for("update", { of: tenants, skipLocked: true });
    const suspended: string[] = [];
    for (const [rows, reason] of [
      [expiredTrials, "trial_expired"],
      [graceOver, "grace_expired"],
    ] as const) {
      for (const t of rows) {
        await tx
          .update(tenants)
          .set({ status: "suspended", statusReason: `${BILLING_REASON}${reason}`, updatedAt: sql`now()` })
          .where(eq(tenants.id, t.id));
        await tx.insert(auditEvents).values({
          tenantId: t.id,
          actorKind: "system",
          action: "billing.status_changed",
          targetType: "tenant",
          targetId: t.id,
          data: { from: t.status, to: "suspended", reason },
        });
        suspended.push(t.id);
      }
    }
    return { suspended };
  }));
}
