import { and, eq, gt } from "drizzle-orm";
import { auditEvents, memberships, users, verificationTokens } from "@/db/schema";
// System handle: resets happen without a session; users and verification_tokens are platform tables.
import { getSystemDb } from "@/db/system";
import { enqueueSystemEmail } from "@/lib/email/system-email";
import { ValidationError } from "@/lib/errors";
import { checkRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import { hashToken, newToken } from "@/lib/security/tokens";
import type { Tenant } from "@/lib/tenancy/get-tenant";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { hashPassword } from "./password";
import { passwordProblem } from "./password-policy";

export const RESET_TTL_MS = 60 * 60 * 1000;

/** Reset tokens share verification_tokens with sign-in links; the prefix keeps the two from ever mixing. */
export const resetIdentifier = (tenantId: string, email: string) => `reset:${tenantId}:${email.trim().toLowerCase()}`;

/**
 * "Password dimenticata": emails a one-time link (1 h) to a staff member of this comune. Rate limited per
 * email and IP; the caller always shows the same answer, whether or not the address belongs to anyone.
 */
export async function requestPasswordReset(
  tenant: Pick<Tenant, "id" | "slug" | "name" | "primaryColor">,
  email: string,
  ip: string | null,
): Promise<void> {
  const address = email.trim().toLowerCase();
  await checkRateLimit(`${tenant.id}:reset:email:${address}`, RATE_LIMITS.signInPerEmail);
  if (ip) await checkRateLimit(`${tenant.id}:reset:ip:${ip}`, RATE_LIMITS.signInPerIp);
  const db = await getSystemDb();
  const [member] = await db
    .select({ id: users.id, deletedAt: users.deletedAt })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.tenantId, tenant.id)))
    .where(eq(users.email, address))
    .limit(1);
  if (!member || member.deletedAt) return;
  const { token, hash } = newToken();
  await db.insert(verificationTokens).values({
    identifier: resetIdentifier(tenant.id, address),
    token: hash,
    expires: new Date(Date.now() + RESET_TTL_MS),
  });
  const url = `${tenantBaseUrl(tenant.slug)}/accedi/reimposta?token=${encodeURIComponent(token)}&email=${encodeURIComponent(address)}`;
  await enqueueSystemEmail(tenant, { template: "auth.resetEmail", to: address, values: {}, action: { url } }, `reset:${hash}`);
}

/**
 * Sets a new password from an emailed link: the password must follow the policy (checked before the link
 * is spent, so a typo does not burn it); the link works once, on this comune, before expiry. Clears the
 * lockout and every other pending reset link of that address.
 */
export async function resetPassword(tenantId: string, email: string, token: string, password: string): Promise<void> {
  const address = email.trim().toLowerCase();
  const problem = passwordProblem(password, address);
  if (problem) throw new ValidationError("validation", { password: [problem] });
  const passwordHash = await hashPassword(password);
  const db = await getSystemDb();
  await db.transaction(async (tx) => {
    const spent = await tx
      .delete(verificationTokens)
      .where(
        and(
          eq(verificationTokens.identifier, resetIdentifier(tenantId, address)),
          eq(verificationTokens.token, hashToken(token)),
          gt(verificationTokens.expires, new Date()),
        ),
      )
      .returning();
    if (spent.length === 0) throw new ValidationError("link_invalid");
    const [user] = await tx
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null })
      .where(eq(users.email, address))
      .returning({ id: users.id });
    if (!user) throw new ValidationError("link_invalid");
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, resetIdentifier(tenantId, address)));
    await tx.insert(auditEvents).values({
      tenantId,
      actorUserId: user.id,
      actorKind: "staff",
      action: "profile.password_reset",
      targetType: "user",
      targetId: user.id,
    });
  });
}
