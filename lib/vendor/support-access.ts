import { createHmac, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { auditEvents, supportAccessGrants, users, verificationTokens } from "@/db/schema";
// System handle: grants are created from the console (no tenant session) and hand-off tokens are platform rows.
import { getSystemDb } from "@/db/system";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx, StaffActor } from "@/lib/context";
import { authSecret } from "@/lib/env";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { toValidationError } from "@/lib/reports/create-report";
import { hashToken, newToken } from "@/lib/security/tokens";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { auditVendorAction } from "./audit";
import { lockTenant, reasonSchema } from "./load-tenant";
import { requireVendorPermission, type VendorCtx } from "./permissions";

export const SUPPORT_COOKIE = "piazza-support";
const HANDOFF_TTL_MS = 5 * 60 * 1000;

export const grantSupportInput = z.object({
  tenantId: z.string(),
  reason: reasonSchema,
  minutes: z.coerce.number().int().min(5, "minutes_invalid").max(240, "minutes_invalid").default(60),
});

/**
 * Opens time-limited support access to a comune's back office: a grant row with reason and expiry (visible
 * to the comune's admins, audited on both sides) and a one-time hand-off link to the comune's host, where
 * cookies are host-only. The link expires in 5 minutes; the access itself when the grant does.
 */
export async function grantSupportAccess({ ctx, input }: { ctx: VendorCtx; input: z.input<typeof grantSupportInput> }) {
  const actor = requireVendorPermission(ctx, "support.access");
  const parsed = grantSupportInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { tenantId, reason, minutes } = parsed.data;
  const db = await getSystemDb();
  const { token, hash } = newToken();
  return db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, tenantId);
    const expiresAt = new Date(Date.now() + minutes * 60 * 1000);
    const [grant] = await tx
      .insert(supportAccessGrants)
      .values({ tenantId: tenant.id, vendorUserId: actor.userId, reason, expiresAt })
      .returning({ id: supportAccessGrants.id });
    await tx.insert(verificationTokens).values({
      identifier: `support:${tenant.id}:${grant!.id}`,
      token: hash,
      expires: new Date(Math.min(expiresAt.getTime(), Date.now() + HANDOFF_TTL_MS)),
    });
    await auditVendorAction(tx, actor, "vendor.support_access_granted", { tenantId: tenant.id, data: { grantId: grant!.id, reason, minutes }, ip: ctx.ip });
    return {
      grantId: grant!.id,
      expiresAt,
      url: `${tenantBaseUrl(tenant.slug)}/ufficio/supporto?grant=${grant!.id}&token=${encodeURIComponent(token)}`,
    };
  });
}

/** Ends a grant early (from the console). */
export async function revokeSupportAccess({ ctx, input }: { ctx: VendorCtx; input: { tenantId: string; grantId: string } }) {
  const actor = requireVendorPermission(ctx, "support.access");
  if (!z.string().uuid().safeParse(input.grantId).success) throw new NotFoundError("grant");
  const db = await getSystemDb();
  await db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, input.tenantId);
    const revoked = await tx
      .update(supportAccessGrants)
      .set({ revokedAt: new Date() })
      .where(and(eq(supportAccessGrants.tenantId, tenant.id), eq(supportAccessGrants.id, input.grantId), isNull(supportAccessGrants.revokedAt)))
      .returning({ id: supportAccessGrants.id });
    if (revoked.length === 0) throw new NotFoundError("grant");
    await auditVendorAction(tx, actor, "vendor.support_access_revoked", { tenantId: tenant.id, data: { grantId: input.grantId }, ip: ctx.ip });
  });
}

/**
 * Consumes a hand-off link on the comune's host (single use, unexpired, bound to this comune and grant) and
 * returns the signed cookie value that carries the support session until the grant expires.
 */
export async function consumeSupportHandoff(tenantId: string, grantId: string, token: string): Promise<{ cookie: string; expiresAt: Date } | null> {
  if (!z.string().uuid().safeParse(grantId).success) return null;
  const db = await getSystemDb();
  const deleted = await db
    .delete(verificationTokens)
    .where(and(eq(verificationTokens.identifier, `support:${tenantId}:${grantId}`), eq(verificationTokens.token, hashToken(token)), gt(verificationTokens.expires, new Date())))
    .returning();
  if (deleted.length === 0) return null;
  const grant = await validGrant(tenantId, grantId);
  if (!grant) return null;
  await withTenant(tenantId, (tx) =>
    tx.insert(auditEvents).values({
      tenantId,
      actorUserId: grant.vendorUserId,
      actorKind: "vendor",
      action: "support.session_started",
      targetType: "support_access_grant",
      targetId: grantId,
      data: { reason: grant.reason, expiresAt: grant.expiresAt.toISOString() },
    }),
  );
  return { cookie: sign(`${tenantId}.${grantId}.${grant.expiresAt.getTime()}`), expiresAt: grant.expiresAt };
}

