import { SuspendedError } from "@/lib/errors";
import type { Tenant } from "./get-tenant";

/**
 * Guards writes of a suspended (or cancelled) comune: its back office is read-only except billing, so every
 * write verb calls this after its permission check; billing verbs (invoicing data, checkout, portal) do not.
 */
export function assertWritable(tenant: Pick<Tenant, "status">): void {
  if (isReadOnly(tenant)) throw new SuspendedError();
}

export function isReadOnly(tenant: Pick<Tenant, "status">): boolean {
  return tenant.status === "suspended" || tenant.status === "cancelled";
}
