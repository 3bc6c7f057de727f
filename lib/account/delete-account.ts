import { randomUUID } from "node:crypto";
import { and, eq, or, sql } from "drizzle-orm";
import {
  accounts,
  emailConfirmations,
  memberships,
  outbox,
  rateLimits,
  reportFollowers,
  reports,
  reportSupports,
  sessions,
  users,
  vendorStaff,
  verificationTokens,
} from "@/db/schema";
// System handle: deleting a person spans every comune (their reports and follows anywhere) and the
// platform users row; one system transaction does it all or nothing.
import { getSystemDb } from "@/db/system";
import type { CitizenActor } from "@/lib/context";
import type { BatchJob } from "@/lib/outbox/jobs";
import { ConflictError, ValidationError } from "@/lib/errors";

/**
 * "Elimina il mio account": erases the person's personal data everywhere, keeping the reports (they belong
 * to the comune's record) but anonymised: in every comune, reports filed by them or with their email lose
 * reporter name, email and phone and the link to the account; their follows, pending confirmations,
 * sign-in tokens, rate-limit counters keyed by their address and emails to them still in the outbox are
 * removed; their "anche io" keep counting but under a random key instead of `email:<address>`; comments
 * carry no address (confirmed ones have no author, signed-in ones point at the tombstoned user); the user
 * row keeps
 * only a tombstone (`deleted-<uuid>@invalid`). Staff must first be removed by their comune's admin. The
 * confirmation must repeat the account's email address.
 */
export async function deleteAccount({ actor, confirmEmail }: { actor: CitizenActor; confirmEmail: string }) {
  if (confirmEmail.trim().toLowerCase() !== actor.email.toLowerCase()) {
    throw new ValidationError("validation", { confirmEmail: ["confirm_mismatch"] });
  }
  const db = await getSystemDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.userId)).limit(1);
    if (!user || user.deletedAt) throw new ConflictError("already_deleted");
    const [member] = await tx.select({ t: memberships.tenantId }).from(memberships).where(eq(memberships.userId, user.id)).limit(1);
    const [vendor] = await tx.select({ u: vendorStaff.userId }).from(vendorStaff).where(eq(vendorStaff.userId, user.id)).limit(1);
    if (member || vendor) throw new ConflictError("staff_cannot_delete");
    const email = user.email.toLowerCase();
    const anonymised = await tx
      .update(reports)
      .set({ reporterName: null, reporterEmail: null, reporterPhone: null, reporterUserId: null, callbackRequested: false })
      .where(or(eq(reports.reporterUserId, user.id), eq(reports.reporterEmail, email)))
      .returning({ id: reports.id });
    await tx.delete(reportFollowers).where(or(eq(reportFollowers.userId, user.id), eq(reportFollowers.email, email)));
    await tx.delete(emailConfirmations).where(eq(emailConfirmations.email, email));
    await tx
      .update(reportSupports)
      .set({ supporterKey: sql`'deleted:' || gen_random_uuid()::text` })
      .where(eq(reportSupports.supporterKey, `email:${email}`));
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, email));
    await tx.delete(outbox).where(sql`lower(${outbox.payload}->'message'->>'to') = ${email}`);
    // A report's filing row (a batch) may hold their receipt next to the office's notice: only their job
    // goes — the office is still told.
    const batches = await tx
      .select({ tenantId: outbox.tenantId, id: outbox.id, payload: outbox.payload })
      .from(outbox)
      .where(
        and(
          eq(outbox.kind, "batch"),
          sql`exists (select 1 from jsonb_array_elements(${outbox.payload}->'jobs') j where lower(j->'job'->'message'->>'to') = ${email})`,
        ),
      );
    for (const row of batches) {
      const batch = row.payload as unknown as BatchJob;
      const jobs = batch.jobs.filter(({ job }) => !("to" in job.message && job.message.to.toLowerCase() === email));
      const where = and(eq(outbox.tenantId, row.tenantId), eq(outbox.id, row.id));
      if (jobs.length === 0) await tx.delete(outbox).where(where);
      else await tx.update(outbox).set({ payload: { ...batch, jobs } }).where(where);
    }
    // Keys are "<tenant>:<action>:email:<address>": match the suffix exactly (no LIKE: addresses may hold "_").
    const suffix = `:email:${email}`;
    await tx.delete(rateLimits).where(sql`right(${rateLimits.key}, ${suffix.length}) = ${suffix}`);
    await tx.delete(accounts).where(eq(accounts.userId, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await tx
      .update(users)
      .set({
        email: `deleted-${randomUUID()}@invalid`,
        name: null,
        image: null,
        passwordHash: null,
        totpSecret: null,
        emailVerified: null,
        deletedAt: new Date(),
      })
      .where(eq(users.id, user.id));
    return { reportsAnonymised: anonymised.length };
  });
}
