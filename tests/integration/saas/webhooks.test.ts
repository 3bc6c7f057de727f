import { and, eq } from "drizzle-orm";
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
import { getPlan } from "@/lib/billing/plans";
import { getSubscription } from "@/lib/billing/get-subscription";
import { changePlan } from "@/lib/vendor/change-plan";
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

const INVOICING = { enteName: "Comune di Prova", codiceFiscale: "80002270660", codiceUnivoco: "UFABCD", pec: "protocollo@pec.comune.prova.it", billingAddress: "Piazza del Municipio 1, 12045 Prova (CN)" };

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

/** Every ordering of a list (n! of them). */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** A comune that is a Stripe customer (as after startCheckout), with the subscription and invoice objects Stripe would create for it. */
async function customerWithObjects(n: number) {
  const tenant = await createTenant({ status: "trialing", trialEndsAt: new Date(Date.now() + 20 * 86400_000), population: 12_000 });
  const db = await getSystemDb();
  const customer = `cus_order_${tenant.id.slice(0, 8)}_${n}`;
  await db.insert(billingAccounts).values({ tenantId: tenant.id, stripeCustomerId: customer });
  const start = Math.floor(Date.now() / 1000);
  const subscription = (id: string, status: string) => ({
    id,
    object: "subscription",
    customer,
    status,
    cancel_at_period_end: false,
    created: start,
    metadata: { tenant_id: tenant.id, plan: "m" },
    items: { object: "list", data: [{ id: `si_${id}`, object: "subscription_item", price: { id: getPlan("m").priceIds.month, object: "price" }, current_period_start: start, current_period_end: start + 30 * 86400 }] },
  });
  const invoice = (id: string, status: string, sub: string) => ({
    id,
    object: "invoice",
    customer,
    number: id.toUpperCase(),
    status,
    currency: "eur",
    amount_due: 14900,
    amount_paid: status === "paid" ? 14900 : 0,
    created: start,
    period_start: start,
    period_end: start + 30 * 86400,
    parent: { type: "subscription_details", subscription_details: { subscription: sub, metadata: { tenant_id: tenant.id } } },
    metadata: {},
  });
  return { tenant, customer, start, subscription, invoice };
}

async function deliver(events: { type: string; object: Record<string, unknown> & { id: string }; created: number }[]) {
  for (const e of events) {
    const built = stripe.event(e.type, e.object, e.created);
    expect((await post(built.payload, built.signature)).status).toBe(200);
  }
}

async function invoiceStatus(tenantId: string, id: string) {
  const db = await getSystemDb();
  const [row] = await db.select().from(invoices).where(and(eq(invoices.tenantId, tenantId), eq(invoices.id, id)));
  return row?.status;
}

