import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { categories, reports } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { loadServiceCatalog } from "@/lib/open311/services";

export const STATS_WINDOW_DAYS = 90;

/**
 * Figures of the last 90 days over reports in public categories (private reports count, as numbers only):
 * counts by status and by category, and median days to acknowledge and to resolve. Aggregated in SQL.
 */
export async function getPublicStats(tenant: Pick<TenantRef, "id">, now = new Date()) {
  const catalog = await loadServiceCatalog(tenant);
  const since = new Date(now.getTime() - STATS_WINDOW_DAYS * 24 * 3600 * 1000);
  const visible = [...catalog.visibleCategoryIds];
  const base = and(eq(reports.tenantId, tenant.id), gte(reports.createdAt, since), visible.length ? inArray(reports.categoryId, visible) : sql`false`);
  return withTenant(tenant.id, async (tx) => {
    const byStatus = await tx.select({ status: reports.status, count: sql<number>`count(*)::int` }).from(reports).where(base).groupBy(reports.status);
    const byCategory = await tx
      .select({ categoryId: reports.categoryId, name: categories.name, count: sql<number>`count(*)::int` })
      .from(reports)
      .innerJoin(categories, and(eq(categories.tenantId, reports.tenantId), eq(categories.id, reports.categoryId)))
      .where(base)
      .groupBy(reports.categoryId, categories.name)
      .orderBy(sql`count(*) desc`, categories.name);
    const [medians] = await tx
      .select({
        ack: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${reports.acknowledgedAt} - ${reports.createdAt})) filter (where ${reports.acknowledgedAt} is not null)`,
        resolve: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${reports.resolvedAt} - ${reports.createdAt})) filter (where ${reports.resolvedAt} is not null)`,
        total: sql<number>`count(*)::int`,
      })
      .from(reports)
      .where(base);
    const days = (seconds: number | null) => (seconds == null ? null : Math.round((Number(seconds) / 86400) * 10) / 10);
    return {
      from: since.toISOString().replace(/\.\d{3}Z$/, "Z"),
      to: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      total: medians?.total ?? 0,
      byStatus: Object.fromEntries(byStatus.map((s) => [s.status, s.count])),
      byCategory: byCategory.map((c) => ({
        serviceCode: catalog.byCategoryId.get(c.categoryId)?.serviceCode ?? c.categoryId,
        name: c.name,
        count: c.count,
      })),
      medianDaysToAcknowledge: days(medians?.ack ?? null),
      medianDaysToResolve: days(medians?.resolve ?? null),
    };
  });
}
