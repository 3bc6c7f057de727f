import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const STRIPE = vi.hoisted(() => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  process.env.STRIPE_SECRET_KEY = "sk_test_piazza";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_test_piazza";
  process.env.STRIPE_API_HOST = "127.0.0.1";
  process.env.STRIPE_API_PORT = String(port);
  process.env.STRIPE_API_PROTOCOL = "http";
  return { port, secret: "whsec_test_piazza" };
});

import { POST } from "@/app/api/stripe/webhook/route";
import { closeDb } from "@/db/client";
import { auditEvents, billingAccounts, invoices, stripeEvents, tenants } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { updateInvoicingData } from "@/lib/billing/invoicing-data";
import { openBillingPortal } from "@/lib/billing/open-portal";
import { startCheckout } from "@/lib/billing/start-checkout";
import { sweepBillingStatuses } from "@/lib/billing/sweep";
import type { Ctx, StaffActor } from "@/lib/context";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { startStripeStandIn, type StripeStandIn } from "../../fakes/stripe-server";
import { caught } from "../../support/db";
import { createStaff, createTenant, type Tenant } from "../../support/factories";

let stripe: StripeStandIn;
const statuses: number[] = [];

function post(payload: string, signature: string | null) {
  return POST(
    new Request("http://localhost/api/stripe/webhook", {
      method: "POST",
      body: payload,
      headers: signature ? { "stripe-signature": signature, "content-type": "application/json" } : {},
    }),
  );
}

beforeAll(async () => {
  stripe = await startStripeStandIn({
    port: STRIPE.port,
    webhookSecret: STRIPE.secret,
    deliver: async (payload, signature) => {
      const res = await post(payload, signature);
      statuses.push(res.status);
      return res.status;
    },
  });
});
afterAll(async () => {
  await stripe.close();
  await closeDb();
});

async function adminCtx(tenant: Tenant): Promise<Ctx> {
  const { user, membership } = await createStaff(tenant, "admin");
  const actor: StaffActor = { kind: "staff", userId: user.id, name: "Admin", email: user.email, role: membership.role, title: null, officeIds: [], organisationId: null };
  return { tenant, actor };
}

const INVOICING = { enteName: "Comune di Prova", codiceFiscale: "00123450048", codiceUnivoco: "UFABCD", pec: "protocollo@pec.comune.prova.it", billingAddress: "Piazza del Municipio 1, 12045 Prova (CN)" };

async function state(tenantId: string) {
  const db = await getSystemDb();
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  const [account] = await db.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
  return { tenant: tenant!, account: account! };
}

/** A trialing comune that subscribed through the stand-in Checkout; returns its subscription id. */
async function subscribed() {
  const tenant = await createTenant({ status: "trialing", trialEndsAt: new Date(Date.now() + 20 * 86400_000), population: 12_000 });
  const ctx = await adminCtx(tenant);
  await updateInvoicingData({ ctx, input: INVOICING });
  const { url } = await startCheckout({ ctx, input: { interval: "month" } });
  const sessionId = url.split("/").pop()!;
  await stripe.completeCheckout(sessionId);
  const { account } = await state(tenant.id);
  return { tenant, ctx, subscriptionId: account.stripeSubscriptionId! };
}

