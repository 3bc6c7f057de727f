import { and, eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { withTenant } from "@/db/client";
import { memberships, membershipOffices, tenants, users, vendorStaff, type TenantSettings, type VendorRole } from "@/db/schema";
// System handle: the signed-in user's own name/email live in the platform users table.
import { getSystemDb } from "@/db/system";
import type { CitizenActor, StaffActor } from "@/lib/context";
import type { Tenant } from "@/lib/tenancy/get-tenant";
import { getSupportActor, SUPPORT_COOKIE } from "@/lib/vendor/support-access";
import { auth } from "./auth";
import { can, type Permission } from "./permissions";

export type PiazzaSession = {
  uid: string;
  tid: string | null;
  vendor: boolean;
  mfa: boolean;
  mfaPending: boolean;
};

/**
 * The raw session, or null. Guards tenancy: a session minted for another comune (cookie replayed on this
 * host) is treated as no session at all. `requestHeaders` defaults to the current request's (route
 * handlers and tests may pass the request's own).
 */
export async function getSessionFor(tenantId: string | null, requestHeaders?: Headers): Promise<PiazzaSession | null> {
  const session = (
    requestHeaders ? await auth({ req: { headers: requestHeaders }, res: new Response() } as never) : await auth()
  ) as (PiazzaSession & object) | null;
  if (!session?.uid) return null;
  if ((session.tid ?? null) !== tenantId) return null;
  return session;
}

async function loadUser(userId: string) {
  const db = await getSystemDb();
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, deletedAt: users.deletedAt, totpSecret: users.totpSecret })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user && !user.deletedAt ? user : null;
}

type TenantWithSettings = Pick<Tenant, "id"> & Partial<Pick<Tenant, "settings">>;

async function mfaRequiredFor(tenant: TenantWithSettings): Promise<boolean> {
  if (tenant.settings) return Boolean(tenant.settings.mfaRequired);
  const db = await getSystemDb();
  const [row] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenant.id));
  return Boolean((row?.settings as TenantSettings | undefined)?.mfaRequired);
}

/**
 * Where a staff session stands with the second factor. "ok": signed in with TOTP, or no TOTP needed.
 * "verify": the person has TOTP but this session did not pass it (e.g. an emailed link) — sign in again
 * with the code. "enrol": the comune makes TOTP mandatory and the person has none yet.
 */
export type MfaState = "ok" | "verify" | "enrol";

async function staffContext(tenant: TenantWithSettings) {
  const session = await getSessionFor(tenant.id);
  if (!session) {
    // No staff session: vendor support may be acting through a valid, time-limited grant
    // (lib/vendor/support-access.ts); the console, not the comune, governs the vendor's second factor.
    const support = await getSupportActor(tenant.id, (await cookies()).get(SUPPORT_COOKIE)?.value);
    return support ? { actor: support, mfa: "ok" as MfaState } : null;
  }
  const user = await loadUser(session.uid);
  if (!user) return null;
  const membership = await withTenant(tenant.id, async (tx) => {
    const [m] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user.id)));
    if (!m) return null;
    const officeRows = await tx
      .select({ officeId: membershipOffices.officeId })
      .from(membershipOffices)
      .where(and(eq(membershipOffices.tenantId, tenant.id), eq(membershipOffices.userId, user.id)));
    return { ...m, officeIds: officeRows.map((o) => o.officeId) };
  });
  if (!membership) return null;
  const mfa: MfaState = session.mfa
    ? "ok"
    : user.totpSecret
      ? "verify"
      : (await mfaRequiredFor(tenant))
        ? "enrol"
        : "ok";
  const actor: StaffActor = {
    kind: "staff",
    userId: user.id,
    name: user.name ?? user.email,
    email: user.email,
    role: membership.role,
    title: membership.title,
    officeIds: membership.officeIds,
    organisationId: membership.organisationId,
  };
  return { actor, mfa };
}

/**
 * The staff member signed in on this comune, with role and scope read fresh from the database on every
 * request (a revoked membership loses access at once). Null for citizens, anonymous visitors and staff
 * sessions that still owe the second factor — unless `allowMfaPending` (only the enrolment page and its
 * actions pass it).
 */
export async function getStaffActor(
  tenant: TenantWithSettings,
  options: { allowMfaPending?: boolean } = {},
): Promise<StaffActor | null> {
  const ctx = await staffContext(tenant);
  if (!ctx) return null;
  if (ctx.mfa !== "ok" && !options.allowMfaPending) return null;
  return ctx.actor;
}

export const MFA_ENROL_PATH = "/ufficio/profilo/2fa";

/**
 * For back-office pages: the staff actor, or a redirect to sign-in; a session that owes the second factor
 * is sent to enrol (or to sign in again with the code) before any other page; with a permission, a staff
 * member lacking it gets a 404 — actions call requirePermission (or staffWith) and map the error.
 */
export async function requireStaff(tenant: TenantWithSettings, permission?: Permission): Promise<StaffActor> {
  const path = (await headers()).get("x-piazza-path") ?? "/ufficio";
  const ctx = await staffContext(tenant);
  if (!ctx) redirect(`/accedi?next=${encodeURIComponent(path)}`);
  if (ctx.mfa === "verify") redirect(`/accedi?next=${encodeURIComponent(path)}&mfa=1`);
  if (ctx.mfa === "enrol" && !path.startsWith(MFA_ENROL_PATH)) redirect(MFA_ENROL_PATH);
  if (permission && !can(ctx.actor.role, permission)) notFound();
  return ctx.actor;
}

/** A citizen signed in on this comune (any user with a session here), or null. */
export async function getCitizenActor(tenant: Pick<Tenant, "id">): Promise<CitizenActor | null> {
  const session = await getSessionFor(tenant.id);
  if (!session) return null;
  const user = await loadUser(session.uid);
  if (!user) return null;
  return { kind: "citizen", userId: user.id, name: user.name, email: user.email };
}

export type VendorActor = { kind: "vendor"; userId: string; name: string; email: string; role: VendorRole; mfa: boolean };

/** Vendor staff signed in on the console host (sessions of comuni are never vendor sessions). */
export async function getVendorActor(): Promise<VendorActor | null> {
  const session = await getSessionFor(null);
  if (!session?.vendor) return null;
  const user = await loadUser(session.uid);
  if (!user) return null;
  const db = await getSystemDb();
  const [staff] = await db.select().from(vendorStaff).where(eq(vendorStaff.userId, user.id)).limit(1);
  if (!staff) return null;
  return { kind: "vendor", userId: user.id, name: user.name ?? user.email, email: user.email, role: staff.role, mfa: session.mfa };
}
