import { randomBytes } from "node:crypto";
import http from "node:http";
import Stripe from "stripe";

/**
 * A local stand-in for the Stripe API endpoints Piazza calls (customers create/retrieve/update, checkout sessions, billing portal
 * sessions, subscriptions, invoices), with Stripe's JSON shapes and form-encoded request bodies, in-memory
 * state, and a hosted "checkout page" whose "Paga" button creates the subscription and POSTs signed webhooks
 * (stripe.webhooks.generateTestHeaderString) to Piazza. Used by integration tests and by Playwright
 * (`npx tsx tests/fakes/stripe-server.ts`, configured by env: STRIPE_STANDIN_PORT, STRIPE_WEBHOOK_URL,
 * STRIPE_WEBHOOK_SECRET).
 */
type Obj = Record<string, unknown> & { id: string };
export type StandInEvent = { id: string; type: string; created: number; data: { object: Obj } };
export type Deliver = (payload: string, signature: string) => Promise<number>;

export type StripeStandIn = {
  url: string;
  port: number;
  customers: Map<string, Obj>;
  sessions: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  invoices: Map<string, Obj>;
  /** Events sent so far, in order. */
  sent: StandInEvent[];
  /** Builds a signed event (not sent): for replay and out-of-order tests. */
  event(type: string, object: Obj, created?: number): { event: StandInEvent; payload: string; signature: string };
  send(type: string, object: Obj, created?: number): Promise<number>;
  /** The objects paying a Checkout session creates (session completed, subscription, paid invoice), stored but no event sent. */
  checkoutObjects(sessionId: string): { session: Obj; subscription: Obj; invoice: Obj };
  /** What the "Paga" button does: subscription + paid invoice + webhooks; returns the success URL. */
  completeCheckout(sessionId: string): Promise<string>;
  /** Moves a subscription to a new status (e.g. past_due after a failed renewal) and sends the events. */
  setSubscriptionStatus(subscriptionId: string, status: string, options?: { invoiceFailed?: boolean; created?: number }): Promise<void>;
  close(): Promise<void>;
};

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** Parses Stripe's form encoding (`a[b][0][c]=v`) into nested objects/arrays. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const keys = rawKey.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = out;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        node[key] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(keys[i + 1]!);
      node[key] ??= nextIsIndex ? [] : {};
      node = node[key] as Record<string, unknown>;
    });
  }
  return out;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:1rem"><main>${body}</main></body></html>`;
}

