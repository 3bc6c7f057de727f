import type { tenants } from "@/db/schema";

/**
 * status_reason prefixes. Billing (webhooks, the grace/trial sweep) may only move a comune's status when the
 * current status was not set by vendor staff by hand: a comune suspended for a reason of their own stays
 * suspended even if a payment arrives.
 */
export const BILLING_REASON = "billing:";
export const VENDOR_REASON = "vendor:";

export function canBillingChangeStatus(tenant: Pick<typeof tenants.$inferSelect, "status" | "statusReason">): boolean {
  if (tenant.status !== "suspended") return true;
  return !tenant.statusReason?.startsWith(VENDOR_REASON);
}
