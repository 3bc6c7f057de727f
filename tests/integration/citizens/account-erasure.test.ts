import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { emailConfirmations, outbox, rateLimits, reportFollowers, reports, reportSupports, verificationTokens } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { deleteAccount } from "@/lib/account/delete-account";
import { commentOnReport } from "@/lib/engagement/comment-on-report";
import { confirmEmail } from "@/lib/engagement/confirm-email";
import { followReport } from "@/lib/engagement/follow-report";
import { supportReport } from "@/lib/engagement/support-report";
import { createReport as fileReport } from "@/lib/reports/create-report";
import { filedJobs } from "../../support/db";
import { createCategory, createOffice, createReport, createTenant, createUser, type Tenant } from "../../support/factories";
import { anonCtx, lastConfirmToken } from "./helpers";

/**
 * "Elimina il mio account" erases what ties the person to their address in every comune: the confirmed
 * "anche io" (supporter_key "email:<address>") keep counting under a random key, follows and pending
 * confirmations go, sign-in tokens, rate-limit counters and outbox emails keyed by the address go. Other people's rows stay.
 */
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
});
afterAll(closeDb);

async function confirmedSupport(tenant: Tenant, code: string, email: string) {
  await supportReport({ ctx: anonCtx(tenant), input: { code, email } });
  await confirmEmail({ ctx: anonCtx(tenant), input: { token: await lastConfirmToken(tenant, email) } });
}

describe("deleteAccount", () => {
  it("anonymises email supports in every comune, keeps the counts, and removes address-keyed rows", async () => {
    const user = await createUser({ email: `cancellami-${Date.now()}@example.it` });
    const otherPerson = `altra-${Date.now()}@example.it`;
    const reportA = (await createReport(a, { categoryId: (await createCategory(a)).id })).report;
    const reportB = (await createReport(b, { categoryId: (await createCategory(b)).id })).report;
    await confirmedSupport(a, reportA.code, user.email);
    await confirmedSupport(b, reportB.code, user.email);
    await confirmedSupport(a, reportA.code, otherPerson);
    await followReport({ ctx: anonCtx(a), input: { code: reportA.code, email: user.email } });
    await commentOnReport({ ctx: anonCtx(a), input: { code: reportA.code, email: user.email, body: "Confermo, è pericolosa" } });
    const db = await getSystemDb();
    await db.insert(verificationTokens).values({ identifier: user.email, token: `tok-${user.id}`, expires: new Date(Date.now() + 60_000) });

    const keyOf = (email: string) => `email:${email}`;
    expect(await db.select().from(reportSupports).where(eq(reportSupports.supporterKey, keyOf(user.email)))).toHaveLength(2);
    expect(await db.select().from(rateLimits).where(like(rateLimits.key, `%:email:${user.email}`))).not.toHaveLength(0);

    await deleteAccount({ actor: { kind: "citizen", userId: user.id, email: user.email, name: user.name }, confirmEmail: user.email });

    expect(await db.select().from(reportSupports).where(eq(reportSupports.supporterKey, keyOf(user.email)))).toEqual([]);
    const supportsA = await db.select().from(reportSupports).where(eq(reportSupports.reportId, reportA.id));
    expect(supportsA.map((s) => s.supporterKey).sort()).toEqual([expect.stringMatching(/^deleted:[0-9a-f-]{36}$/), keyOf(otherPerson)].sort());
    const supportsB = await db.select().from(reportSupports).where(eq(reportSupports.reportId, reportB.id));
    expect(supportsB.map((s) => s.supporterKey)).toEqual([expect.stringMatching(/^deleted:/)]);
    const [rowA] = await db.select({ n: reports.supportCount }).from(reports).where(eq(reports.id, reportA.id));
    expect(rowA!.n).toBe(2);

    const serialized = JSON.stringify([
      await db.select().from(reportFollowers).where(eq(reportFollowers.reportId, reportA.id)),
      await db.select().from(emailConfirmations).where(eq(emailConfirmations.reportId, reportA.id)),
      await db.select().from(verificationTokens).where(eq(verificationTokens.identifier, user.email)),
      await db.select().from(rateLimits).where(like(rateLimits.key, `%${user.email}%`)),
      await db.select().from(outbox).where(eq(outbox.tenantId, a.id)),
      await db.select().from(outbox).where(eq(outbox.tenantId, b.id)),
    ]);
    expect(serialized).not.toContain(user.email);
    // Someone else's counters and confirmations are untouched.
    expect(await db.select().from(rateLimits).where(like(rateLimits.key, `%:email:${otherPerson}`))).not.toHaveLength(0);
    expect(await db.select().from(emailConfirmations).where(eq(emailConfirmations.email, otherPerson))).not.toHaveLength(0);
  });

  it("takes their receipt out of a filed report's outbox row and leaves the office's notice in it", async () => {
    const user = await createUser({ email: `ricevuta-${Date.now()}@example.it` });
    const office = await createOffice(a);
    const category = await createCategory(a, { officeId: office.id });
    const filed = await fileReport({
      ctx: anonCtx(a),
      input: { categoryId: category.id, lat: a.centreLat, lng: a.centreLng, description: "Buca davanti alla scuola", reporterEmail: user.email, privacyConsent: true },
    });
    expect(Object.keys(await filedJobs(a.id, filed.id))).toEqual(["receipt", "office"]);

    await deleteAccount({ actor: { kind: "citizen", userId: user.id, email: user.email, name: user.name }, confirmEmail: user.email });

    const jobs = await filedJobs(a.id, filed.id);
    expect(Object.keys(jobs)).toEqual(["office"]);
    expect(JSON.stringify(jobs)).not.toContain(user.email);
    // A filing that told only them goes altogether.
    const alone = await createCategory(a);
    const other = await createUser({ email: `sola-${Date.now()}@example.it` });
    const onlyReceipt = await fileReport({
      ctx: anonCtx(a, "203.0.113.8"),
      input: { categoryId: alone.id, lat: a.centreLat, lng: a.centreLng, description: "Cartello divelto in piazza", reporterEmail: other.email, privacyConsent: true },
    });
    expect(Object.keys(await filedJobs(a.id, onlyReceipt.id))).toEqual(["receipt"]);
    await deleteAccount({ actor: { kind: "citizen", userId: other.id, email: other.email, name: other.name }, confirmEmail: other.email });
    expect(await filedJobs(a.id, onlyReceipt.id)).toEqual({});
  });
});
