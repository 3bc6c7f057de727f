import { eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { billingAccounts } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { customerDetails } from "./customer";
import { getBillingAccount, hasInvoicingData } from "./invoicing-data";
import { tenantPlan } from "./tenant-plan";
import { getStripe } from "./stripe";
import { recordAudit } from "@/lib/audit/record-audit";

export const startCheckoutInput = z.object({ interval: z.enum(["month", "year"]) });

/**
 * Opens a Stripe Checkout session for the comune's plan (chosen by vendor staff, else its population tier) and returns its URL. The Stripe
 * customer is created once (idempotency key per comune, so a double click cannot make two) and stored
 * before the session; network calls happen outside any transaction. The subscription carries the tenant id
 * in its metadata, which is how the webhook finds the comune.
 */
export async function startCheckout({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.input<typeof startCheckoutInput>;
}): Promise<{ url: string }> {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("billing.manage");
  requirePermission(ctx.actor, "billing.manage");
  const parsed = startCheckoutInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("validation", { interval: ["invalid"] });
  const { tenant, actor } = ctx;
  const account = await getBillingAccount(tenant.id);
  if (!hasInvoicingData(account)) throw new ValidationError("invoicing_data_required");
  if (
    account?.stripeSubscriptionId &&
    ["active", "trialing", "past_due"].includes(account.subscriptionStatus ?? "")
  ) {
    throw new ConflictError("already_subscribed");
  }
  const plan = await tenantPlan(tenant.id);
  const stripe = getStripe();
  let customerId = account!.stripeCustomerId;
  if (!customerId) {
    const customer = await stripe.customers.create(customerDetails(tenant.id, account!, actor), {
      idempotencyKey: `piazza-customer-${tenant.id}`,
    });
    customerId = customer.id;
    await withTenant(tenant.id, (tx) =>
      tx
        .update(billingAccounts)
        .set({ stripeCustomerId: customerId, updatedAt: new Date() })
        .where(eq(billingAccounts.tenantId, tenant.id)),
    );
  }
  const base = tenantBaseUrl(tenant.slug);
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    customer: customerId,
    client_reference_id: tenant.id,
    line_items: [{ price: plan.priceIds[parsed.data.interval], quantity: 1 }],
    subscription_data: { metadata: { tenant_id: tenant.id, plan: plan.id } },
    metadata: { tenant_id: tenant.id },
    locale: "it",
    success_url: `${base}/ufficio/abbonamento?esito=ok`,
    cancel_url: `${base}/ufficio/abbonamento?esito=annullato`,
  });
  if (!session.url) throw new Error("Stripe checkout session without url");
  await withTenant(tenant.id, (tx) =>
    recordAudit(tx, ctx, actor, {
      action: "billing.checkout_started",
      targetType: "billing_account",
      targetId: tenant.id,
      data: { plan: plan.id, interval: parsed.data.interval, session: session.id },
    }),
  );
  return { url: session.url };
}
