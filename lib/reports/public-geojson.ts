import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import type { TenantRef } from "@/lib/context";
import { ValidationError } from "@/lib/errors";
import { rowsOf } from "./list-public";
import { inBoxPredicate } from "./geo-strips";
import { publicCategoryPredicates, publicReportOnlyPredicates, type PublicFilters } from "./public-filters";
import { createFingerprintCache } from "./whole-town-cache";

export const GEOJSON_MAX_FEATURES = 1000;
/** Below this zoom the whole comune is in view: the bbox is dropped (STACK-NOTES: newest-first is faster). */
export const WHOLE_TOWN_ZOOM = 12;

export const viewportInput = z
  .string()
  .transform((s) => s.split(",").map(Number))
  .pipe(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)]))
  .refine(([minLng, minLat, maxLng, maxLat]) => minLng <= maxLng && minLat <= maxLat, "bbox_invalid");

export type Viewport = { bbox: [number, number, number, number] | null; zoom: number };

export type PublicFeatureCollection = {
  type: "FeatureCollection";
  features: {
    type: "Feature";
    geometry: { type: "Point"; coordinates: [number, number] };
    properties: { code: string; title: string; status: string; category: string; categoryId: string; createdAt: string };
  }[];
  truncated: boolean;
};

/** Parses `bbox` and `zoom` query parameters; a malformed bbox is a validation error (400). */
export function parseViewport(params: URLSearchParams): Viewport {
  const zoom = z.coerce.number().min(0).max(24).catch(14).parse(params.get("zoom") ?? undefined);
  const raw = params.get("bbox");
  if (!raw) return { bbox: null, zoom };
  const parsed = viewportInput.safeParse(raw);
  if (!parsed.success) throw new ValidationError("bbox_invalid");
  return { bbox: parsed.data as [number, number, number, number], zoom };
}

/**
 * The public reports of a viewport as GeoJSON, built in SQL (faster than in JS: STACK-NOTES.md). Only
 * public reports of public categories, only public fields — never the reporter, never the description.
 * At most GEOJSON_MAX_FEATURES, with `truncated`.
 *
 * The whole-town view (no bbox, or zoom below WHOLE_TOWN_ZOOM) is the same answer for every visitor of a
 * comune — the newest 1,000 — and twice the work of a 500-feature street view, so it is cached per comune
 * and filters: reused for at most WHOLE_TOWN_TTL_MS, and only while the comune's newest report is the same
 * one (a one-row index lookup), so a report just filed shows at once on every instance. Other changes (a
 * state change, a report hidden by staff) show within the TTL — already shorter than the max-age=30 the
 * route lets browsers keep the answer for. Bbox views are not cached: their keys are unbounded.
 */
export async function publicReportsGeoJson(
  tenant: Pick<TenantRef, "id">,
  viewport: Viewport,
  filters: PublicFilters,
): Promise<GeoJsonText> {
  if (!isWholeTown(viewport)) return queryGeoJson(tenant.id, viewport, filters);
  const key = `${tenant.id}|${JSON.stringify(filters)}`;
  return wholeTownCache.get(key, await newestReportAt(tenant.id), () => queryGeoJson(tenant.id, viewport, filters));
}

/** Whole-town answers are reused this long at most (see publicReportsGeoJson). */
export const WHOLE_TOWN_TTL_MS = 10_000;
// ~100 comuni × a few filter combinations; each entry is at most 1,000 features (~300 KB).
const wholeTownCache = createFingerprintCache<GeoJsonText>({ ttlMs: WHOLE_TOWN_TTL_MS, maxEntries: 200 });

/**
 * A PublicFeatureCollection as JSON text, ready to send. PostgreSQL builds the features' JSON; it is
 * passed on as text, never parsed and serialised again — ≈ 150 KB for a street of 500 reports, which
 * cost the worker a parse and a stringify per request, blocking its other requests meanwhile.
 */
export type GeoJsonText = string;

function isWholeTown(viewport: Viewport): boolean {
  return !viewport.bbox || viewport.zoom < WHOLE_TOWN_ZOOM;
}

