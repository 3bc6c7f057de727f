import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, reportFollowers, reports, users, verificationTokens } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { deleteAccount } from "@/lib/account/delete-account";
import { listMyReports } from "@/lib/account/list-my-reports";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { mfaProof, verifyMfaProof } from "@/lib/auth/mfa-proof";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { requestPasswordReset, resetIdentifier, resetPassword } from "@/lib/auth/password-reset";
import { checkPassword } from "@/lib/auth/password-sign-in";
import { changePassword, disableTotp, enableTotp } from "@/lib/auth/profile";
import { newTotpSecret, totpCode } from "@/lib/auth/totp";
import type { CitizenActor } from "@/lib/context";
import { hashToken, newToken } from "@/lib/security/tokens";
import { createAuditEvent, createCategory, createReport, createStaff, createTenant, createUser } from "../../support/factories";
import { expectCode, staffCtx } from "./helpers";

const OLD = "vecchia-password-lunga";
const NEW = "nuova-password-sicura-2026";

describe("password reset", () => {
  it("emails a link only to staff of this comune, works once, clears the lockout", async () => {
    const tenant = await createTenant();
    const { user } = await createStaff(tenant, "operator", { user: { passwordHash: await hashPassword(OLD), failedLogins: 5, lockedUntil: new Date(Date.now() + 600_000) } });
    const citizen = await createUser();
    await requestPasswordReset(tenant, citizen.email, null);
    await requestPasswordReset(tenant, "nessuno@example.it", null);
    await requestPasswordReset(tenant, user.email.toUpperCase(), null);
    const db = await getSystemDb();
    const mails = (await db.select().from(outbox).where(eq(outbox.tenantId, tenant.id))).map((r) => r.payload as { message: { to: string; action: { url: string } } });
    expect(mails.map((m) => m.message.to)).toEqual([user.email]);
    const url = new URL(mails[0]!.message.action.url);
    expect(url.pathname).toBe("/accedi/reimposta");
    const token = url.searchParams.get("token")!;
    await expectCode(resetPassword(tenant.id, user.email, token, "corta"), "validation");
    await expectCode(resetPassword((await createTenant()).id, user.email, token, NEW), "link_invalid");
    await resetPassword(tenant.id, user.email, token, NEW);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(NEW, row!.passwordHash)).toBe(true);
    expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect(await checkPassword({ tenantId: tenant.id }, user.email, NEW, null)).toMatchObject({ ok: true });
    await expectCode(resetPassword(tenant.id, user.email, token, "un'altra-password-ancora"), "link_invalid");
  });

  it("an expired link is refused", async () => {
    const tenant = await createTenant();
    const { user } = await createStaff(tenant, "admin");
    const { token, hash } = newToken();
    const db = await getSystemDb();
    await db.insert(verificationTokens).values({ identifier: resetIdentifier(tenant.id, user.email), token: hash, expires: new Date(Date.now() - 1) });
    await expectCode(resetPassword(tenant.id, user.email, token, NEW), "link_invalid");
    // A sign-in link token of the same email can never be used as a reset token.
    const signIn = newToken();
    await db.insert(verificationTokens).values({ identifier: `${tenant.id}:${user.email}`, token: signIn.hash, expires: new Date(Date.now() + 60_000) });
    await expectCode(resetPassword(tenant.id, user.email, signIn.token, NEW), "link_invalid");
    expect(hashToken(signIn.token)).toBe(signIn.hash);
  });
});

describe("profile", () => {
  it("changes the password only with the current one", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "operator");
    const db = await getSystemDb();
    await db.update(users).set({ passwordHash: await hashPassword(OLD) }).where(eq(users.id, ctx.actor.userId));
    const wrong = await expectCode(changePassword({ ctx, input: { current: "sbagliata", password: NEW } }), "validation");
    expect(wrong.fieldErrors).toMatchObject({ current: ["password_wrong"] });
    await changePassword({ ctx, input: { current: OLD, password: NEW } });
    const [row] = await db.select().from(users).where(eq(users.id, ctx.actor.userId));
    expect(await verifyPassword(NEW, row!.passwordHash)).toBe(true);
    await expectCode(changePassword({ ctx: { tenant, actor: { kind: "anonymous" } }, input: { current: OLD, password: NEW } }), "forbidden");
  });

  it("enrols TOTP only with a valid code, issues a proof bound to user and secret, disables with a code", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "supervisor");
    const secret = newTotpSecret();
    await expectCode(enableTotp({ ctx, input: { secret, code: "000000" === totpCode(secret) ? "111111" : "000000" } }), "validation");
    await enableTotp({ ctx, input: { secret, code: totpCode(secret) } });
    const db = await getSystemDb();
    expect((await db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0]!.totpSecret).toBe(secret);
    await expectCode(enableTotp({ ctx, input: { secret: newTotpSecret(), code: "123456" } }), "totp_already_enabled");
    const proof = mfaProof(ctx.actor.userId, tenant.id, secret);
    expect(verifyMfaProof(proof, ctx.actor.userId, tenant.id, secret)).toBe(true);
    expect(verifyMfaProof(proof, ctx.actor.userId, (await createTenant()).id, secret)).toBe(false);
    expect(verifyMfaProof(proof, ctx.actor.userId, tenant.id, newTotpSecret())).toBe(false);
    await expectCode(disableTotp({ ctx: { ...ctx, tenant: { ...tenant, settings: { mfaRequired: true } } }, input: { code: totpCode(secret) } }), "totp_mandatory");
    await disableTotp({ ctx, input: { code: totpCode(secret) } });
    expect((await db.select().from(users).where(eq(users.id, ctx.actor.userId)))[0]!.totpSecret).toBeNull();
  });
});

