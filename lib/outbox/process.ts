import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { memberships, membershipOffices, offices, organisations, outbox, users } from "@/db/schema";
// System handle: the worker delivers the outbox of every comune (rows claimed with SKIP LOCKED).
import { getSystemDb } from "@/db/system";
import { renderEmail } from "@/lib/email/render";
import { deliverEmail } from "@/lib/email/transport";
import { logger } from "@/lib/logger";
import type { BatchJob, OutboxJob, SingleJob } from "./jobs";

const MAX_ATTEMPTS = 10;
const LEASE = "5 minutes";

type Row = { tenant_id: string; id: string; kind: string; payload: OutboxJob; attempts: number };

/**
 * Claims due rows (several instances may run this: FOR UPDATE SKIP LOCKED, and a lease so a crashed
 * worker's rows come back), delivers them outside any transaction, then marks them sent, or schedules a
 * retry with exponential backoff, or gives up after MAX_ATTEMPTS ("dead", kept for inspection).
 */
export async function processOutbox(limit = 25, only?: { tenantIds: string[] }): Promise<{ sent: number; failed: number }> {
  const db = await getSystemDb();
  // Tests sharing one PostgreSQL database deliver only their own comuni's rows (each has its own stand-in).
  const scope = only ? sql`and tenant_id in (${sql.join(only.tenantIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const result = await db.execute(sql`
    update ${outbox} set attempts = attempts + 1, run_after = now() + interval '${sql.raw(LEASE)}'
    where (tenant_id, id) in (
      select tenant_id, id from ${outbox}
      where status = 'pending' and run_after <= now() ${scope}
      order by run_after
      limit ${limit}
      for update skip locked
    )
    returning tenant_id, id, kind, payload, attempts`);
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: Row[] }).rows) as Row[];
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      await deliver(row.payload, row.tenant_id, `${row.tenant_id}:${row.id}`);
      await db
        .update(outbox)
        .set({ status: "sent", sentAt: new Date(), lastError: null })
        .where(and(eq(outbox.tenantId, row.tenant_id), eq(outbox.id, row.id)));
      sent++;
    } catch (error) {
      failed++;
      const dead = row.attempts >= MAX_ATTEMPTS;
      const backoffSeconds = Math.min(3600, 15 * 2 ** row.attempts);
      logger.warn("outbox delivery failed", { id: row.id, attempts: row.attempts, dead, error: String(error) });
      await db
        .update(outbox)
        .set({
          status: dead ? "dead" : "pending",
          lastError: String(error).slice(0, 1000),
          runAfter: new Date(Date.now() + backoffSeconds * 1000),
          // A batch remembers what it already sent: the retry sends only the rest.
          ...(error instanceof PartlyDelivered ? { payload: { ...error.batch, done: error.done } } : {}),
        })
        .where(and(eq(outbox.tenantId, row.tenant_id), eq(outbox.id, row.id)));
    }
  }
  return { sent, failed };
}

/** A batch that failed part way: `done` names the jobs sent so far; reads as the failure itself. */
class PartlyDelivered extends Error {
  constructor(
    readonly batch: BatchJob,
    readonly done: string[],
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = cause instanceof Error ? cause.name : "Error";
  }
}

/**
 * Recipients are resolved within the outbox row's own comune (`tenantId`, not anything in the payload), so a
 * job can never address another comune's office, organisation or staff.
 */
async function deliver(job: OutboxJob, tenantId: string, key: string): Promise<void> {
  if (job.kind === "batch") {
    const done = [...(job.done ?? [])];
    for (const { name, job: one } of job.jobs) {
      if (done.includes(name)) continue;
      try {
        await deliverOne(one, tenantId, `${key}:${name}`);
      } catch (error) {
        throw new PartlyDelivered(job, done, error);
      }
      done.push(name);
    }
    return;
  }
  await deliverOne(job, tenantId, key);
}

async function deliverOne(job: SingleJob, tenantId: string, key: string): Promise<void> {
  if (job.kind === "email") {
    const rendered = await renderEmail(job.message);
    await deliverEmail({ ...rendered, to: job.message.to, tenantSlug: job.tenantSlug, idempotencyKey: key, tags: { template: job.message.template } });
    return;
  }
  const recipients =
    job.kind === "organisation_assigned"
      ? await organisationRecipients(tenantId, job.organisationId)
      : job.kind === "staff_assigned"
        ? await staffRecipients(tenantId, job.userId)
        : await officeRecipients(tenantId, job.officeId);
  for (const to of recipients) {
    const rendered = await renderEmail({ ...job.message, to });
    await deliverEmail({ ...rendered, to, tenantSlug: job.tenantSlug, idempotencyKey: `${key}:${to}`, tags: { template: job.message.template } });
  }
}

/** The office's own address and the active staff who work in it (deduplicated, lower-case). */
async function officeRecipients(tenantId: string, officeId: string): Promise<string[]> {
  const db = await getSystemDb();
  const [office] = await db
    .select({ email: offices.email })
    .from(offices)
    .where(and(eq(offices.tenantId, tenantId), eq(offices.id, officeId)))
    .limit(1);
  const staff = await db
    .select({ email: users.email })
    .from(membershipOffices)
    .innerJoin(
      memberships,
      and(eq(memberships.tenantId, membershipOffices.tenantId), eq(memberships.userId, membershipOffices.userId)),
    )
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(membershipOffices.tenantId, tenantId),
        eq(membershipOffices.officeId, officeId),
        inArray(memberships.role, ["operator", "supervisor"]),
      ),
    );
  const all = [office?.email, ...staff.map((s) => s.email)].filter((e): e is string => Boolean(e));
  return [...new Set(all.map((e) => e.toLowerCase()))];
}

/** The organisation's own address and its external users in that comune (deduplicated, lower-case). */
async function organisationRecipients(tenantId: string, organisationId: string): Promise<string[]> {
  const db = await getSystemDb();
  const [org] = await db
    .select({ email: organisations.email })
    .from(organisations)
    .where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, organisationId)))
    .limit(1);
  const staff = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.tenantId, tenantId), eq(memberships.organisationId, organisationId), eq(memberships.role, "external")),
    );
  const all = [org?.email, ...staff.map((s) => s.email)].filter((e): e is string => Boolean(e));
  return [...new Set(all.map((e) => e.toLowerCase()))];
}

/**
 * The assigned person's address, only while they are still back-office staff (admin, supervisor, operator)
 * of that comune: a membership removed or changed since the assignment, or a citizen, gets nothing.
 */
export async function staffRecipients(tenantId: string, userId: string): Promise<string[]> {
  const db = await getSystemDb();
  const rows = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.userId, userId),
        inArray(memberships.role, ["admin", "supervisor", "operator"]),
        isNull(users.deletedAt),
      ),
    );
  return [...new Set(rows.map((r) => r.email.toLowerCase()))];
}
