import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * Reports carry `geo_strip = floor(lng * GEO_STRIPS_PER_DEGREE)`, a generated column: north–south strips
 * 0.002° wide (≈ 160 m at Italian latitudes). The geo index is `(tenant_id, geo_strip, lat)` — one btree
 * descent per strip, each reading only the box's latitude range — so a viewport reads about the box
 * itself, not the whole latitude band of the town a `(tenant_id, lat, lng)` btree walks (which grew with
 * the data: docs/BENCHMARKS.md). Plain integer and float comparisons stay indexable under RLS
 * (leakproof operators; ../shared/STACK-NOTES.md).
 */
export const GEO_STRIPS_PER_DEGREE = 500;
/** Wider boxes (≈ 2° of longitude) skip the strip list: they are whole-region views, not streets. */
const MAX_STRIPS = 1000;

/** The strips a longitude range touches; the same float arithmetic as the column's expression. */
export function geoStrips(minLng: number, maxLng: number): number[] | null {
  const first = Math.floor(minLng * GEO_STRIPS_PER_DEGREE);
  const last = Math.floor(maxLng * GEO_STRIPS_PER_DEGREE);
  if (last < first || last - first + 1 > MAX_STRIPS) return null;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

type Columns = { lat: AnyColumn | SQL; lng: AnyColumn | SQL; strip: AnyColumn | SQL };
const ALIAS_R: Columns = { lat: sql`r.lat`, lng: sql`r.lng`, strip: sql`r.geo_strip` };

/** Position inside the box, written so the strip index answers it (default: alias `r` for reports). */
export function inBoxPredicate(
  box: { minLat: number; maxLat: number; minLng: number; maxLng: number },
  col: Columns = ALIAS_R,
): SQL {
  const strips = geoStrips(box.minLng, box.maxLng);
  const inBox = sql`${col.lat} between ${box.minLat} and ${box.maxLat} and ${col.lng} between ${box.minLng} and ${box.maxLng}`;
  // One array parameter (not one per strip): a short statement, planned the same whatever the box.
  return strips ? sql`${col.strip} = any(${`{${strips.join(",")}}`}::int[]) and ${inBox}` : inBox;
}
