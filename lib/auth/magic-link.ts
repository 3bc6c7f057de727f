import { and, eq, gt } from "drizzle-orm";
import { memberships, users, verificationTokens } from "@/db/schema";
// System handle: sign-in happens before any tenant-scoped identity exists (users/verification_tokens are platform tables).
import { getSystemDb } from "@/db/system";
import { enqueueSystemEmail } from "@/lib/email/system-email";
import { hashToken, newToken } from "@/lib/security/tokens";
import { checkRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import type { Tenant } from "@/lib/tenancy/get-tenant";
import { tenantBaseUrl } from "@/lib/tenancy/urls";

const TTL_MS = 24 * 60 * 60 * 1000;

/** identifier binds the token to one comune: a link minted on fossano. never signs anyone in on trieste. */
const identifierOf = (tenantId: string, email: string) => `${tenantId}:${email.toLowerCase()}`;

/**
 * Emails a one-time sign-in link for this comune. Always "succeeds" (no account enumeration); rate limited
 * per email and per IP. The link opens a page that signs in on an explicit click (mail scanners that
 * prefetch links must not consume it). Staff who asked from the bare sign-in page (no `next`) land in the
 * back office, not on the public map.
 */
export async function requestMagicLink(tenant: Pick<Tenant, "id" | "slug" | "name" | "primaryColor">, email: string, ip: string | null, next = "/"): Promise<void> {
  const address = email.trim().toLowerCase();
  await checkRateLimit(`${tenant.id}:signin-link:email:${address}`, RATE_LIMITS.signInPerEmail);
  if (ip) await checkRateLimit(`${tenant.id}:signin-link:ip:${ip}`, RATE_LIMITS.signInPerIp);
  const { token, hash } = newToken();
  const db = await getSystemDb();
  await db.insert(verificationTokens).values({
    identifier: identifierOf(tenant.id, address),
    token: hash,
    expires: new Date(Date.now() + TTL_MS),
  });
  const requested = next.startsWith("/") && !next.startsWith("//") ? next : "/";
  const safeNext = requested === "/" && (await isStaffOf(tenant.id, address)) ? "/ufficio" : requested;
  const url = `${tenantBaseUrl(tenant.slug)}/accedi/link?token=${encodeURIComponent(token)}&email=${encodeURIComponent(address)}&next=${encodeURIComponent(safeNext)}`;
  await enqueueSystemEmail(tenant, { template: "signIn", to: address, values: {}, action: { url } }, `signin:${hash}`);
}

async function isStaffOf(tenantId: string, email: string): Promise<boolean> {
  const db = await getSystemDb();
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(users.email, email)))
    .limit(1);
  return Boolean(row);
}

/**
 * Consumes a sign-in token (single use, unexpired, bound to this comune and email) and returns the user,
 * creating a citizen account on first use. Null when the token is not valid.
 */
export async function consumeMagicLink(tenantId: string, email: string, token: string): Promise<{ id: string; email: string; name: string | null } | null> {
  const address = email.trim().toLowerCase();
  const db = await getSystemDb();
  const deleted = await db
    .delete(verificationTokens)
    .where(
      and(
        eq(verificationTokens.identifier, identifierOf(tenantId, address)),
        eq(verificationTokens.token, hashToken(token)),
        gt(verificationTokens.expires, new Date()),
      ),
    )
    .returning();
  if (deleted.length === 0) return null;
  const [existing] = await db.select().from(users).where(eq(users.email, address)).limit(1);
  if (existing) {
    if (existing.deletedAt) return null;
    if (!existing.emailVerified) await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, existing.id));
    return { id: existing.id, email: existing.email, name: existing.name };
  }
  const [created] = await db.insert(users).values({ email: address, emailVerified: new Date() }).returning();
  return { id: created!.id, email: created!.email, name: created!.name };
}

/**
 * Mints a one-time sign-in link for this comune WITHOUT emailing it. For hand-offs where the person has
 * just proven who they are on another host (the apex, after confirming their onboarding email): session
 * cookies are host-only, so the browser is sent to the comune's own /accedi/link to sign in there.
 */
export async function mintSignInLink(tenant: Pick<Tenant, "id" | "slug">, email: string, next = "/"): Promise<string> {
  const address = email.trim().toLowerCase();
  const { token, hash } = newToken();
  const db = await getSystemDb();
  await db.insert(verificationTokens).values({ identifier: identifierOf(tenant.id, address), token: hash, expires: new Date(Date.now() + 15 * 60 * 1000) });
  const safeNext = next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return `${tenantBaseUrl(tenant.slug)}/accedi/link?token=${encodeURIComponent(token)}&email=${encodeURIComponent(address)}&next=${encodeURIComponent(safeNext)}`;
}