describe("out-of-order delivery, per object", () => {
  it("subscribing: every order of session, subscription and invoice events ends active with the subscription stored", async () => {
    const orders = permutations(["session", "created", "finalized", "paid"] as const);
    expect(orders).toHaveLength(24);
    for (const [n, order] of orders.entries()) {
      const { tenant, start, subscription, invoice } = await customerWithObjects(n);
      const subId = `sub_order_${n}_${tenant.id.slice(0, 6)}`;
      const inv = `in_order_${n}_${tenant.id.slice(0, 6)}`;
      const byName = {
        session: { type: "checkout.session.completed", object: { id: `cs_${n}`, object: "checkout.session", customer: subscription(subId, "active").customer, subscription: subId, client_reference_id: tenant.id, metadata: { tenant_id: tenant.id } }, created: start },
        // The subscription snapshot is a second older than the payment: before, this was dropped when it came last.
        created: { type: "customer.subscription.created", object: subscription(subId, "active"), created: start },
        finalized: { type: "invoice.finalized", object: invoice(inv, "open", subId), created: start },
        paid: { type: "invoice.paid", object: invoice(inv, "paid", subId), created: start + 1 },
      };
      await deliver(order.map((name) => byName[name]));
      const { tenant: t, account } = await state(tenant.id);
      expect({ order, status: t.status, plan: t.plan }).toEqual({ order, status: "active", plan: "m" });
      expect(account).toMatchObject({ stripeSubscriptionId: subId, plan: "m", interval: "month", subscriptionStatus: "active", pastDueSince: null });
      expect(account.currentPeriodEnd!.getTime()).toBe((start + 30 * 86400) * 1000);
      expect(await invoiceStatus(tenant.id, inv)).toBe("paid");
    }
  });

  it("a failed renewal and its recovery: every order ends with the newest state (past due, then active)", async () => {
    const orders = permutations(["failed", "subPastDue", "paid", "subActive"] as const);
    for (const [n, order] of orders.entries()) {
      const { tenant, start, subscription, invoice } = await customerWithObjects(100 + n);
      const subId = `sub_dun_${n}_${tenant.id.slice(0, 6)}`;
      await deliver([
        { type: "customer.subscription.created", object: subscription(subId, "active"), created: start },
        { type: "invoice.paid", object: invoice(`in_first_${n}`, "paid", subId), created: start },
      ]);
      const renewal = `in_renew_${n}_${tenant.id.slice(0, 6)}`;
      const byName = {
        failed: { type: "invoice.payment_failed", object: invoice(renewal, "open", subId), created: start + 100 },
        subPastDue: { type: "customer.subscription.updated", object: subscription(subId, "past_due"), created: start + 100 },
        paid: { type: "invoice.paid", object: invoice(renewal, "paid", subId), created: start + 200 },
        subActive: { type: "customer.subscription.updated", object: subscription(subId, "active"), created: start + 200 },
      };
      await deliver(order.map((name) => byName[name]));
      const { tenant: t, account } = await state(tenant.id);
      expect({ order, status: t.status }).toEqual({ order, status: "active" });
      expect(account).toMatchObject({ subscriptionStatus: "active", pastDueSince: null, subscriptionEventCreated: start + 200, lastEventCreated: start + 200 });
      expect(await invoiceStatus(tenant.id, renewal)).toBe("paid");
    }
    // Only the failure arrives (in either order): past due, with the grace period starting at the failure.
    for (const [n, order] of permutations(["failed", "subPastDue"] as const).entries()) {
      const { tenant, start, subscription, invoice } = await customerWithObjects(200 + n);
      const subId = `sub_pd_${n}_${tenant.id.slice(0, 6)}`;
      await deliver([{ type: "customer.subscription.created", object: subscription(subId, "active"), created: start }]);
      const byName = {
        failed: { type: "invoice.payment_failed", object: invoice(`in_pd_${n}`, "open", subId), created: start + 100 },
        subPastDue: { type: "customer.subscription.updated", object: subscription(subId, "past_due"), created: start + 100 },
      };
      await deliver(order.map((name) => byName[name]));
      const { tenant: t, account } = await state(tenant.id);
      expect(t.status).toBe("past_due");
      expect(account.pastDueSince!.getTime()).toBe((start + 100) * 1000);
    }
  });

  it("the late end of an old subscription does not cancel the comune's new one", async () => {
    const { tenant, start, subscription } = await customerWithObjects(300);
    await deliver([
      { type: "customer.subscription.created", object: subscription("sub_old_300", "active"), created: start },
      { type: "customer.subscription.deleted", object: subscription("sub_old_300", "canceled"), created: start + 10 },
      { type: "customer.subscription.created", object: subscription("sub_new_300", "active"), created: start + 20 },
    ]);
    // Stripe retries an old event for the first subscription after the new one exists.
    const late = stripe.event("customer.subscription.deleted", subscription("sub_old_300", "canceled"), start + 15);
    expect(await (await post(late.payload, late.signature)).json()).toMatchObject({ result: "stale" });
    const { tenant: t, account } = await state(tenant.id);
    expect(t.status).toBe("active");
    expect(account).toMatchObject({ stripeSubscriptionId: "sub_new_300", subscriptionStatus: "active" });
  });
});

