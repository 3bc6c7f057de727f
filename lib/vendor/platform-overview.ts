import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import { billingAccounts, tenants } from "@/db/schema";
// System handle: platform-wide figures (vendor staff only, checked first).
import { getSystemDb } from "@/db/system";
import { mrrCents } from "@/lib/billing/plans";
import { countsForMrr } from "./list-tenants";
import { requireVendorPermission, vendorCan, type VendorCtx } from "./permissions";

export type PlatformOverview = {
  activeComuni: number;
  trialing: number;
  /** Null for vendor roles without billing.read (support): they never see money figures. */
  mrrCents: number | null;
  trialsEndingThisWeek: { id: string; name: string; slug: string; trialEndsAt: Date | null }[];
  pastDue: { id: string; name: string; slug: string; pastDueSince: Date | null }[];
  suspended: number;
};

/** The console's home: active comuni, MRR, trials ending within 7 days, comuni with a failed payment. */
export async function getPlatformOverview({ ctx, now = new Date() }: { ctx: VendorCtx; now?: Date }): Promise<PlatformOverview> {
  const actor = requireVendorPermission(ctx, "tenants.read");
  const db = await getSystemDb();
  const all = await db
    .select({ status: tenants.status, plan: tenants.plan, interval: billingAccounts.interval })
    .from(tenants)
    .leftJoin(billingAccounts, eq(billingAccounts.tenantId, tenants.id));
  const weekAhead = new Date(now.getTime() + 7 * 24 * 3600 * 1000);
  const trialsEndingThisWeek = await db
    .select({ id: tenants.id, name: tenants.name, slug: tenants.slug, trialEndsAt: tenants.trialEndsAt })
    .from(tenants)
    .where(and(eq(tenants.status, "trialing"), gte(tenants.trialEndsAt, now), lte(tenants.trialEndsAt, weekAhead)))
    .orderBy(asc(tenants.trialEndsAt));
  const pastDue = await db
    .select({ id: tenants.id, name: tenants.name, slug: tenants.slug, pastDueSince: billingAccounts.pastDueSince })
    .from(tenants)
    .leftJoin(billingAccounts, eq(billingAccounts.tenantId, tenants.id))
    .where(inArray(tenants.status, ["past_due"]))
    .orderBy(asc(billingAccounts.pastDueSince));
  return {
    activeComuni: all.filter((t) => ["active", "trialing", "past_due"].includes(t.status)).length,
    trialing: all.filter((t) => t.status === "trialing").length,
    suspended: all.filter((t) => t.status === "suspended").length,
    mrrCents: vendorCan(actor.role, "billing.read") ? all.reduce((sum, t) => sum + (countsForMrr(t.status) ? mrrCents(t.plan, t.interval) : 0), 0) : null,
    trialsEndingThisWeek,
    pastDue,
  };
}
