import { eq } from "drizzle-orm";
import { z } from "zod";
import { billingAccounts, tenants } from "@/db/schema";
// System handle: vendor console action on platform and billing rows (permission checked first).
import { getSystemDb } from "@/db/system";
import { getPlan, PLAN_IDS } from "@/lib/billing/plans";
import { getStripe } from "@/lib/billing/stripe";
import { toValidationError } from "@/lib/reports/create-report";
import { auditVendorAction } from "./audit";
import { lockTenant, reasonSchema } from "./load-tenant";
import { requireVendorPermission, type VendorCtx } from "./permissions";
import { writingTenants } from "@/lib/tenancy/get-tenant";

export const changePlanInput = z.object({ tenantId: z.string(), plan: z.enum(PLAN_IDS), reason: reasonSchema });

/**
 * Moves a comune to another tier. With a live Stripe subscription the subscription's price is changed at
 * Stripe (prorated; called before the transaction, never inside it) and the webhook updates the mirror; the
 * tenant row and the audit are written here either way.
 */
export async function changePlan({ ctx, input }: { ctx: VendorCtx; input: z.input<typeof changePlanInput> }): Promise<void> {
  const actor = requireVendorPermission(ctx, "billing.manage");
  const parsed = changePlanInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { tenantId, plan, reason } = parsed.data;
  const db = await getSystemDb();
  const current = await db.transaction((tx) => lockTenant(tx, tenantId));
  const [account] = await db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, current.id));
  let stripeChanged = false;
  if (account?.stripeSubscriptionId && account.subscriptionStatus && !["canceled", "incomplete_expired"].includes(account.subscriptionStatus)) {
    const stripe = getStripe();
    const subscription = await stripe.subscriptions.retrieve(account.stripeSubscriptionId);
    const item = subscription.items.data[0];
    if (item) {
      const price = getPlan(plan).priceIds[account.interval === "year" ? "year" : "month"];
      await stripe.subscriptions.update(subscription.id, { items: [{ id: item.id, price }], proration_behavior: "create_prorations", metadata: { tenant_id: current.id, plan } });
      stripeChanged = true;
    }
  }
  await writingTenants(db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, tenantId);
    await tx.update(tenants).set({ plan, updatedAt: new Date() }).where(eq(tenants.id, tenant.id));
    await auditVendorAction(tx, actor, "vendor.plan_changed", { tenantId: tenant.id, data: { from: tenant.plan, to: plan, reason, stripe: stripeChanged }, ip: ctx.ip });
  }));
}
