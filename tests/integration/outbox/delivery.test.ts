import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { outbox } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import type { OutboxJob } from "@/lib/outbox/jobs";
import { processOutbox } from "@/lib/outbox/process";
import { startResendStandIn, type ResendStandIn } from "../../fakes/resend-server";
import { createOffice, createOutboxMessage, createStaff, createTenant, type Tenant } from "../../support/factories";

/**
 * The outbox worker delivering through the real `resend` SDK to a local stand-in of Resend's HTTP API:
 * recipients resolved within the row's own comune, one idempotency key per message and recipient,
 * retries with backoff on failure, "dead" after the last attempt.
 */
const port = vi.hoisted(() => {
  const chosen = 41000 + Math.floor(Math.random() * 8000);
  // lib/env reads the environment once, at import: the SDK must be configured before that.
  process.env.RESEND_API_KEY = "re_test_piazza";
  process.env.RESEND_BASE_URL = `http://127.0.0.1:${chosen}`;
  return chosen;
});

let resend: ResendStandIn;
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  resend = await startResendStandIn(port);
  [a, b] = [await createTenant(), await createTenant()];
});

afterAll(async () => {
  await resend.close();
  await closeDb();
  // Vitest may run another file in this process next: it must find the default (dev mailbox) transport.
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
});

beforeEach(() => {
  resend.received.length = 0;
  resend.failFor.clear();
});

const brand = { tenantName: "Comune di Prova", primaryColor: "#0b5394" };
const message = { template: "backoffice.officeAssigned", brand, values: { code: "PRV-2026-000001", office: "Manutenzioni", by: "Mario Rossi", address: "Via Roma 1" } };

/** Enqueues a job due long ago, so the worker claims it before anything other test files left pending. */
async function enqueueDue(tenant: Tenant, job: OutboxJob) {
  return createOutboxMessage(tenant, { kind: job.kind, payload: job as never, runAfter: new Date("2000-01-01T00:00:00Z") });
}

async function rowOf(tenant: Tenant, id: string) {
  const db = await getSystemDb();
  const [row] = await db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.id, id)));
  return row!;
}

/** Runs the worker until the row leaves the "due" state (other files' rows may be claimed alongside). */
async function drain(tenant: Tenant, id: string) {
  for (let i = 0; i < 20; i++) {
    await processOutbox(50, { tenantIds: [a.id, b.id] });
    const row = await rowOf(tenant, id);
    if (row.status !== "pending" || row.runAfter.getTime() > Date.now()) return row;
  }
  throw new Error("outbox row never processed");
}

