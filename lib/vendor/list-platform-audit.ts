import { desc, eq } from "drizzle-orm";
import { platformAuditEvents, tenants, users } from "@/db/schema";
// System handle: the platform audit spans every comune (vendor staff only, checked first).
import { getSystemDb } from "@/db/system";
import { requireVendorPermission, type VendorCtx } from "./permissions";

/** The latest vendor actions across the platform, with who did them and on which comune. */
export async function listPlatformAudit({ ctx, limit = 100 }: { ctx: VendorCtx; limit?: number }) {
  requireVendorPermission(ctx, "audit.read");
  const db = await getSystemDb();
  return db
    .select({ event: platformAuditEvents, actorEmail: users.email, tenantName: tenants.name })
    .from(platformAuditEvents)
    .leftJoin(users, eq(users.id, platformAuditEvents.actorUserId))
    .leftJoin(tenants, eq(tenants.id, platformAuditEvents.targetTenantId))
    .orderBy(desc(platformAuditEvents.createdAt))
    .limit(limit);
}