describe("plan chosen by vendor staff, invoicing data at Stripe", () => {
  async function vendorBilling() {
    const { createUser } = await import("../../support/factories");
    const { vendorStaff } = await import("@/db/schema");
    const user = await createUser({ name: "Vendor billing" });
    const db = await getSystemDb();
    await db.insert(vendorStaff).values({ userId: user.id, role: "billing" as const });
    return { actor: { kind: "vendor" as const, userId: user.id, name: user.name!, email: user.email, role: "billing" as const, mfa: true } };
  }

  it("without a subscription, the changed plan is the one shown on the subscription page and charged at Checkout", async () => {
    const tenant = await createTenant({ status: "trialing", trialEndsAt: new Date(Date.now() + 10 * 86400_000), population: 3_000 });
    const ctx = await adminCtx(tenant);
    expect((await getSubscription({ ctx })).plan.id).toBe("s");
    await changePlan({ ctx: await vendorBilling(), input: { tenantId: tenant.id, plan: "l", reason: "accordo con l'unione dei comuni" } });
    expect((await getSubscription({ ctx })).plan.id).toBe("l");
    await updateInvoicingData({ ctx, input: INVOICING });
    const { url } = await startCheckout({ ctx, input: { interval: "year" } });
    const session = stripe.sessions.get(url.split("/").pop()!)!;
    expect((session.line_items as { price: string }[])[0]!.price).toBe(getPlan("l").priceIds.year);
    await stripe.completeCheckout(session.id);
    const { tenant: t, account } = await state(tenant.id);
    expect(t).toMatchObject({ status: "active", plan: "l" });
    expect(account).toMatchObject({ plan: "l", interval: "year" });
  });

  it("with a subscription, changing the plan updates the subscription's price at Stripe and the webhook mirrors it", async () => {
    const { tenant, ctx, subscriptionId } = await subscribed();
    await changePlan({ ctx: await vendorBilling(), input: { tenantId: tenant.id, plan: "xl", reason: "fusione con il comune vicino" } });
    const item = (stripe.subscriptions.get(subscriptionId)!.items as { data: { price: { id: string } }[] }).data[0]!;
    expect(item.price.id).toBe(getPlan("xl").priceIds.month);
    const { tenant: t, account } = await state(tenant.id);
    expect(t.plan).toBe("xl");
    expect(account).toMatchObject({ plan: "xl", interval: "month", subscriptionStatus: "active" });
    expect((await getSubscription({ ctx })).plan.id).toBe("xl");
  });

  it("checks the check digits of partita IVA and codice fiscale, and keeps the codice univoco at 6 characters", async () => {
    const tenant = await createTenant();
    const ctx = await adminCtx(tenant);
    const bad = await caught(() => updateInvoicingData({ ctx, input: { ...INVOICING, codiceFiscale: "80002270661", partitaIva: "00743110158", codiceUnivoco: "UFABCDE" } }));
    expect((bad as ValidationError).fieldErrors).toMatchObject({ codiceFiscale: ["codice_fiscale_invalid"], partitaIva: ["partita_iva_invalid"], codiceUnivoco: ["codice_univoco_invalid"] });
    const personal = await caught(() => updateInvoicingData({ ctx, input: { ...INVOICING, codiceFiscale: "RSSMRA85T10A562T" } }));
    expect((personal as ValidationError).fieldErrors).toMatchObject({ codiceFiscale: ["codice_fiscale_invalid"] });
    await updateInvoicingData({ ctx, input: { ...INVOICING, codiceFiscale: "rssmra85t10a562s", partitaIva: "IT 00743110157" } });
    const { account } = await state(tenant.id);
    expect(account).toMatchObject({ codiceFiscale: "RSSMRA85T10A562S", partitaIva: "00743110157" });
  });

  it("sends later edits of the invoicing data to the Stripe customer: the admin's email, PEC and tax data in metadata", async () => {
    const { tenant, ctx } = await subscribed();
    const { account } = await state(tenant.id);
    const created = stripe.customers.get(account.stripeCustomerId!)!;
    expect(created.email).toBe((ctx.actor as StaffActor).email);
    expect(created.metadata).toMatchObject({ pec: INVOICING.pec, codice_fiscale: INVOICING.codiceFiscale });
    await updateInvoicingData({ ctx, input: { ...INVOICING, enteName: "Comune di Prova Nuova", pec: "ragioneria@pec.comune.prova.it", partitaIva: "00743110157", billingAddress: "Via Nuova 2, 12045 Prova (CN)" } });
    const customer = stripe.customers.get(account.stripeCustomerId!)!;
    expect(customer).toMatchObject({ name: "Comune di Prova Nuova", email: (ctx.actor as StaffActor).email, address: { line1: "Via Nuova 2, 12045 Prova (CN)", country: "IT" } });
    expect(customer.metadata).toMatchObject({ tenant_id: tenant.id, pec: "ragioneria@pec.comune.prova.it", partita_iva: "00743110157", codice_univoco: INVOICING.codiceUnivoco });
    expect((await state(tenant.id)).account.enteName).toBe("Comune di Prova Nuova");
  });
});