/**
 * The support actor on a comune's host, from the signed cookie, re-checked against the grant on every
 * request (a revoked or expired grant loses access at once): an admin-like staff actor carrying
 * supportGrantId, so every write it makes is attributable and audited as support.
 */
export async function getSupportActor(tenantId: string, cookieValue: string | null | undefined): Promise<StaffActor | null> {
  const payload = cookieValue ? verify(cookieValue) : null;
  if (!payload) return null;
  const [cookieTenant, grantId, exp] = payload.split(".");
  if (cookieTenant !== tenantId || !grantId || Number(exp) < Date.now()) return null;
  const grant = await validGrant(tenantId, grantId);
  if (!grant) return null;
  const db = await getSystemDb();
  const [user] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, grant.vendorUserId));
  if (!user) return null;
  return {
    kind: "staff",
    userId: grant.vendorUserId,
    name: user.name ?? user.email,
    email: user.email,
    role: "admin",
    title: null,
    officeIds: [],
    organisationId: null,
    supportGrantId: grant.id,
  };
}

async function validGrant(tenantId: string, grantId: string) {
  return withTenant(tenantId, async (tx) => {
    const [grant] = await tx
      .select()
      .from(supportAccessGrants)
      .where(
        and(
          eq(supportAccessGrants.tenantId, tenantId),
          eq(supportAccessGrants.id, grantId),
          isNull(supportAccessGrants.revokedAt),
          gt(supportAccessGrants.expiresAt, new Date()),
        ),
      );
    return grant ?? null;
  });
}

export type SupportGrantView = typeof supportAccessGrants.$inferSelect & { state: "active" | "revoked" | "expired"; vendorName: string | null };

/**
 * Support accesses to this comune, past and active, newest first, with who opened them: for the comune's
 * admins and supervisors (audit.read), on the audit page and the subscription page.
 */
export async function listSupportGrants({ ctx, limit = 20 }: { ctx: Ctx; limit?: number }): Promise<SupportGrantView[]> {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("audit.read");
  requirePermission(ctx.actor, "audit.read");
  const tenantId = ctx.tenant.id;
  const grants = await withTenant(tenantId, (tx) =>
    tx.select().from(supportAccessGrants).where(eq(supportAccessGrants.tenantId, tenantId)).orderBy(desc(supportAccessGrants.createdAt)).limit(limit),
  );
  const names = await vendorNames(grants.map((g) => g.vendorUserId));
  const now = Date.now();
  return grants.map((g) => ({
    ...g,
    state: g.revokedAt ? "revoked" : g.expiresAt.getTime() > now ? "active" : "expired",
    vendorName: names.get(g.vendorUserId) ?? null,
  }));
}

/**
 * The support access in progress on this comune, if any (the one ending last): every back-office page shows
 * it to the comune's own staff, not only to the support person.
 */
export async function activeSupportGrant(tenantId: string): Promise<{ id: string; reason: string; expiresAt: Date; vendorName: string | null } | null> {
  const [grant] = await withTenant(tenantId, (tx) =>
    tx
      .select()
      .from(supportAccessGrants)
      .where(and(eq(supportAccessGrants.tenantId, tenantId), isNull(supportAccessGrants.revokedAt), gt(supportAccessGrants.expiresAt, new Date())))
      .orderBy(desc(supportAccessGrants.expiresAt))
      .limit(1),
  );
  if (!grant) return null;
  const names = await vendorNames([grant.vendorUserId]);
  return { id: grant.id, reason: grant.reason, expiresAt: grant.expiresAt, vendorName: names.get(grant.vendorUserId) ?? null };
}

async function vendorNames(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const db = await getSystemDb();
  const rows = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((u) => [u.id, u.name ?? u.email]));
}

function sign(value: string): string {
  const mac = createHmac("sha256", authSecret()).update(`support:${value}`).digest("base64url");
  return `${value}.${mac}`;
}

function verify(signed: string): string | null {
  const i = signed.lastIndexOf(".");
  if (i < 0) return null;
  const value = signed.slice(0, i);
  const expected = Buffer.from(sign(value).slice(i + 1));
  const given = Buffer.from(signed.slice(i + 1));
  return expected.length === given.length && timingSafeEqual(expected, given) ? value : null;
}
