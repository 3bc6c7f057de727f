import type { TenantRef } from "@/lib/context";
import { SuspendedError } from "@/lib/errors";

/** A suspended or cancelled comune is read-only: its data stays visible, nothing changes until restored. */
export function isReadOnly(tenant: Pick<TenantRef, "status">): boolean {
  return tenant.status === "suspended" || tenant.status === "cancelled";
}

/**
 * Guards every write of a comune: called first by each write verb (after its permission check). Billing
 * verbs (invoicing data, checkout, portal) deliberately do not call it, so a suspended comune can pay.
 */
export function assertTenantWritable(tenant: Pick<TenantRef, "status">): void {
  if (isReadOnly(tenant)) throw new SuspendedError();
}