describe("checkout and webhooks", () => {
  it("refuses a bad signature, a missing one, and a body altered after signing", async () => {
    const built = stripe.event("invoice.paid", { id: "in_x", object: "invoice" });
    expect((await post(built.payload, "t=1,v1=deadbeef")).status).toBe(400);
    expect((await post(built.payload, null)).status).toBe(400);
    expect((await post(built.payload.replace("in_x", "in_y"), built.signature)).status).toBe(400);
    const db = await getSystemDb();
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, built.event.id))).toEqual([]);
  });

  it("subscribes through Checkout: the webhooks make the comune active on the plan of its population", async () => {
    const { tenant } = await subscribed();
    const { tenant: t, account } = await state(tenant.id);
    expect(t.status).toBe("active");
    expect(t.plan).toBe("m");
    expect(account).toMatchObject({ plan: "m", interval: "month", subscriptionStatus: "active" });
    expect(account.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now());
    const db = await getSystemDb();
    const mirrored = await db.select().from(invoices).where(eq(invoices.tenantId, tenant.id));
    expect(mirrored).toHaveLength(1);
    expect(mirrored[0]!.status).toBe("paid"); // the late "finalized" (open) never downgrades it
    expect(statuses.every((s) => s === 200)).toBe(true);
    const [customer] = [...stripe.customers.values()].filter((c) => (c.metadata as { tenant_id?: string }).tenant_id === tenant.id);
    expect(customer!.name).toBe(INVOICING.enteName);
  });

  it("treats a replayed event as a no-op", async () => {
    const { tenant, subscriptionId } = await subscribed();
    await stripe.setSubscriptionStatus(subscriptionId, "past_due", { invoiceFailed: true });
    expect((await state(tenant.id)).tenant.status).toBe("past_due");
    const paid = [...stripe.invoices.values()].find((i) => (i.parent as { subscription_details: { subscription: string } }).subscription_details.subscription === subscriptionId && i.status === "paid")!;
    const replayOf = stripe.sent.find((e) => e.type === "invoice.paid" && e.data.object.id === paid.id)!;
    // Re-deliver the very same event (same id): Stripe does this on timeouts.
    const built = stripe.event(replayOf.type, replayOf.data.object, replayOf.created);
    const payload = built.payload.replace(built.event.id, replayOf.id);
    const { default: Stripe } = await import("stripe");
    const signature = new Stripe("sk_test_x").webhooks.generateTestHeaderString({ payload, secret: STRIPE.secret });
    const res = await post(payload, signature);
    expect(await res.json()).toMatchObject({ result: "duplicate" });
    expect((await state(tenant.id)).tenant.status).toBe("past_due");
  });

  it("ignores an older subscription snapshot that arrives after a newer one", async () => {
    const { tenant, subscriptionId } = await subscribed();
    const sub = stripe.subscriptions.get(subscriptionId)!;
    const t0 = Math.floor(Date.now() / 1000) + 10;
    const older = stripe.event("customer.subscription.updated", { ...sub, status: "active" }, t0);
    const newer = stripe.event("customer.subscription.updated", { ...sub, status: "past_due" }, t0 + 60);
    expect((await post(newer.payload, newer.signature)).status).toBe(200);
    const res = await post(older.payload, older.signature);
    expect(await res.json()).toMatchObject({ result: "stale" });
    const { tenant: t, account } = await state(tenant.id);
    expect(t.status).toBe("past_due");
    expect(account.subscriptionStatus).toBe("past_due");
    expect(account.lastEventCreated).toBe(t0 + 60);
  });

  it("goes past_due → suspended after the grace period → active again when an invoice is paid", async () => {
    const { tenant, subscriptionId } = await subscribed();
    await stripe.setSubscriptionStatus(subscriptionId, "past_due", { invoiceFailed: true, created: Math.floor(Date.now() / 1000) + 5 });
    expect((await state(tenant.id)).tenant.status).toBe("past_due");
    const db = await getSystemDb();
    await db.update(billingAccounts).set({ pastDueSince: new Date(Date.now() - 15 * 86400_000) }).where(eq(billingAccounts.tenantId, tenant.id));
    const swept = await sweepBillingStatuses();
    expect(swept.suspended).toContain(tenant.id);
    expect((await state(tenant.id)).tenant).toMatchObject({ status: "suspended", statusReason: "billing:grace_expired" });
    const failed = [...stripe.invoices.values()].find((i) => i.status === "open" && (i.parent as { subscription_details: { subscription: string } }).subscription_details.subscription === subscriptionId)!;
    await stripe.send("invoice.paid", { ...failed, status: "paid", amount_paid: failed.amount_due }, Math.floor(Date.now() / 1000) + 30);
    const after = await state(tenant.id);
    expect(after.tenant.status).toBe("active");
    expect(after.account.pastDueSince).toBeNull();
    const changes = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id));
    expect(changes.filter((a) => a.action === "billing.status_changed").map((a) => (a.data as { to: string }).to)).toEqual(expect.arrayContaining(["past_due", "suspended", "active"]));
  });

  it("cancels the comune when the subscription ends, and never lifts a vendor suspension", async () => {
    const { tenant, subscriptionId } = await subscribed();
    const db = await getSystemDb();
    await db.update(tenants).set({ status: "suspended", statusReason: "vendor:abuso" }).where(eq(tenants.id, tenant.id));
    await stripe.send("invoice.paid", { ...[...stripe.invoices.values()][0]!, customer: (await state(tenant.id)).account.stripeCustomerId }, Math.floor(Date.now() / 1000) + 40);
    expect((await state(tenant.id)).tenant.status).toBe("suspended");
    await db.update(tenants).set({ status: "active", statusReason: null }).where(eq(tenants.id, tenant.id));
    await stripe.setSubscriptionStatus(subscriptionId, "canceled", { created: Math.floor(Date.now() / 1000) + 50 });
    expect((await state(tenant.id)).tenant.status).toBe("cancelled");
  });

  it("suspends a trial that ended without a subscription", async () => {
    const tenant = await createTenant({ status: "trialing", trialEndsAt: new Date(Date.now() - 1000) });
    await sweepBillingStatuses();
    expect((await state(tenant.id)).tenant).toMatchObject({ status: "suspended", statusReason: "billing:trial_expired" });
  });
});

describe("billing verbs", () => {
  it("needs invoicing data before Checkout, and refuses a second subscription", async () => {
    const tenant = await createTenant({ status: "trialing" });
    const ctx = await adminCtx(tenant);
    const error = await caught(() => startCheckout({ ctx, input: { interval: "year" } }));
    expect((error as ValidationError).code).toBe("invoicing_data_required");
    const { ctx: subscribedCtx } = await subscribed();
    expect(await caught(() => startCheckout({ ctx: subscribedCtx, input: { interval: "month" } }))).toBeInstanceOf(ConflictError);
    const portal = await openBillingPortal({ ctx: subscribedCtx });
    expect(portal.url).toContain(`127.0.0.1:${STRIPE.port}`.replace("127.0.0.1", "localhost"));
  });

  it("validates Italian invoicing data", async () => {
    const tenant = await createTenant();
    const ctx = await adminCtx(tenant);
    const error = await caught(() => updateInvoicingData({ ctx, input: { ...INVOICING, codiceUnivoco: "123", pec: "no", codiceFiscale: "12" } }));
    expect((error as ValidationError).fieldErrors).toMatchObject({ codiceUnivoco: ["codice_univoco_invalid"], pec: ["pec_invalid"], codiceFiscale: ["codice_fiscale_invalid"] });
  });

  it("is for admins only (billing.manage)", async () => {
    const tenant = await createTenant();
    const { user, membership } = await createStaff(tenant, "supervisor");
    const ctx: Ctx = { tenant, actor: { kind: "staff", userId: user.id, name: "S", email: user.email, role: membership.role, title: null, officeIds: [], organisationId: null } };
    expect(await caught(() => updateInvoicingData({ ctx, input: INVOICING }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => startCheckout({ ctx, input: { interval: "month" } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => openBillingPortal({ ctx: { tenant, actor: { kind: "anonymous" } } }))).toBeInstanceOf(ForbiddenError);
  });
});