describe("outbox delivery through Resend", () => {
  it("emails the office's address and its operators, each with its own idempotency key", async () => {
    const office = await createOffice(a, { email: `manutenzioni-${a.slug}@comune.example.it` });
    const operator = await createStaff(a, "operator", { officeIds: [office.id] });
    const elsewhere = await createStaff(a, "operator", { officeIds: [(await createOffice(a)).id] });
    const row = await enqueueDue(a, { kind: "office_new_report", tenantSlug: a.slug, officeId: office.id, message });

    expect((await drain(a, row.id)).status).toBe("sent");
    // Only this job's emails: the worker also delivers whatever else is due in the database.
    const mine = resend.received.filter((m) => m.idempotencyKey?.startsWith(`${a.id}:${row.id}:`));
    const to = mine.flatMap((m) => m.to).sort();
    expect(to).toEqual([office.email!, operator.user.email.toLowerCase()].sort());
    expect(resend.received.flatMap((m) => m.to)).not.toContain(elsewhere.user.email.toLowerCase());
    for (const mail of mine) {
      expect(mail.authorization).toBe("Bearer re_test_piazza");
      expect(mail.subject).toContain("PRV-2026-000001");
      expect(mail.idempotencyKey).toBe(`${a.id}:${row.id}:${mail.to[0]}`);
    }
  });

  it("never resolves recipients in another comune, even when a job names its office", async () => {
    const foreign = await createOffice(b, { email: `urp-${b.slug}@comune.example.it` });
    const foreignStaff = await createStaff(b, "operator", { officeIds: [foreign.id] });
    const row = await enqueueDue(a, { kind: "office_new_report", tenantSlug: a.slug, officeId: foreign.id, message });

    expect((await drain(a, row.id)).status).toBe("sent");
    const to = resend.received.flatMap((m) => m.to);
    expect(to).not.toContain(foreign.email);
    expect(to).not.toContain(foreignStaff.user.email.toLowerCase());
  });

  it("retries a failed delivery later with backoff, then delivers it", async () => {
    const to = `cittadino-${a.slug}@example.it`;
    resend.failFor.add(to);
    const row = await enqueueDue(a, { kind: "email", tenantSlug: a.slug, message: { ...message, to } });

    const failed = await drain(a, row.id);
    expect(failed).toMatchObject({ status: "pending", attempts: 1 });
    expect(failed.lastError).toContain("Resend");
    expect(failed.runAfter.getTime()).toBeGreaterThan(Date.now() + 10_000);
    expect(resend.received.filter((m) => m.to.includes(to))).toEqual([]);

    resend.failFor.clear();
    const db = await getSystemDb();
    await db.update(outbox).set({ runAfter: new Date("2000-01-01T00:00:00Z") }).where(and(eq(outbox.tenantId, a.id), eq(outbox.id, row.id)));
    expect(await drain(a, row.id)).toMatchObject({ status: "sent", lastError: null });
    expect(resend.received.filter((m) => m.to.includes(to)).map((m) => m.to)).toEqual([[to]]);
  });

  it("gives up after the last attempt and keeps the message for inspection", async () => {
    const to = `irraggiungibile-${a.slug}@example.it`;
    resend.failFor.add(to);
    const row = await enqueueDue(a, { kind: "email", tenantSlug: a.slug, message: { ...message, to } });
    const db = await getSystemDb();
    await db.update(outbox).set({ attempts: 9 }).where(and(eq(outbox.tenantId, a.id), eq(outbox.id, row.id)));

    expect(await drain(a, row.id)).toMatchObject({ status: "dead", attempts: 10 });
    expect(resend.received.filter((m) => m.to.includes(to))).toEqual([]);
  });

  it("delivers a batch's jobs in order, each under its own key; after a partial failure the retry sends only the rest", async () => {
    const [first, second] = [`primo-${a.slug}@example.it`, `secondo-${a.slug}@example.it`];
    resend.failFor.add(second);
    const row = await enqueueDue(a, {
      kind: "batch",
      jobs: [
        { name: "receipt", job: { kind: "email", tenantSlug: a.slug, message: { ...message, to: first } } },
        { name: "copy", job: { kind: "email", tenantSlug: a.slug, message: { ...message, to: second } } },
      ],
    });

    const failed = await drain(a, row.id);
    expect(failed).toMatchObject({ status: "pending", attempts: 1, payload: { kind: "batch", done: ["receipt"] } });
    // Recorded as the failure itself, as for a single job.
    expect(failed.lastError).toMatch(/^Error: Resend: /);
    expect(resend.received.filter((m) => m.to.includes(first)).map((m) => m.idempotencyKey)).toEqual([`${a.id}:${row.id}:receipt`]);

    resend.failFor.clear();
    const db = await getSystemDb();
    await db.update(outbox).set({ runAfter: new Date("2000-01-01T00:00:00Z") }).where(and(eq(outbox.tenantId, a.id), eq(outbox.id, row.id)));
    expect(await drain(a, row.id)).toMatchObject({ status: "sent", lastError: null });
    // The first one is not sent twice; the second arrives once, under its own key.
    expect(resend.received.filter((m) => m.to.includes(first))).toHaveLength(1);
    expect(resend.received.filter((m) => m.to.includes(second)).map((m) => m.idempotencyKey)).toEqual([`${a.id}:${row.id}:copy`]);
  });
});
