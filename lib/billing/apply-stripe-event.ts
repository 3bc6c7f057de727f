import { and, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { auditEvents, billingAccounts, invoices, stripeEvents, tenants, type TenantStatus } from "@/db/schema";
// System handle: webhooks arrive without a tenant; the tenant is found from the event's metadata/customer.
import { getSystemDb } from "@/db/system";
import { logger } from "@/lib/logger";
import { planForPriceId } from "./plans";
import { BILLING_REASON, canBillingChangeStatus } from "./status";

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

/**
 * Applies one verified Stripe event, exactly once and in one transaction: the event id is inserted first
 * (a replay conflicts and is a no-op), then the mirror and the comune's status change together. Events may
 * arrive out of order: a subscription snapshot or status-changing invoice event older than the newest one
 * already applied (billing_accounts.last_event_created) only updates what cannot regress (invoice rows).
 */
export async function applyStripeEvent(event: Stripe.Event): Promise<ApplyResult> {
  const db = await getSystemDb();
  return db.transaction(async (tx) => {
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
    const [account] = await tx
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.tenantId, tenantId))
      .for("update");
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!tenant) return "ignored";
    if (!account) await tx.insert(billingAccounts).values({ tenantId });
    // Same-second events are applied in arrival order (Stripe's `created` has one-second resolution).
    const fresh = account?.lastEventCreated == null || event.created >= account.lastEventCreated;

    switch (event.type) {
      case "checkout.session.completed": {
        const session = event.data.object as Stripe.Checkout.Session;
        await tx
          .update(billingAccounts)
          .set({
            stripeCustomerId: idOf(session.customer) ?? account?.stripeCustomerId ?? null,
            stripeSubscriptionId: idOf(session.subscription) ?? account?.stripeSubscriptionId ?? null,
            updatedAt: new Date(),
          })
          .where(eq(billingAccounts.tenantId, tenantId));
        return "applied";
      }
      case "customer.subscription.created":
      case "customer.subscription.updated":
      case "customer.subscription.deleted": {
        if (!fresh) return "stale";
        const sub = event.data.object as Stripe.Subscription;
        const item = sub.items?.data?.[0];
        const known = planForPriceId(item?.price?.id);
        const status = event.type === "customer.subscription.deleted" ? "canceled" : sub.status;
        await tx
          .update(billingAccounts)
          .set({
            stripeCustomerId: idOf(sub.customer),
            stripeSubscriptionId: sub.id,
            plan: known?.plan.id ?? account?.plan ?? null,
            interval: known?.interval ?? account?.interval ?? null,
            subscriptionStatus: status,
            currentPeriodEnd: item?.current_period_end ? new Date(item.current_period_end * 1000) : null,
            cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end),
            pastDueSince: status === "past_due" ? (account?.pastDueSince ?? new Date(event.created * 1000)) : null,
            lastEventCreated: event.created,
            updatedAt: new Date(),
          })
          .where(eq(billingAccounts.tenantId, tenantId));
        const next = tenantStatusFor(status);
        await setStatus(tx, tenant, next, known?.plan.id ?? tenant.plan, event);
        return "applied";
      }
      case "invoice.paid":
      case "invoice.payment_failed":
      case "invoice.finalized": {
        const invoice = event.data.object as Stripe.Invoice;
        await mirrorInvoice(tx, tenantId, invoice);
        if (event.type === "invoice.finalized") return "applied";
        if (!fresh) return "stale";
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
              pastDueSince: account?.pastDueSince ?? new Date(event.created * 1000),
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
  });
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

async function mirrorInvoice(tx: Tx, tenantId: string, invoice: Stripe.Invoice) {
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
  };
  // A late "finalized" (open) must never turn a paid or voided invoice back into an open one.
  await tx
    .insert(invoices)
    .values(row)
    .onConflictDoUpdate({
      target: [invoices.tenantId, invoices.id],
      set: {
        number: row.number,
        status: sql`case when ${invoices.status} in ('paid', 'void', 'uncollectible') then ${invoices.status} else ${row.status} end`,
        amountDue: row.amountDue,
        amountPaid: sql`greatest(${invoices.amountPaid}, ${row.amountPaid})`,
        hostedInvoiceUrl: row.hostedInvoiceUrl,
        invoicePdf: row.invoicePdf,
      },
    });
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