describe("audit browser", () => {
  it("lists this comune's events newest first with filters; operators are forbidden", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "admin");
    await createAuditEvent(tenant, { action: "office.create", actorKind: "staff", actorUserId: ctx.actor.userId, createdAt: new Date("2026-03-01T10:00:00Z") });
    await createAuditEvent(tenant, { action: "category.update", actorKind: "vendor", createdAt: new Date("2026-03-02T23:30:00Z") });
    await createAuditEvent(await createTenant(), { action: "office.create" });
    const all = await listAuditEvents({ ctx, input: {} });
    expect(all.events.map((e) => e.action)).toEqual(["category.update", "office.create"]);
    expect(all.events[1]!.actorName).toBe(ctx.actor.name);
    expect((await listAuditEvents({ ctx, input: { action: "office" } })).events).toHaveLength(1);
    expect((await listAuditEvents({ ctx, input: { actorUserId: ctx.actor.userId } })).events).toHaveLength(1);
    // 23:30 UTC on 2 March is 00:30 on 3 March in Rome.
    expect((await listAuditEvents({ ctx, input: { from: "2026-03-03", to: "2026-03-03" } })).events.map((e) => e.action)).toEqual(["category.update"]);
    await expectCode(listAuditEvents({ ctx, input: { from: "ieri" } }), "validation");
    await expectCode(listAuditEvents({ ctx: await staffCtx(tenant, "operator"), input: {} }), "forbidden");
    expect((await listAuditEvents({ ctx: await staffCtx(tenant, "supervisor"), input: {} })).events).toHaveLength(2);
  });
});

describe("citizen account", () => {
  it("lists my reports in this comune only, private ones with their view token", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const me = await createUser();
    const actor: CitizenActor = { kind: "citizen", userId: me.id, name: me.name, email: me.email };
    const ca = await createCategory(a);
    const cb = await createCategory(b);
    const { report: mine } = await createReport(a, { categoryId: ca.id, reporterUserId: me.id, reporterEmail: null });
    const { report: byEmail } = await createReport(a, { categoryId: ca.id, reporterEmail: me.email, isPublic: false });
    await createReport(a, { categoryId: ca.id });
    await createReport(b, { categoryId: cb.id, reporterUserId: me.id });
    const list = await listMyReports({ ctx: { tenant: a, actor } });
    expect(list.map((r) => r.id).sort()).toEqual([mine.id, byEmail.id].sort());
    expect(list.find((r) => r.id === byEmail.id)!.href).toMatch(new RegExp(`^/segnalazioni/${byEmail.code}\\?t=.{20,}`));
    expect(list.find((r) => r.id === mine.id)!.href).toBe(`/segnalazioni/${mine.code}`);
  });

  it("deleting the account anonymises my reports in every comune and removes my follows", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const me = await createUser();
    const actor: CitizenActor = { kind: "citizen", userId: me.id, name: me.name, email: me.email };
    const { report: ra } = await createReport(a, { categoryId: (await createCategory(a)).id, reporterUserId: me.id, reporterPhone: "333 1234567" });
    const { report: rb } = await createReport(b, { categoryId: (await createCategory(b)).id, reporterEmail: me.email });
    const { report: other } = await createReport(b, { categoryId: (await createCategory(b)).id });
    const db = await getSystemDb();
    await db.insert(reportFollowers).values({ tenantId: b.id, reportId: other.id, email: me.email, userId: me.id });
    await expectCode(deleteAccount({ actor, confirmEmail: "altro@example.it" }), "validation");
    const result = await deleteAccount({ actor, confirmEmail: me.email.toUpperCase() });
    expect(result.reportsAnonymised).toBe(2);
    for (const id of [ra.id, rb.id]) {
      const [r] = await db.select().from(reports).where(eq(reports.id, id));
      expect(r).toMatchObject({ reporterName: null, reporterEmail: null, reporterPhone: null, reporterUserId: null });
    }
    expect((await db.select().from(reports).where(eq(reports.id, other.id)))[0]!.reporterEmail).toBe("mario.rossi@example.it");
    expect(await db.select().from(reportFollowers).where(eq(reportFollowers.userId, me.id))).toHaveLength(0);
    const [u] = await db.select().from(users).where(eq(users.id, me.id));
    expect(u!.email).toMatch(/^deleted-[0-9a-f-]{36}@invalid$/);
    expect(u!.name).toBeNull();
    expect(u!.deletedAt).not.toBeNull();
    await expectCode(deleteAccount({ actor, confirmEmail: me.email }), "already_deleted");
  });

  it("staff cannot delete their account while they hold a membership", async () => {
    const tenant = await createTenant();
    const { user } = await createStaff(tenant, "operator");
    const actor: CitizenActor = { kind: "citizen", userId: user.id, name: user.name, email: user.email };
    await expectCode(deleteAccount({ actor, confirmEmail: user.email }), "staff_cannot_delete");
  });
});
