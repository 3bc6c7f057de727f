import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { REPORT_STATUSES } from "@/db/schema";

/** Statuses a visitor can filter by: "open"/"closed" groups or one exact state. */
export const STATUS_FILTERS = ["open", "closed", ...REPORT_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** Period presets of the public filters (days back from today). */
export const PERIODS = ["7", "30", "365"] as const;

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const isoDate = z.preprocess(emptyToUndefined, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional());

/**
 * Filters of the public map and list, shared by the GeoJSON endpoint and the server-rendered list so both
 * always show the same reports. Unknown or malformed values are dropped rather than failing the page:
 * a hand-edited URL still shows something sensible.
 */
export const publicFiltersInput = z.object({
  category: z.preprocess(emptyToUndefined, z.string().uuid().optional()).catch(undefined),
  status: z.preprocess(emptyToUndefined, z.enum(STATUS_FILTERS).optional()).catch(undefined),
  periodo: z.preprocess(emptyToUndefined, z.enum(PERIODS).optional()).catch(undefined),
  from: isoDate.catch(undefined),
  to: isoDate.catch(undefined),
});
export type PublicFilters = z.output<typeof publicFiltersInput>;

/** Reads filters from URLSearchParams or a Next searchParams object (first value of repeated keys). */
export function parsePublicFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): PublicFilters {
  const get = (k: string) => {
    if (params instanceof URLSearchParams) return params.get(k) ?? undefined;
    const v = params[k];
    return Array.isArray(v) ? v[0] : v;
  };
  return publicFiltersInput.parse({
    category: get("category"),
    status: get("status"),
    periodo: get("periodo"),
    from: get("from"),
    to: get("to"),
  });
}

/**
 * SQL predicates over `r` (reports) and `c` (categories) that every public query carries: only public
 * reports of public categories of this comune, plus the visitor's filters. Guards privacy: a private
 * report or a report of an internal category can never match.
 */
export function publicReportPredicates(tenantId: string, filters: PublicFilters, now = new Date()): SQL {
  return sql`${publicCategoryPredicates(tenantId, filters)} and ${publicReportOnlyPredicates(tenantId, filters, now)}`;
}

/** The half of publicReportPredicates over `c` (categories): this comune's public ones, the category filter. */
export function publicCategoryPredicates(tenantId: string, filters: PublicFilters): SQL {
  const parts: SQL[] = [sql`c.tenant_id = ${tenantId}`, sql`c.visibility = 'public'`];
  if (filters.category) parts.push(sql`(c.id = ${filters.category} or c.parent_id = ${filters.category})`);
  return sql.join(parts, sql` and `);
}

/**
 * The half of publicReportPredicates over `r` (reports): this comune's public reports, state and period.
 * Alone it does NOT exclude internal categories: callers pair it with publicCategoryPredicates.
 */
export function publicReportOnlyPredicates(tenantId: string, filters: PublicFilters, now = new Date()): SQL {
  const parts: SQL[] = [sql`r.tenant_id = ${tenantId}`, sql`r.is_public = true`];
  if (filters.status === "open") parts.push(sql`r.status in ('new', 'acknowledged', 'in_progress')`);
  else if (filters.status === "closed") parts.push(sql`r.status in ('resolved', 'not_competent', 'rejected', 'duplicate')`);
  else if (filters.status) parts.push(sql`r.status = ${filters.status}`);
  if (filters.periodo) {
    const since = new Date(now.getTime() - Number(filters.periodo) * 24 * 3600 * 1000);
    parts.push(sql`r.created_at >= ${since.toISOString()}::timestamptz`);
  }
  if (filters.from) parts.push(sql`r.created_at >= ${filters.from}::date`);
  if (filters.to) parts.push(sql`r.created_at < (${filters.to}::date + 1)`);
  return sql.join(parts, sql` and `);
}

/** Filters as query-string pairs (for links that keep them: paging, the GeoJSON URL). */
export function filtersToParams(filters: PublicFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, String(v));
  return params;
}
