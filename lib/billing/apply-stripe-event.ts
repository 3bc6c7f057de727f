import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { auditEvents, billingAccounts, invoices, stripeEvents, tenants, type TenantStatus } from "@/db/schema";
// System handle: webhooks arrive without a tenant; the tenant is found from the event's metadata/customer.
import { getSystemDb } from "@/db/system";
import { logger } from "@/lib/logger";
import { planForPriceId } from "./plans";
import { BILLING_REASON, canBillingChangeStatus } from "./status";
import { writingTenants } from "@/lib/tenancy/get-tenant";

export type ApplyResult = "applied" | "duplicate" | "stale" | "ignored";

const HANDLED = new Set([
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
  "invoice.finalized",
]);

/** Subscription statuses in which a subscription is the comune's current one. */
const LIVE = new Set(["trialing", "active", "past_due", "unpaid", "paused"]);
/** Invoice statuses that are final: a late event can never move an invoice out of them. */
const FINAL_INVOICE = new Set(["paid", "void", "uncollectible"]);

/**
 * Applies one verified Stripe event, exactly once and in one transaction: the event id is inserted first
 * (a replay conflicts and is a no-op), then the mirror and the comune's status change together.
 *
 * Events may arrive out of order, so ordering is kept per object:
 * - the subscription snapshot (plan, interval, id, period end, status) is replaced only by an event at least
 *   as new as the last one applied to that subscription (billing_accounts.subscription_event_created);
 * - each invoice row only moves forward (invoices.last_event_created, and paid/void/uncollectible are final);
 * - the comune's service status and grace period follow the newest status-bearing event of either kind
 *   (billing_accounts.last_event_created), so an old event never undoes a newer payment or failure.
 * An older subscription event arriving after a newer invoice event still stores the subscription.
 */
export async function applyStripeEvent(event: Stripe.Event): Promise<ApplyResult> {
  const db = await getSystemDb();
  return writingTenants(db.transaction(async (tx) => {
    const object = event.data.object as { created?: number };
    const inserted = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, objectCreated: typeof object.created === "number" ? object.created : null })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (inserted.length === 0) return "duplicate";
    if (!HANDLED.has(event.type)) return "ignored";

    const tenantId = await tenantOf(tx, event);
    if (!tenantId) {
      logger.warn("stripe event for unknown tenant", { id: event.id, type: event.type });
      return "ignored";
    }
    const [found] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId)).for("update");
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!tenant) return "ignored";
    const account = found ?? (await tx.insert(billingAccounts).values({ tenantId }).returning())[0]!;
    // Same-second events are applied in arrival order (Stripe's `created` has one-second resolution).
    const statusFresh = account.lastEventCreated == null || event.created >= account.lastEventCreated;

    switch (event.type) {
      case "checkout.session.completed": {
        const session = event.data.object as Stripe.Checkout.Session;
        await tx
          .update(billingAccounts)
          .set({
            stripeCustomerId: account.stripeCustomerId ?? idOf(session.customer),
            // The subscription's own events may already have arrived: never replace a live one.
            stripeSubscriptionId: account.stripeSubscriptionId && LIVE.has(account.subscriptionStatus ?? "") ? account.stripeSubscriptionId : (idOf(session.subscription) ?? account.stripeSubscriptionId),
            updatedAt: new Date(),
          })
          .where(eq(billingAccounts.tenantId, tenantId));
        return "applied";
      }
      case "customer.subscription.created":
      case "customer.subscription.updated":
      case "customer.subscription.deleted": {
        const sub = event.data.object as Stripe.Subscription;
        const status = event.type === "customer.subscription.deleted" ? "canceled" : sub.status;
        if (!subscriptionEventApplies(account, sub.id, status, event.created)) return "stale";
        const item = sub.items?.data?.[0];
        const known = planForPriceId(item?.price?.id);
        await tx
          .update(billingAccounts)
          .set({
            stripeCustomerId: idOf(sub.customer) ?? account.stripeCustomerId,
            stripeSubscriptionId: sub.id,
            plan: known?.plan.id ?? account.plan,
            interval: known?.interval ?? account.interval,
            subscriptionStatus: status,
            currentPeriodEnd: item?.current_period_end ? new Date(item.current_period_end * 1000) : null,
            cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end),
            subscriptionEventCreated: event.created,
            ...(statusFresh
              ? { pastDueSince: status === "past_due" ? (account.pastDueSince ?? new Date(event.created * 1000)) : null, lastEventCreated: event.created }
              : {}),
            updatedAt: new Date(),
          })
          .where(eq(billingAccounts.tenantId, tenantId));
        await setStatus(tx, tenant, statusFresh ? tenantStatusFor(status) : null, known?.plan.id ?? tenant.plan, event);
        return "applied";
      }
      case "invoice.paid":
      case "invoice.payment_failed":
      case "invoice.finalized": {
        const invoice = event.data.object as Stripe.Invoice;
        const invoiceFresh = await mirrorInvoice(tx, tenantId, invoice, event.created);
        if (event.type === "invoice.finalized") return invoiceFresh ? "applied" : "stale";
        if (!invoiceFresh || !statusFresh) return "stale";
        if (event.type === "invoice.paid") {
          await tx
            .update(billingAccounts)
            .set({ pastDueSince: null, lastEventCreated: event.created, updatedAt: new Date() })
            .where(eq(billingAccounts.tenantId, tenantId));
          if (tenant.status === "past_due" || tenant.status === "suspended" || tenant.status === "trialing") {
            await setStatus(tx, tenant, "active", tenant.plan, event);
          }
        } else {
          await tx
            .update(billingAccounts)
            .set({
              pastDueSince: account.pastDueSince ?? new Date(event.created * 1000),
              lastEventCreated: event.created,
              updatedAt: new Date(),
            })
            .where(eq(billingAccounts.tenantId, tenantId));
          if (tenant.status === "active" || tenant.status === "trialing") {
            await setStatus(tx, tenant, "past_due", tenant.plan, event);
          }
        }
        return "applied";
      }
    }
    return "ignored";
  }));
}

