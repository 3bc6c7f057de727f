import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { getBillingAccount } from "./invoicing-data";
import { getStripe } from "./stripe";

/** A Stripe Customer Portal session (payment methods, invoices, cancellation) for the comune's customer. */
export async function openBillingPortal({ ctx }: { ctx: Ctx }): Promise<{ url: string }> {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("billing.manage");
  requirePermission(ctx.actor, "billing.manage");
  const account = await getBillingAccount(ctx.tenant.id);
  if (!account?.stripeCustomerId) throw new ValidationError("no_customer");
  const session = await getStripe().billingPortal.sessions.create({
    customer: account.stripeCustomerId,
    return_url: `${tenantBaseUrl(ctx.tenant.slug)}/ufficio/abbonamento`,
    locale: "it",
  });
  return { url: session.url };
}
