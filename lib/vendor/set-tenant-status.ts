import { eq } from "drizzle-orm";
import { z } from "zod";
import { billingAccounts, tenants, type TenantStatus } from "@/db/schema";
// System handle: vendor console action on a platform row (permission checked first).
import { getSystemDb } from "@/db/system";
import { VENDOR_REASON } from "@/lib/billing/status";
import { ValidationError } from "@/lib/errors";
import { toValidationError } from "@/lib/reports/create-report";
import { auditVendorAction } from "./audit";
import { lockTenant, reasonSchema } from "./load-tenant";
import { requireVendorPermission, type VendorCtx } from "./permissions";

export const setTenantStatusInput = z.object({ tenantId: z.string(), action: z.enum(["suspend", "reactivate"]), reason: reasonSchema });

/**
 * Suspends a comune (public site shows the notice, back office read-only except billing) or reactivates it.
 * A vendor suspension is marked so billing events cannot lift it; reactivation returns the comune to the
 * status its billing says (trial if still in trial and unsubscribed, otherwise active or past due).
 */
export async function setTenantStatus({ ctx, input }: { ctx: VendorCtx; input: z.input<typeof setTenantStatusInput> }): Promise<{ status: TenantStatus }> {
  const actor = requireVendorPermission(ctx, "tenants.lifecycle");
  const parsed = setTenantStatusInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { tenantId, action, reason } = parsed.data;
  const db = await getSystemDb();
  return db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, tenantId);
    let status: TenantStatus;
    if (action === "suspend") {
      if (tenant.status === "suspended") throw new ValidationError("already_suspended");
      status = "suspended";
    } else {
      if (tenant.status !== "suspended" && tenant.status !== "cancelled") throw new ValidationError("not_suspended");
      const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenant.id));
      status =
        account?.subscriptionStatus === "active"
          ? "active"
          : account?.subscriptionStatus === "past_due"
            ? "past_due"
            : tenant.trialEndsAt && tenant.trialEndsAt > new Date()
              ? "trialing"
              : "active";
    }
    await tx
      .update(tenants)
      .set({ status, statusReason: action === "suspend" ? `${VENDOR_REASON}${reason}` : null, updatedAt: new Date() })
      .where(eq(tenants.id, tenant.id));
    await auditVendorAction(tx, actor, action === "suspend" ? "vendor.tenant_suspended" : "vendor.tenant_reactivated", {
      tenantId: tenant.id,
      data: { from: tenant.status, to: status, reason },
      ip: ctx.ip,
    });
    return { status };
  });
}
