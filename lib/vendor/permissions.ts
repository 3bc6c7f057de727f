import type { VendorRole } from "@/db/schema";
import type { VendorActor } from "@/lib/auth/session";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";

/** What vendor staff may do in the console. Vendor roles never imply any permission inside a comune. */
export const VENDOR_PERMISSIONS = [
  "tenants.read", // list, detail, usage, platform overview
  "tenants.lifecycle", // suspend / reactivate
  "tenants.domains", // add custom domains
  "billing.read", // subscriptions, invoices, MRR
  "billing.manage", // extend trial, change plan
  "support.access", // time-limited access to a comune's back office
  "audit.read",
] as const;
export type VendorPermission = (typeof VENDOR_PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<VendorRole, readonly VendorPermission[]> = {
  owner: VENDOR_PERMISSIONS,
  support: ["tenants.read", "tenants.domains", "support.access", "audit.read"],
  billing: ["tenants.read", "billing.read", "billing.manage", "audit.read"],
};

export function vendorCan(role: VendorRole, permission: VendorPermission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Any actor that may reach a vendor verb: only a vendor actor with a completed second factor passes. */
export type VendorCtx = { actor: VendorActor | { kind: string } | null; ip?: string | null };

/**
 * Guards every console verb: anonymous → UnauthenticatedError; tenant staff, citizens, or vendor staff who
 * have not passed TOTP → ForbiddenError; a vendor role without the permission → ForbiddenError.
 */
export function requireVendorPermission(ctx: VendorCtx, permission: VendorPermission): VendorActor {
  const actor = ctx.actor;
  if (!actor) throw new UnauthenticatedError();
  if (actor.kind !== "vendor") throw new ForbiddenError(permission);
  const vendor = actor as VendorActor;
  if (!vendor.mfa) throw new ForbiddenError("mfa");
  if (!vendorCan(vendor.role, permission)) throw new ForbiddenError(permission);
  return vendor;
}