export async function startStripeStandIn(options: { port?: number; webhookSecret: string; webhookUrl?: string; deliver?: Deliver }): Promise<StripeStandIn> {
  const stripe = new Stripe("sk_test_standin");
  const customers = new Map<string, Obj>();
  const sessions = new Map<string, Obj>();
  const subscriptions = new Map<string, Obj>();
  const invoices = new Map<string, Obj>();
  const portals = new Map<string, Obj>();
  const sent: StandInEvent[] = [];
  let base = "";

  const deliver: Deliver =
    options.deliver ??
    ((payload, signature) =>
      new Promise<number>((resolve, reject) => {
        const target = new URL(options.webhookUrl!);
        const req = http.request(
          { hostname: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature } },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(payload);
      }));

  const event = (type: string, object: Obj, created = now()) => {
    const ev: StandInEvent & Record<string, unknown> = {
      id: id("evt"),
      object: "event",
      api_version: "2026-10-28.endive",
      type,
      created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: structuredClone(object) },
    };
    const payload = JSON.stringify(ev);
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret });
    return { event: ev, payload, signature };
  };
  const send = async (type: string, object: Obj, created?: number) => {
    const built = event(type, object, created);
    sent.push(built.event);
    return deliver(built.payload, built.signature);
  };

  const makeInvoice = (sub: Obj, status: "paid" | "open") => {
    const item = (sub.items as { data: Obj[] }).data[0]!;
    const amount = Number((item.price as Obj).unit_amount ?? 14900);
    const inv: Obj = {
      id: id("in"),
      object: "invoice",
      customer: sub.customer,
      number: `PZ-${String(invoices.size + 1).padStart(4, "0")}`,
      status,
      currency: "eur",
      amount_due: amount,
      amount_paid: status === "paid" ? amount : 0,
      hosted_invoice_url: `${base}/invoice/${invoices.size + 1}`,
      invoice_pdf: `${base}/invoice/${invoices.size + 1}.pdf`,
      period_start: item.current_period_start,
      period_end: item.current_period_end,
      created: now(),
      parent: { type: "subscription_details", subscription_details: { subscription: sub.id, metadata: sub.metadata } },
      metadata: {},
    };
    invoices.set(inv.id, inv);
    return inv;
  };

  const checkoutObjects = (sessionId: string) => {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`no checkout session ${sessionId}`);
    const line = (session.line_items as { price: string }[])[0]!;
    const start = now();
    const sub: Obj = {
      id: id("sub"),
      object: "subscription",
      customer: session.customer,
      status: "active",
      cancel_at_period_end: false,
      created: start,
      metadata: (session.subscription_data as { metadata?: object } | undefined)?.metadata ?? {},
      items: {
        object: "list",
        data: [
          {
            id: id("si"),
            object: "subscription_item",
            price: { id: line.price, object: "price", unit_amount: 14900, currency: "eur", recurring: { interval: line.price.endsWith("year") ? "year" : "month" } },
            quantity: 1,
            current_period_start: start,
            current_period_end: start + (line.price.endsWith("year") ? 365 : 30) * 86400,
          },
        ],
      },
    };
    subscriptions.set(sub.id, sub);
    Object.assign(session, { status: "complete", payment_status: "paid", subscription: sub.id });
    return { session, subscription: sub, invoice: makeInvoice(sub, "paid") };
  };

  const completeCheckout = async (sessionId: string) => {
    const { session, subscription: sub, invoice } = checkoutObjects(sessionId);
    await send("checkout.session.completed", session);
    await send("customer.subscription.created", sub);
    await send("invoice.finalized", { ...invoice, status: "open", amount_paid: 0 });
    await send("invoice.paid", invoice);
    return String(session.success_url);
  };

  const setSubscriptionStatus = async (subscriptionId: string, status: string, opts: { invoiceFailed?: boolean; created?: number } = {}) => {
    const sub = subscriptions.get(subscriptionId);
    if (!sub) throw new Error(`no subscription ${subscriptionId}`);
    sub.status = status;
    if (opts.invoiceFailed) await send("invoice.payment_failed", makeInvoice(sub, "open"), opts.created);
    await send(status === "canceled" ? "customer.subscription.deleted" : "customer.subscription.updated", sub, opts.created);
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: http.ServerResponse, what: string) =>
    json(res, 404, { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${what}` } });

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      void handle(req, res, raw).catch((error: unknown) => json(res, 500, { error: { type: "api_error", message: String(error) } }));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const url = new URL(req.url ?? "/", base);
    const path = url.pathname;
    const body = parseStripeForm(raw);
    const method = req.method ?? "GET";
    let m: RegExpMatchArray | null;

    if (method === "POST" && path === "/v1/customers") {
      const key = req.headers["idempotency-key"];
      const existing = [...customers.values()].find((c) => key && c._idempotency === key);
      if (existing) return json(res, 200, existing);
      const customer: Obj = {
        id: id("cus"),
        object: "customer",
        created: now(),
        name: body.name ?? null,
        email: body.email ?? null,
        address: body.address ?? null,
        preferred_locales: body.preferred_locales ?? [],
        metadata: body.metadata ?? {},
        _idempotency: key,
      };
      customers.set(customer.id, customer);
      return json(res, 200, customer);
    }
    if (method === "POST" && (m = path.match(/^\/v1\/customers\/([\w]+)$/))) {
      // customers.update: top-level fields replaced, metadata merged key by key (Stripe's semantics).
      const c = customers.get(m[1]!);
      if (!c) return notFound(res, "customer");
      for (const key of ["name", "email", "address", "preferred_locales"] as const) if (body[key] !== undefined) c[key] = body[key];
      if (body.metadata) c.metadata = { ...(c.metadata as object), ...(body.metadata as object) };
      return json(res, 200, c);
    }
    if (method === "GET" && (m = path.match(/^\/v1\/customers\/([\w]+)$/))) {
      const c = customers.get(m[1]!);
      return c ? json(res, 200, c) : notFound(res, "customer");
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      if (body.customer && !customers.has(String(body.customer))) return notFound(res, "customer");
      const sid = id("cs_test");
      const session: Obj = {
        id: sid,
        object: "checkout.session",
        mode: body.mode,
        customer: body.customer ?? null,
        client_reference_id: body.client_reference_id ?? null,
        metadata: body.metadata ?? {},
        subscription_data: body.subscription_data ?? {},
        line_items: body.line_items ?? [],
        success_url: body.success_url,
        cancel_url: body.cancel_url,
        status: "open",
        payment_status: "unpaid",
        subscription: null,
        created: now(),
        url: `${base}/checkout/${sid}`,
      };
      sessions.set(sid, session);
      return json(res, 200, session);
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      if (!customers.has(String(body.customer))) return notFound(res, "customer");
      const pid = id("bps");
      const portal: Obj = { id: pid, object: "billing_portal.session", customer: body.customer, return_url: body.return_url, created: now(), url: `${base}/portal/${pid}` };
      portals.set(pid, portal);
      return json(res, 200, portal);
    }
    if ((m = path.match(/^\/v1\/subscriptions\/([\w]+)$/))) {
      const sub = subscriptions.get(m[1]!);
      if (!sub) return notFound(res, "subscription");
      if (method === "POST") {
        const items = (body.items as { id?: string; price?: string }[] | undefined) ?? [];
        for (const change of items) {
          const item = (sub.items as { data: Obj[] }).data.find((i) => i.id === change.id);
          if (item && change.price) item.price = { ...(item.price as object), id: change.price };
        }
        if (body.metadata) sub.metadata = { ...(sub.metadata as object), ...(body.metadata as object) };
        if (body.cancel_at_period_end !== undefined) sub.cancel_at_period_end = body.cancel_at_period_end === "true";
        await send("customer.subscription.updated", sub);
      }
      return json(res, 200, sub);
    }
    if (method === "GET" && path === "/v1/invoices") {
      const customer = url.searchParams.get("customer");
      const data = [...invoices.values()].filter((i) => !customer || i.customer === customer).reverse();
      return json(res, 200, { object: "list", data, has_more: false, url: "/v1/invoices" });
    }
    if (method === "GET" && path === "/v1/health") return json(res, 200, { ok: true });
    // Hosted pages (what a browser sees at Stripe).
    if (method === "GET" && (m = path.match(/^\/checkout\/([\w]+)$/))) {
      const session = sessions.get(m[1]!);
      if (!session) return notFound(res, "checkout session");
      const line = (session.line_items as { price: string }[])[0];
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(
        page(
          "Checkout di prova",
          `<h1>Pagamento dell'abbonamento (ambiente di prova)</h1><p>Prezzo: <code>${line?.price ?? ""}</code></p><form method="post" action="/checkout/${session.id}/pay"><button type="submit" style="font-size:1.2rem;padding:.6rem 1.2rem">Paga</button></form><p><a href="${String(session.cancel_url)}">Annulla</a></p>`,
        ),
      );
    }
    if (method === "POST" && (m = path.match(/^\/checkout\/([\w]+)\/pay$/))) {
      if (!sessions.has(m[1]!)) return notFound(res, "checkout session");
      const success = await completeCheckout(m[1]!);
      res.writeHead(303, { location: success });
      return res.end();
    }
    if (method === "GET" && (m = path.match(/^\/portal\/([\w]+)$/))) {
      const portal = portals.get(m[1]!);
      if (!portal) return notFound(res, "portal session");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(page("Portale clienti di prova", `<h1>Portale clienti (ambiente di prova)</h1><p><a href="${String(portal.return_url)}">Torna a Piazza</a></p>`));
    }
    return notFound(res, `route ${method} ${path}`);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  base = `http://localhost:${port}`;
  return {
    url: base,
    port,
    customers,
    sessions,
    subscriptions,
    invoices,
    sent,
    event,
    send,
    checkoutObjects,
    completeCheckout,
    setSubscriptionStatus,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const isMain = process.argv[1]?.endsWith("stripe-server.ts");
if (isMain) {
  const port = Number(process.env.STRIPE_STANDIN_PORT ?? 3151);
  void startStripeStandIn({
    port,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_standin",
    webhookUrl: process.env.STRIPE_WEBHOOK_URL ?? "http://127.0.0.1:3150/api/stripe/webhook",
  }).then((s) => console.log(`Stripe stand-in on ${s.url}`));
}
