import { z } from "zod";
import { tenantDomains } from "@/db/schema";
// System handle: vendor console action on a comune's domains (permission checked first).
import { getSystemDb } from "@/db/system";
import { ConflictError, ValidationError } from "@/lib/errors";
import { env } from "@/lib/env";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { auditVendorAction } from "./audit";
import { lockTenant } from "./load-tenant";
import { requireVendorPermission, type VendorCtx } from "./permissions";
import { writingTenants } from "@/lib/tenancy/get-tenant";

export const addDomainInput = z.object({ tenantId: z.string(), host: z.string().trim().toLowerCase().max(253) });

/**
 * Serves a comune on its own domain (the comune points a CNAME to Piazza; TLS is terminated in front).
 * Only hosts the proxy would treat as custom domains are accepted: never the root domain or its subdomains.
 */
export async function addCustomDomain({ ctx, input }: { ctx: VendorCtx; input: z.input<typeof addDomainInput> }): Promise<{ host: string }> {
  const actor = requireVendorPermission(ctx, "tenants.domains");
  const parsed = addDomainInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("validation", { host: ["domain_invalid"] });
  const host = parsed.data.host.replace(/\.$/, "");
  const resolved = resolveHost(host, env.ROOT_DOMAIN);
  if (resolved.kind !== "custom" || resolved.host !== host) throw new ValidationError("validation", { host: ["domain_invalid"] });
  const db = await getSystemDb();
  try {
    return await writingTenants(db.transaction(async (tx) => {
      const tenant = await lockTenant(tx, parsed.data.tenantId);
      await tx.insert(tenantDomains).values({ tenantId: tenant.id, host, verifiedAt: new Date() });
      await auditVendorAction(tx, actor, "vendor.domain_added", { tenantId: tenant.id, data: { host }, ip: ctx.ip });
      return { host };
    }));
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "23505" || (error as { code?: string }).code === "23505") {
      throw new ConflictError("domain_taken");
    }
    throw error;
  }
}
