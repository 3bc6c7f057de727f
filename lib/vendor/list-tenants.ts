import { and, asc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { billingAccounts, TENANT_STATUSES, tenants } from "@/db/schema";
// System handle: the console looks across every comune (vendor staff only, checked first).
import { getSystemDb } from "@/db/system";
import { mrrCents, PLAN_IDS, PLANS } from "@/lib/billing/plans";
import { requireVendorPermission, vendorCan, type VendorCtx } from "./permissions";

export const listTenantsInput = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(TENANT_STATUSES).optional().or(z.literal("").transform(() => undefined)),
  plan: z.enum(PLAN_IDS).optional().or(z.literal("").transform(() => undefined)),
  region: z.string().trim().max(60).optional(),
});

export type TenantRow = {
  id: string;
  slug: string;
  name: string;
  province: string | null;
  region: string | null;
  population: number | null;
  status: string;
  plan: string | null;
  interval: string | null;
  trialEndsAt: Date | null;
  /** Null for vendor roles without billing.read: money figures are not shown to them. */
  mrrCents: number | null;
  reportsThisMonth: number;
  staffCount: number;
  storageBytes: number;
  lastActivity: Date | null;
};

/** Paying statuses count towards MRR; a trial or a suspended comune does not. */
export function countsForMrr(status: string): boolean {
  return status === "active" || status === "past_due";
}

/** The comune's plan in SQL: tenants.plan when set, else the tier of its population (as planOf does). */
export const effectivePlanSql = sql<string>`coalesce(${tenants.plan}, case ${sql.join(
  PLANS.map((p) =>
    p.maxPopulation === null ? sql.raw(`else '${p.id}'`) : sql`when coalesce(${tenants.population}, 0) <= ${sql.raw(String(p.maxPopulation))} then ${sql.raw(`'${p.id}'`)}`,
  ),
  sql` `,
)} end)`;

/** The console's tenants list with the usage figures staff look at, filtered by search/status/plan/region. */
export async function listTenants({ ctx, input }: { ctx: VendorCtx; input: z.input<typeof listTenantsInput> }): Promise<TenantRow[]> {
  const actor = requireVendorPermission(ctx, "tenants.read");
  const money = vendorCan(actor.role, "billing.read");
  const filters = listTenantsInput.parse(input);
  const where: SQL[] = [];
  if (filters.q) {
    const like = `%${filters.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(tenants.name, like), ilike(tenants.slug, like), ilike(tenants.istatCode, like))!);
  }
  if (filters.status) where.push(eq(tenants.status, filters.status));
  if (filters.plan) where.push(eq(effectivePlanSql, filters.plan));
  if (filters.region) where.push(eq(tenants.region, filters.region));
  const db = await getSystemDb();
  const rows = await db
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      province: tenants.province,
      region: tenants.region,
      population: tenants.population,
      status: tenants.status,
      plan: effectivePlanSql,
      interval: billingAccounts.interval,
      trialEndsAt: tenants.trialEndsAt,
      reportsThisMonth: sql<number>`(select count(*) from reports r where r.tenant_id = ${tenants.id} and r.created_at >= date_trunc('month', now()))`.mapWith(Number),
      staffCount: sql<number>`(select count(*) from memberships m where m.tenant_id = ${tenants.id})`.mapWith(Number),
      storageBytes: sql<number>`(select coalesce(sum(a.size_bytes), 0) from attachments a where a.tenant_id = ${tenants.id})`.mapWith(Number),
      lastActivity: sql<string | null>`greatest((select max(r.created_at) from reports r where r.tenant_id = ${tenants.id}), (select max(e.created_at) from audit_events e where e.tenant_id = ${tenants.id}))`,
    })
    .from(tenants)
    .leftJoin(billingAccounts, eq(billingAccounts.tenantId, tenants.id))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(tenants.name))
    .limit(500);
  return rows.map((r) => ({
    ...r,
    lastActivity: r.lastActivity ? new Date(r.lastActivity) : null,
    mrrCents: money ? (countsForMrr(r.status) ? mrrCents(r.plan, r.interval) : 0) : null,
  }));
}

/** Regions present among the comuni, for the filter. */
export async function listRegions({ ctx }: { ctx: VendorCtx }): Promise<string[]> {
  requireVendorPermission(ctx, "tenants.read");
  const db = await getSystemDb();
  const rows = await db.selectDistinct({ region: tenants.region }).from(tenants).orderBy(asc(tenants.region));
  return rows.map((r) => r.region).filter((r): r is string => Boolean(r));
}
