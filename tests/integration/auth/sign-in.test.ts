import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, users, verificationTokens } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { consumeMagicLink, requestMagicLink } from "@/lib/auth/magic-link";
import { hashPassword } from "@/lib/auth/password";
import { checkPassword, MAX_FAILED_LOGINS } from "@/lib/auth/password-sign-in";
import { hashToken, newToken } from "@/lib/security/tokens";
import { createStaff, createTenant } from "../../support/factories";

const PASSWORD = "una-password-lunga";

async function staffWithPassword() {
  const tenant = await createTenant();
  const { user } = await createStaff(tenant, "operator", { user: { passwordHash: await hashPassword(PASSWORD) } });
  return { tenant, user };
}

describe("checkPassword", () => {
  it("accepts the right password for a member of this comune", async () => {
    const { tenant, user } = await staffWithPassword();
    const result = await checkPassword({ tenantId: tenant.id }, user.email.toUpperCase(), PASSWORD, null);
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("refuses the right password on another comune (no membership there)", async () => {
    const { user } = await staffWithPassword();
    const other = await createTenant();
    expect(await checkPassword({ tenantId: other.id }, user.email, PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a wrong password and an unknown email with the same answer", async () => {
    const { tenant, user } = await staffWithPassword();
    expect(await checkPassword({ tenantId: tenant.id }, user.email, "sbagliata", null)).toEqual({ ok: false, reason: "invalid" });
    expect(await checkPassword({ tenantId: tenant.id }, "nessuno@example.it", PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks the account after repeated failures, even for the right password", async () => {
    const { tenant, user } = await staffWithPassword();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await checkPassword({ tenantId: tenant.id }, user.email, `sbagliata-${i}`, null);
    }
    const db = await getSystemDb();
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await checkPassword({ tenantId: tenant.id }, user.email, PASSWORD, null)).toMatchObject({ ok: false });
  });

  it("vendor scope needs a vendor_staff row", async () => {
    const { user } = await staffWithPassword();
    expect(await checkPassword({ vendor: true }, user.email, PASSWORD, null)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("consumeMagicLink", () => {
  async function mint(tenantId: string, email: string) {
    const { token, hash } = newToken();
    const db = await getSystemDb();
    await db.insert(verificationTokens).values({ identifier: `${tenantId}:${email}`, token: hash, expires: new Date(Date.now() + 60_000) });
    return token;
  }

  it("signs in once, creating a citizen account on first use", async () => {
    const tenant = await createTenant();
    const email = `cittadino-${Date.now()}@example.it`;
    const token = await mint(tenant.id, email);
    const user = await consumeMagicLink(tenant.id, email, token);
    expect(user?.email).toBe(email);
    expect(await consumeMagicLink(tenant.id, email, token)).toBeNull();
  });

  it("a link minted for one comune does not work on another", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const email = `cittadino-${Date.now()}-b@example.it`;
    const token = await mint(a.id, email);
    expect(await consumeMagicLink(b.id, email, token)).toBeNull();
    const db = await getSystemDb();
    const left = await db.select().from(verificationTokens).where(eq(verificationTokens.token, hashToken(token)));
    expect(left).toHaveLength(1);
  });

  it("refuses an expired link", async () => {
    const tenant = await createTenant();
    const email = `scaduto-${Date.now()}@example.it`;
    const { token, hash } = newToken();
    const db = await getSystemDb();
    await db.insert(verificationTokens).values({ identifier: `${tenant.id}:${email}`, token: hash, expires: new Date(Date.now() - 1000) });
    expect(await consumeMagicLink(tenant.id, email, token)).toBeNull();
  });
});

describe("requestMagicLink", () => {
  async function linkSentTo(tenantId: string, email: string): Promise<string> {
    const db = await getSystemDb();
    const rows = await db.select().from(outbox).where(eq(outbox.tenantId, tenantId));
    const mail = rows.map((r) => r.payload as { message: { to: string; action: { url: string } } }).find((p) => p.message.to === email);
    return new URL(mail!.message.action.url).searchParams.get("next")!;
  }

  it("a staff member asking from the bare sign-in page lands in the back office; a citizen on the map", async () => {
    const tenant = await createTenant();
    const { user } = await createStaff(tenant, "operator");
    await requestMagicLink(tenant, user.email, null, "/");
    expect(await linkSentTo(tenant.id, user.email)).toBe("/ufficio");
    const citizen = `cittadina-${Date.now()}@example.it`;
    await requestMagicLink(tenant, citizen, null, "/");
    expect(await linkSentTo(tenant.id, citizen)).toBe("/");
  });

  it("keeps the page the person asked for, and staff of another comune are citizens here", async () => {
    const tenant = await createTenant();
    const { user } = await createStaff(tenant, "supervisor");
    await requestMagicLink(tenant, user.email, null, "/ufficio/supervisione");
    expect(await linkSentTo(tenant.id, user.email)).toBe("/ufficio/supervisione");
    const other = await createTenant();
    await requestMagicLink(other, user.email, null, "/");
    expect(await linkSentTo(other.id, user.email)).toBe("/");
  });
});
