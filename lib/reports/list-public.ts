import { sql } from "drizzle-orm";
import { rowsOf, withTenant } from "@/db/client";
import type { ReportStatus } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { publicReportPredicates, type PublicFilters } from "./public-filters";

export const PUBLIC_PAGE_SIZE = 20;

export type PublicListItem = {
  code: string;
  title: string | null;
  category: string;
  categoryEn: string | null;
  status: ReportStatus;
  address: string | null;
  supportCount: number;
  createdAt: Date;
};

export type PublicListPage = { items: PublicListItem[]; total: number; page: number; pages: number };

/**
 * The accessible list equivalent of the map: the same public reports under the same filters, newest
 * first, one page at a time. Only public fields leave (no reporter data, no description).
 */
export async function listPublicReports(
  tenant: Pick<TenantRef, "id">,
  filters: PublicFilters,
  page = 1,
  pageSize = PUBLIC_PAGE_SIZE,
): Promise<PublicListPage> {
  const where = publicReportPredicates(tenant.id, filters);
  const current = Math.max(1, Math.floor(page));
  return withTenant(tenant.id, async (tx) => {
    const countResult = await tx.execute(sql`
      select count(*)::int as n from reports r
      join categories c on c.tenant_id = r.tenant_id and c.id = r.category_id
      where ${where}`);
    const total = Number(rowsOf<{ n: number }>(countResult)[0]?.n ?? 0);
    const itemsResult = await tx.execute(sql`
      select r.code, coalesce(r.public_title, r.title) as title, c.name as category, c.name_en as category_en,
             r.status, r.address, r.support_count, r.created_at
      from reports r
      join categories c on c.tenant_id = r.tenant_id and c.id = r.category_id
      where ${where}
      order by r.created_at desc, r.code desc
      limit ${pageSize} offset ${(current - 1) * pageSize}`);
    const items = rowsOf<Record<string, unknown>>(itemsResult).map((r) => ({
      code: String(r.code),
      title: (r.title as string | null) ?? null,
      category: String(r.category),
      categoryEn: (r.category_en as string | null) ?? null,
      status: r.status as ReportStatus,
      address: (r.address as string | null) ?? null,
      supportCount: Number(r.support_count),
      createdAt: new Date(r.created_at as string),
    }));
    return { items, total, page: current, pages: Math.max(1, Math.ceil(total / pageSize)) };
  });
}

/** Rows of an execute() result on either driver (postgres.js: array; PGlite: { rows }). */
/** Re-exported for callers that import it from here: it lives with the engines (db/client.ts). */
export { rowsOf };

export type PublicCategory = { id: string; name: string; nameEn: string | null; parentId: string | null };

/** Public, active categories for the filter (internal-only categories never appear). */
export async function listPublicCategories(tenant: Pick<TenantRef, "id">): Promise<PublicCategory[]> {
  return withTenant(tenant.id, async (tx) => {
    const result = await tx.execute(sql`
      select id, name, name_en, parent_id from categories
      where tenant_id = ${tenant.id} and visibility = 'public' and active = true
      order by sort_order, name`);
    return rowsOf<Record<string, unknown>>(result).map((r) => ({
      id: String(r.id),
      name: String(r.name),
      nameEn: (r.name_en as string | null) ?? null,
      parentId: (r.parent_id as string | null) ?? null,
    }));
  });
}
