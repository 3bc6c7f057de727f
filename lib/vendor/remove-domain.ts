import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { tenantDomains } from "@/db/schema";
// System handle: vendor console action on a comune's domains (permission checked first).
import { getSystemDb } from "@/db/system";
import { NotFoundError } from "@/lib/errors";
import { toValidationError } from "@/lib/reports/create-report";
import { auditVendorAction } from "./audit";
import { lockTenant, reasonSchema } from "./load-tenant";
import { requireVendorPermission, type VendorCtx } from "./permissions";
import { writingTenants } from "@/lib/tenancy/get-tenant";

export const removeDomainInput = z.object({ tenantId: z.string(), host: z.string().trim().toLowerCase().max(253), reason: reasonSchema });

/**
 * Stops serving a comune on one of its custom domains (its subdomain keeps working); from the next request
 * the host resolves to no comune. A host of another comune is "not found". Audited with the reason.
 */
export async function removeCustomDomain({ ctx, input }: { ctx: VendorCtx; input: z.input<typeof removeDomainInput> }): Promise<void> {
  const actor = requireVendorPermission(ctx, "tenants.domains");
  const parsed = removeDomainInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const { tenantId, host, reason } = parsed.data;
  const db = await getSystemDb();
  await writingTenants(db.transaction(async (tx) => {
    const tenant = await lockTenant(tx, tenantId);
    const removed = await tx
      .delete(tenantDomains)
      .where(and(eq(tenantDomains.tenantId, tenant.id), eq(tenantDomains.host, host)))
      .returning({ host: tenantDomains.host });
    if (removed.length === 0) throw new NotFoundError("domain");
    await auditVendorAction(tx, actor, "vendor.domain_removed", { tenantId: tenant.id, data: { host, reason }, ip: ctx.ip });
  }));
}
