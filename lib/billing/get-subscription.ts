import { and, desc, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { billingAccounts, invoices } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { tenantPlan } from "./tenant-plan";
import { ForbiddenError } from "@/lib/errors";
import type { Plan } from "./plans";

export type SubscriptionView = {
  account: typeof billingAccounts.$inferSelect | null;
  invoices: (typeof invoices.$inferSelect)[];
  /** The plan the comune is (or would be) on: the one set by vendor staff or its subscription, else its tier. */
  plan: Plan;
};

/** What /ufficio/abbonamento shows: the billing mirror and the last invoices (admins only). */
export async function getSubscription({ ctx }: { ctx: Ctx }): Promise<SubscriptionView> {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("billing.manage");
  requirePermission(ctx.actor, "billing.manage");
  const tenantId = ctx.tenant.id;
  const plan = await tenantPlan(tenantId);
  return withTenant(tenantId, async (tx) => {
    const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
    const list = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.tenantId, tenantId)))
      .orderBy(desc(invoices.createdAt))
      .limit(24);
    return { account: account ?? null, invoices: list, plan };
  });
}
