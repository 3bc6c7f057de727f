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
import { writingTenants } from "@/lib/tenancy/get-tenant";

/** Stripe subscription statuses that pay (or are in Stripe's own trial), and the comune's status for each. */
const PAYING: Record<string, TenantStatus> = { active: "active", past_due: "past_due", trialing: "trialing" };

export const setTenantStatusInput = z.object({
  tenantId: z.string(),
  action: z.enum(["suspend", "reactivate"]),
  reason: reasonSchema,
  /** Reactivation without a paying subscription and with the trial over: a new trial of this many days. */
  trialDays: z.coerce.number().int().min(1, "days_invalid").max(90, "days_invalid").optional(),
});

/**
 * Suspends a comune (public site shows the notice, back office read-only except billing) or reactivates it.
 * A vendor suspension is marked so billing events cannot lift it; reactivation returns the comune to the
 * status its billing says: active / past due / trialing with a live Stripe subscription; otherwise a trial,
 * either the one still running or a new one whose length the vendor chooses (trialDays). Without either it is
 * refused: a comune without a subscription and with its trial over must never get free service (the sweep
 * would not catch an "active" comune with nothing to pay).
 */
export async function setTenantStatus({ ctx, input }: { ctx: VendorCtx; input: z.input<typeof setTenantStatusInput> }): Promise<{ status: TenantStatus }> {
  const actor = requireVendorPermission(ctx, "tenants.lifecycle");
  const parsed = setTenantStatusInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { tenantId, action, reason, trialDays } = parsed.data;
  const db = await getSystemDb();
  return writingTenants(db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, tenantId);
    let status: TenantStatus;
    let trialEndsAt = tenant.trialEndsAt;
    if (action === "suspend") {
      if (tenant.status === "suspended") throw new ValidationError("already_suspended");
      status = "suspended";
    } else {
      if (tenant.status !== "suspended" && tenant.status !== "cancelled") throw new ValidationError("not_suspended");
      const [account] = await tx.select().from(billingAccounts).where(eq(billingAccounts.tenantId, tenant.id));
      const paying = PAYING[account?.subscriptionStatus ?? ""];
      if (paying) status = paying;
      else if (tenant.trialEndsAt && tenant.trialEndsAt > new Date()) status = "trialing";
      else if (trialDays) {
        status = "trialing";
        trialEndsAt = new Date(Date.now() + trialDays * 24 * 3600 * 1000);
      } else throw new ValidationError("trial_days_required", { trialDays: ["trial_days_required"] });
    }
    await tx
      .update(tenants)
      .set({ status, trialEndsAt, statusReason: action === "suspend" ? `${VENDOR_REASON}${reason}` : null, updatedAt: new Date() })
      .where(eq(tenants.id, tenant.id));
    await auditVendorAction(tx, actor, action === "suspend" ? "vendor.tenant_suspended" : "vendor.tenant_reactivated", {
      tenantId: tenant.id,
      data: { from: tenant.status, to: status, reason, ...(trialEndsAt !== tenant.trialEndsAt ? { trialEndsAt: trialEndsAt!.toISOString() } : {}) },
      ip: ctx.ip,
    });
    return { status };
  }));
}
