import { and, asc, desc, eq, gte, isNotNull, like, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { platformAuditEvents, tenants, users } from "@/db/schema";
// System handle: the platform audit spans every comune (vendor staff only, checked first).
import { getSystemDb } from "@/db/system";
import { isoDay, romeMidnight } from "@/lib/audit/list-audit-events";
import { toValidationError } from "@/lib/reports/create-report";
import { requireVendorPermission, type VendorCtx } from "./permissions";

export const PLATFORM_AUDIT_PAGE_SIZE = 50;

export const platformAuditFilterInput = z.object({
  /** An exact action ("vendor.plan_changed") or a prefix without a dot ("vendor" matches vendor.*). */
  action: z.string().trim().max(80).regex(/^[a-z_.]*$/, "invalid").optional().or(z.literal("").transform(() => undefined)),
  actorUserId: z.string().trim().max(100).optional().or(z.literal("").transform(() => undefined)),
  tenantId: z.string().uuid("invalid").optional().or(z.literal("").transform(() => undefined)),
  from: isoDay,
  to: isoDay,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type PlatformAuditFilter = z.input<typeof platformAuditFilterInput>;

/**
 * Vendor actions across the platform, newest first, with who did them and on which comune: filtered by
 * action (exact or prefix), actor, comune and Rome-local date range, one page at a time.
 */
export async function listPlatformAudit({ ctx, input = {} }: { ctx: VendorCtx; input?: PlatformAuditFilter }) {
  requireVendorPermission(ctx, "audit.read");
  const parsed = platformAuditFilterInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const f = parsed.data;
  const where: SQL[] = [];
  if (f.action) where.push(f.action.includes(".") ? eq(platformAuditEvents.action, f.action) : like(platformAuditEvents.action, `${f.action}.%`));
  if (f.actorUserId) where.push(eq(platformAuditEvents.actorUserId, f.actorUserId));
  if (f.tenantId) where.push(eq(platformAuditEvents.targetTenantId, f.tenantId));
  if (f.from) where.push(gte(platformAuditEvents.createdAt, romeMidnight(f.from)));
  if (f.to) where.push(lt(platformAuditEvents.createdAt, new Date(romeMidnight(f.to).getTime() + 24 * 3600 * 1000)));
  const db = await getSystemDb();
  const rows = await db
    .select({ event: platformAuditEvents, actorEmail: users.email, tenantName: tenants.name })
    .from(platformAuditEvents)
    .leftJoin(users, eq(users.id, platformAuditEvents.actorUserId))
    .leftJoin(tenants, eq(tenants.id, platformAuditEvents.targetTenantId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(platformAuditEvents.createdAt), desc(platformAuditEvents.id))
    .limit(PLATFORM_AUDIT_PAGE_SIZE + 1)
    .offset((f.page - 1) * PLATFORM_AUDIT_PAGE_SIZE);
  return { page: f.page, hasNext: rows.length > PLATFORM_AUDIT_PAGE_SIZE, rows: rows.slice(0, PLATFORM_AUDIT_PAGE_SIZE) };
}

/** What the filters offer: the actions, vendor staff and comuni that appear in the platform audit. */
export async function listPlatformAuditFacets({ ctx }: { ctx: VendorCtx }) {
  requireVendorPermission(ctx, "audit.read");
  const db = await getSystemDb();
  const [actions, actors, comuni] = await Promise.all([
    db.selectDistinct({ action: platformAuditEvents.action }).from(platformAuditEvents).orderBy(asc(platformAuditEvents.action)),
    db
      .selectDistinct({ id: users.id, email: users.email })
      .from(platformAuditEvents)
      .innerJoin(users, eq(users.id, platformAuditEvents.actorUserId))
      .orderBy(asc(users.email)),
    db
      .selectDistinct({ id: tenants.id, name: tenants.name })
      .from(platformAuditEvents)
      .innerJoin(tenants, eq(tenants.id, platformAuditEvents.targetTenantId))
      .where(isNotNull(platformAuditEvents.targetTenantId))
      .orderBy(asc(tenants.name)),
  ]);
  return { actions: actions.map((a) => a.action), actors, comuni };
}
