import { and, eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { withTenant } from "@/db/client";
import { memberships, membershipOffices, users, vendorStaff, type VendorRole } from "@/db/schema";
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
 * host) is treated as no session at all.
 */
export async function getSessionFor(tenantId: string | null): Promise<PiazzaSession | null> {
  const session = (await auth()) as (PiazzaSession & object) | null;
  if (!session?.uid) return null;
  if ((session.tid ?? null) !== tenantId) return null;
  return session;
}

async function loadUser(userId: string) {
  const db = await getSystemDb();
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user && !user.deletedAt ? user : null;
}

/**
 * The staff member signed in on this comune, with role and scope read fresh from the database on every
 * request (a revoked membership loses access at once). Null for citizens and anonymous visitors.
 */
export async function getStaffActor(tenant: Pick<Tenant, "id">): Promise<StaffActor | null> {
  const session = await getSessionFor(tenant.id);
  // No staff session: vendor support may be acting through a valid, time-limited grant (lib/vendor/support-access.ts).
  if (!session) return getSupportActor(tenant.id, (await cookies()).get(SUPPORT_COOKIE)?.value);
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
  return {
    kind: "staff",
    userId: user.id,
    name: user.name ?? user.email,
    email: user.email,
    role: membership.role,
    title: membership.title,
    officeIds: membership.officeIds,
    organisationId: membership.organisationId,
  };
}

/**
 * For back-office pages and actions: the staff actor, or a redirect to sign-in; with a permission, a
 * staff member lacking it gets a 404 (pages) — actions should call requirePermission and map the error.
 */
export async function requireStaff(tenant: Pick<Tenant, "id">, permission?: Permission): Promise<StaffActor> {
  const actor = await getStaffActor(tenant);
  if (!actor) {
    const path = (await headers()).get("x-piazza-path") ?? "/ufficio";
    redirect(`/accedi?next=${encodeURIComponent(path)}`);
  }
  if (permission && !can(actor.role, permission)) notFound();
  return actor;
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
