import { and, desc, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { billingAccounts, invoices } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { ForbiddenError } from "@/lib/errors";
import { getPlan, isPlanId, planForPopulation, type Plan } from "./plans";

export type SubscriptionView = {
  account: typeof billingAccounts.$inferSelect | null;
  invoices: (typeof invoices.$inferSelect)[];
  /** The tier the comune is (or would be) on. */
  plan: Plan;
};

/** What /ufficio/abbonamento shows: the billing mirror and the last invoices (admins only). */
export async function getSubscription({ ctx, population }: { ctx: Ctx; population: number | null }): Promise<SubscriptionView> {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("billing.manage");
  requirePermission(ctx.actor, "billing.manage");
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
    const list = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.tenantId, tenantId)))
      .orderBy(desc(invoices.createdAt))
      .limit(24);
    const plan = isPlanId(account?.plan) ? getPlan(account.plan) : planForPopulation(population);
    return { account: account ?? null, invoices: list, plan };
  });
}
