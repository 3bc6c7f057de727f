import type { TenantRef } from "@/lib/context";
import { SuspendedError } from "@/lib/errors";

/**
 * Guards every back-office write: a suspended or cancelled comune is read-only (its data stays visible to
 * its staff, nothing changes until the service is restored). Called first by each write verb.
 */
export function assertTenantWritable(tenant: Pick<TenantRef, "status">): void {
  if (tenant.status === "suspended" || tenant.status === "cancelled") throw new SuspendedError();
}
