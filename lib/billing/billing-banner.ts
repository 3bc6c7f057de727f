import { eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { billingAccounts } from "@/db/schema";
import type { Tenant } from "@/lib/tenancy/get-tenant";
import { GRACE_DAYS } from "./plans";

export type BillingBanner =
  | { kind: "trial"; endsAt: Date; daysLeft: number }
  | { kind: "past_due"; graceEndsAt: Date }
  | { kind: "suspended" }
  | null;

const DAY = 24 * 60 * 60 * 1000;

/**
 * What the back office should announce about billing (for its layout): trial ending within 10 days, a
 * failed payment with the date service will be suspended, or read-only service. Null when all is well.
 */
export async function getBillingBanner(tenant: Pick<Tenant, "id" | "status" | "trialEndsAt">, now = new Date()): Promise<BillingBanner> {
  if (tenant.status === "suspended" || tenant.status === "cancelled") return { kind: "suspended" };
  if (tenant.status === "trialing" && tenant.trialEndsAt) {
    const daysLeft = Math.max(0, Math.ceil((tenant.trialEndsAt.getTime() - now.getTime()) / DAY));
    return daysLeft <= 10 ? { kind: "trial", endsAt: tenant.trialEndsAt, daysLeft } : null;
  }
  if (tenant.status !== "past_due") return null;
  const since = await withTenant(tenant.id, async (tx) => {
    const [row] = await tx.select({ pastDueSince: billingAccounts.pastDueSince }).from(billingAccounts).where(eq(billingAccounts.tenantId, tenant.id));
    return row?.pastDueSince ?? null;
  });
  return { kind: "past_due", graceEndsAt: new Date((since ?? now).getTime() + GRACE_DAYS * DAY) };
}