/** Fingerprint of a comune's reports: when its newest report was created (index `(tenant_id, created_at desc)`). */
async function newestReportAt(tenantId: string): Promise<string> {
  const result = await withTenant(tenantId, (tx) =>
    tx.execute(sql`select max(created_at)::text as at from reports where tenant_id = ${tenantId}`),
  );
  return rowsOf<{ at: string | null }>(result)[0]?.at ?? "";
}

async function queryGeoJson(tenantId: string, viewport: Viewport, filters: PublicFilters): Promise<GeoJsonText> {
  const result = await withTenant(tenantId, (tx) => tx.execute(publicGeoJsonQuery(tenantId, viewport, filters)));
  return geoJsonText(rowsOf<{ features: string | null; n: number }>(result)[0]);
}

/** The answer around the query's row: its features array is JSON text from PostgreSQL's json_agg. */
export function geoJsonText(row: { features: string | null; n: number } | undefined): GeoJsonText {
  const truncated = Number(row?.n ?? 0) > GEOJSON_MAX_FEATURES;
  return `{"type":"FeatureCollection","features":${row?.features ?? "[]"},"truncated":${truncated}}`;
}

/**
 * The viewport query, one row `(features text, n int)` — the features' JSON array as text; exported so the HTTP benchmark's minimal server
 * runs exactly this SQL. The comune's public categories are read first (a handful of rows), then reports
 * are scanned once with `category_id = any(…)` — joining categories directly made the planner run the geo
 * scan once per category. The bbox goes through the strip index (lib/reports/geo-strips.ts), an
 * index-only scan of about the box itself; at low zoom the bbox is dropped and the newest reports are
 * taken. `desc nulls last` is the order of reports_recent_idx (created_at is NOT NULL, so the same order
 * as `desc`): plain `desc` means NULLS FIRST, which that index cannot give, and PostgreSQL then sorted
 * every report of the comune (1.4 s for 374,000) instead of reading the newest 1,000 from the index
 * (docs/BENCHMARKS.md).
 */
export function publicGeoJsonQuery(tenantId: string, viewport: Viewport, filters: PublicFilters): SQL {
  const where = [publicReportOnlyPredicates(tenantId, filters)];
  const inBox = Boolean(viewport.bbox && viewport.zoom >= WHOLE_TOWN_ZOOM);
  if (inBox && viewport.bbox) {
    const [minLng, minLat, maxLng, maxLat] = viewport.bbox;
    where.push(inBoxPredicate({ minLat, maxLat, minLng, maxLng }));
  }
  // The whole town walks reports_recent_idx newest-first, joined to categories row by row: with the
  // category ids as an opaque array the planner cannot tell most reports match, and reads and sorts the
  // whole comune instead (18 ms at 34,000 reports, seconds under load). A box is few enough rows to scan
  // through the strip index and filter by the array.
  const scan = inBox
    ? sql`select r.code, coalesce(r.public_title, r.title) as own_title, r.status, r.category_id, r.created_at, r.lat, r.lng
          from reports r
          where ${sql.join(where, sql` and `)} and r.category_id = any(array(select id from pub))`
    : sql`select r.code, coalesce(r.public_title, r.title) as own_title, r.status, r.category_id, r.created_at, r.lat, r.lng
          from reports r join categories c on c.tenant_id = r.tenant_id and c.id = r.category_id
          where ${sql.join(where, sql` and `)} and ${publicCategoryPredicates(tenantId, filters)}`;
  return sql`
      with pub as materialized (
        select c.id, c.name from categories c where ${publicCategoryPredicates(tenantId, filters)}
      ), hits as (
        ${scan}
        order by r.created_at desc nulls last
        limit ${GEOJSON_MAX_FEATURES + 1}
      ), numbered as (
        select h.*, p.name as category, row_number() over (order by h.created_at desc nulls last, h.code) as rn
        from hits h join pub p on p.id = h.category_id
      )
      select coalesce(json_agg(json_build_object(
               'type', 'Feature',
               'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(lng, lat)),
               'properties', json_build_object('code', code, 'title', coalesce(own_title, category), 'status', status,
                                               'category', category, 'categoryId', category_id, 'createdAt', created_at)
             ) order by rn) filter (where rn <= ${GEOJSON_MAX_FEATURES}), '[]'::json)::text as features,
             count(*)::int as n
      from numbered`;
}