/**
 * Whether a subscription event may replace the mirrored snapshot: for the same subscription, when it is at
 * least as new as the last one applied; for another subscription, when the mirrored one is no longer live
 * (a new subscription after a cancellation), or when it is live, newer, and the incoming one is live too.
 * The late end of an old subscription never cancels the comune's current one.
 */
export function subscriptionEventApplies(
  account: Pick<typeof billingAccounts.$inferSelect, "stripeSubscriptionId" | "subscriptionStatus" | "subscriptionEventCreated">,
  subscriptionId: string,
  status: string,
  created: number,
): boolean {
  const newer = account.subscriptionEventCreated == null || created >= account.subscriptionEventCreated;
  if (!account.stripeSubscriptionId || account.stripeSubscriptionId === subscriptionId) return newer;
  if (!LIVE.has(account.subscriptionStatus ?? "")) return true;
  return newer && LIVE.has(status);
}

/** Stripe subscription status → the comune's service status (null: leave it as it is). */
export function tenantStatusFor(subscriptionStatus: string): TenantStatus | null {
  switch (subscriptionStatus) {
    case "active":
      return "active";
    case "trialing":
      return "trialing";
    case "past_due":
      return "past_due";
    case "unpaid":
    case "paused":
      return "suspended";
    case "canceled":
      return "cancelled";
    default:
      // incomplete / incomplete_expired: the first payment never succeeded; nothing changes for the comune.
      return null;
  }
}

async function setStatus(tx: Tx, tenant: typeof tenants.$inferSelect, next: TenantStatus | null, plan: string | null, event: Stripe.Event) {
  const planChanged = plan !== tenant.plan;
  const statusChanges = next !== null && next !== tenant.status && canBillingChangeStatus(tenant);
  if (!statusChanges && !planChanged) return;
  const status = statusChanges ? next! : tenant.status;
  await tx
    .update(tenants)
    .set({
      status,
      plan,
      statusReason: statusChanges ? (status === "suspended" || status === "cancelled" ? `${BILLING_REASON}${event.type}` : null) : tenant.statusReason,
      updatedAt: new Date(),
    })
    .where(eq(tenants.id, tenant.id));
  if (statusChanges) {
    await tx.insert(auditEvents).values({
      tenantId: tenant.id,
      actorKind: "system",
      action: "billing.status_changed",
      targetType: "tenant",
      targetId: tenant.id,
      data: { from: tenant.status, to: status, stripeEvent: event.id, type: event.type },
    });
  }
}

/**
 * Upserts an invoice by id; returns false when the event is older than the last one applied to that invoice
 * or would move a final invoice (paid, void, uncollectible) back to draft/open — nothing is written then.
 */
async function mirrorInvoice(tx: Tx, tenantId: string, invoice: Stripe.Invoice, created: number): Promise<boolean> {
  const row = {
    tenantId,
    id: invoice.id!,
    number: invoice.number ?? null,
    status: invoice.status ?? "draft",
    currency: invoice.currency,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    periodStart: invoice.period_start ? new Date(invoice.period_start * 1000) : null,
    periodEnd: invoice.period_end ? new Date(invoice.period_end * 1000) : null,
    createdAt: new Date(invoice.created * 1000),
    lastEventCreated: created,
  };
  const [existing] = await tx
    .select({ status: invoices.status, lastEventCreated: invoices.lastEventCreated })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, row.id)))
    .for("update");
  if (!existing) {
    await tx.insert(invoices).values(row);
    return true;
  }
  const older = existing.lastEventCreated != null && created < existing.lastEventCreated;
  const regresses = FINAL_INVOICE.has(existing.status) && !FINAL_INVOICE.has(row.status);
  if (older || regresses) return false;
  await tx
    .update(invoices)
    .set({
      number: row.number,
      status: row.status,
      amountDue: row.amountDue,
      amountPaid: row.amountPaid,
      hostedInvoiceUrl: row.hostedInvoiceUrl,
      invoicePdf: row.invoicePdf,
      lastEventCreated: created,
    })
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, row.id)));
  return true;
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The comune an event is about: Piazza's own metadata first, then the mirrored customer id. */
async function tenantOf(tx: Tx, event: Stripe.Event): Promise<string | null> {
  const object = event.data.object as {
    metadata?: Record<string, string> | null;
    client_reference_id?: string | null;
    customer?: string | { id: string } | null;
  };
  const candidate = object.metadata?.tenant_id ?? object.client_reference_id ?? null;
  if (candidate && UUID.test(candidate)) {
    const [t] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, candidate));
    if (t) return t.id;
  }
  const customer = idOf(object.customer);
  if (!customer) return null;
  const [account] = await tx
    .select({ tenantId: billingAccounts.tenantId })
    .from(billingAccounts)
    .where(and(eq(billingAccounts.stripeCustomerId, customer)));
  return account?.tenantId ?? null;
}
