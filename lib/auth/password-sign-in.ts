import { and, eq, sql } from "drizzle-orm";
import { memberships, users, vendorStaff } from "@/db/schema";
// System handle: credentials are checked before a session (and thus a tenant-scoped identity) exists.
import { getSystemDb } from "@/db/system";
import { checkRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import { verifyPassword } from "./password";

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

/**
 * Per-email attempts allowed per window. Deliberately above MAX_FAILED_LOGINS: the account lockout is the
 * per-account brake (and tells the person what happened); this limit only stops hammering beyond it.
 */
const LOGIN_PER_EMAIL = { limit: MAX_FAILED_LOGINS * 2, windowSeconds: 900 };

export type PasswordSignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null; totpSecret: string | null } }
  | { ok: false; reason: "invalid" | "locked" | "rate_limited" };

/**
 * Email + password for staff of this comune (tenantId) or vendor staff (tenantId null, console host).
 * Rate limited per email and IP; after MAX_FAILED_LOGINS wrong passwords the account is locked for
 * LOCKOUT_MINUTES. The answer never tells whether the email exists.
 */
export async function checkPassword(
  scope: { tenantId: string } | { vendor: true },
  email: string,
  password: string,
  ip: string | null,
): Promise<PasswordSignInResult> {
  const address = email.trim().toLowerCase();
  const scopeKey = "tenantId" in scope ? scope.tenantId : "vendor";
  try {
    await checkRateLimit(`${scopeKey}:login:email:${address}`, LOGIN_PER_EMAIL);
    if (ip) await checkRateLimit(`${scopeKey}:login:ip:${ip}`, RATE_LIMITS.signInPerIp);
  } catch {
    return { ok: false, reason: "rate_limited" };
  }
  const db = await getSystemDb();
  const [user] = await db.select().from(users).where(eq(users.email, address)).limit(1);
  if (!user || user.deletedAt) {
    await verifyPassword(password, "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    return { ok: false, reason: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) return { ok: false, reason: "locked" };
  const valid = await verifyPassword(password, user.passwordHash);
  const member = valid ? await isMember(scope, user.id) : false;
  if (!valid || !member) {
    if (!valid) {
      await db
        .update(users)
        .set({
          failedLogins: sql`${users.failedLogins} + 1`,
          lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${MAX_FAILED_LOGINS} then now() + interval '${sql.raw(String(LOCKOUT_MINUTES))} minutes' else ${users.lockedUntil} end`,
        })
        .where(eq(users.id, user.id));
    }
    return { ok: false, reason: "invalid" };
  }
  if (user.failedLogins > 0 || user.lockedUntil) {
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, totpSecret: user.totpSecret } };
}

async function isMember(scope: { tenantId: string } | { vendor: true }, userId: string): Promise<boolean> {
  const db = await getSystemDb();
  if ("vendor" in scope) {
    const [row] = await db.select({ id: vendorStaff.userId }).from(vendorStaff).where(eq(vendorStaff.userId, userId));
    return Boolean(row);
  }
  const [row] = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, scope.tenantId), eq(memberships.userId, userId)));
  return Boolean(row);
}
