import { eq } from "drizzle-orm";
import { z } from "zod";
import { tenants } from "@/db/schema";
// System handle: vendor console action on a platform row (permission checked first).
import { getSystemDb } from "@/db/system";
import { ValidationError } from "@/lib/errors";
import { toValidationError } from "@/lib/reports/create-report";
import { auditVendorAction } from "./audit";
import { lockTenant, reasonSchema } from "./load-tenant";
import { requireVendorPermission, type VendorCtx } from "./permissions";
import { writingTenants } from "@/lib/tenancy/get-tenant";

export const extendTrialInput = z.object({ tenantId: z.string(), days: z.coerce.number().int().min(1, "days_invalid").max(90, "days_invalid"), reason: reasonSchema });

/** Pushes the trial end forward (from today if it already ended); a trial-expired suspension is lifted. */
export async function extendTrial({ ctx, input }: { ctx: VendorCtx; input: z.input<typeof extendTrialInput> }): Promise<{ trialEndsAt: Date }> {
  const actor = requireVendorPermission(ctx, "billing.manage");
  const parsed = extendTrialInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { tenantId, days, reason } = parsed.data;
  const db = await getSystemDb();
  return writingTenants(db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, tenantId);
    if (!["trialing", "suspended"].includes(tenant.status) || (tenant.status === "suspended" && tenant.statusReason !== "billing:trial_expired")) {
      throw new ValidationError("not_in_trial");
    }
    const from = Math.max(Date.now(), tenant.trialEndsAt?.getTime() ?? 0);
    const trialEndsAt = new Date(from + days * 24 * 3600 * 1000);
    await tx.update(tenants).set({ trialEndsAt, status: "trialing", statusReason: null, updatedAt: new Date() }).where(eq(tenants.id, tenant.id));
    await auditVendorAction(tx, actor, "vendor.trial_extended", { tenantId: tenant.id, data: { days, reason, trialEndsAt: trialEndsAt.toISOString() }, ip: ctx.ip });
    return { trialEndsAt };
  }));
}
