import { sql } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import type { TenantRef } from "@/lib/context";
import { ValidationError } from "@/lib/errors";
import { rowsOf } from "./list-public";
import { publicReportPredicates, type PublicFilters } from "./public-filters";

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
 * The bbox uses plain `between` on (tenant_id, lat, lng), which stays indexable under RLS; at low zoom the
 * bbox is dropped and the newest reports are taken. At most GEOJSON_MAX_FEATURES, with `truncated`.
 */
export async function publicReportsGeoJson(
  tenant: Pick<TenantRef, "id">,
  viewport: Viewport,
  filters: PublicFilters,
): Promise<PublicFeatureCollection> {
  const where = [publicReportPredicates(tenant.id, filters)];
  if (viewport.bbox && viewport.zoom >= WHOLE_TOWN_ZOOM) {
    const [minLng, minLat, maxLng, maxLat] = viewport.bbox;
    where.push(sql`r.lat between ${minLat} and ${maxLat} and r.lng between ${minLng} and ${maxLng}`);
  }
  const result = await withTenant(tenant.id, (tx) =>
    tx.execute(sql`
      with hits as (
        select r.code, coalesce(r.public_title, r.title, c.name) as title, r.status, c.name as category,
               c.id as category_id, r.created_at, r.lat, r.lng,
               row_number() over (order by r.created_at desc) as rn
        from reports r
        join categories c on c.tenant_id = r.tenant_id and c.id = r.category_id
        where ${sql.join(where, sql` and `)}
        order by r.created_at desc
        limit ${GEOJSON_MAX_FEATURES + 1}
      )
      select coalesce(json_agg(json_build_object(
               'type', 'Feature',
               'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(lng, lat)),
               'properties', json_build_object('code', code, 'title', title, 'status', status, 'category', category,
                                               'categoryId', category_id, 'createdAt', created_at)
             ) order by rn) filter (where rn <= ${GEOJSON_MAX_FEATURES}), '[]'::json) as features,
             count(*)::int as n
      from hits`),
  );
  const rows = rowsOf<{
    features: PublicFeatureCollection["features"] | string;
    n: number;
  }>(result);
  const row = rows[0];
  const features = typeof row?.features === "string" ? JSON.parse(row.features) : (row?.features ?? []);
  return { type: "FeatureCollection", features, truncated: Number(row?.n ?? 0) > GEOJSON_MAX_FEATURES };
}
