import { eq } from "drizzle-orm";
import { cache } from "react";
import { tenantDomains, tenants } from "@/db/schema";
// System handle: host → tenant lookup happens before any tenant is known (db/system.ts).
import { getSystemDb } from "@/db/system";
import { isValidSlug } from "./resolve-host";

export type Tenant = typeof tenants.$inferSelect;

/**
 * Loads a comune from the internal route segment: a slug, or a custom host (contains a dot). Null when
 * there is none: callers fail closed with notFound(). Cached per request.
 */
export const getTenant = cache(async (segment: string): Promise<Tenant | null> => {
  const key = decodeURIComponent(segment).toLowerCase();
  const db = await getSystemDb();
  if (key.includes(".")) {
    const rows = await db
      .select({ tenant: tenants })
      .from(tenantDomains)
      .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
      .where(eq(tenantDomains.host, key))
      .limit(1);
    return rows[0]?.tenant ?? null;
  }
  if (!isValidSlug(key)) return null;
  const rows = await db.select().from(tenants).where(eq(tenants.slug, key)).limit(1);
  return rows[0] ?? null;
});

/** Suspended and cancelled comuni show a notice instead of their public site. */
export function isServiceSuspended(tenant: Pick<Tenant, "status">): boolean {
  return tenant.status === "suspended" || tenant.status === "cancelled";
}
