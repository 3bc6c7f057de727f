import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { tenants } from "@/db/schema";
// System handle: the boundary lives on the platform `tenants` row; the audit row goes in the same transaction.
import { getSystemDb } from "@/db/system";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { ValidationError } from "@/lib/errors";
import { bboxOf, interiorPoint, pointInPolygon, polygonsOf, type Boundary } from "@/lib/geo/polygon";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { parseInput } from "./parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { writingTenants } from "@/lib/tenancy/get-tenant";

const input = z.object({
  geojson: z.string().trim().min(2, "geojson_invalid").max(2_000_000, "too_long"),
  /** Where the map opens (the town hall): must be inside the boundary; omitted → kept if inside, else computed. */
  centre: z
    .object({ lat: z.coerce.number().min(-90).max(90), lng: z.coerce.number().min(-180).max(180) })
    .optional(),
});

/** Generous box around Italy (Lampedusa to the Vetta d'Italia, Campione d'Italia to Otranto). */
const ITALY = { minLat: 35, maxLat: 47.2, minLng: 6.5, maxLng: 18.7 };
/** Rome, the largest comune, spans about 0.5°; a typing slip (a lost minus, a swapped pair) spans far more. */
const MAX_SPAN_DEGREES = 1.5;
/** About 200 m: Atrani, the smallest comune, is wider. */
const MIN_SPAN_DEGREES = 0.002;
const MAX_POINTS = 100_000;

const invalid = (key: string) => new ValidationError("validation", { geojson: [key] });

/**
 * Parses the comune's boundary from GeoJSON text: a Polygon or MultiPolygon, bare or inside a Feature or a
 * one-feature FeatureCollection. Every ring closed with at least 4 positions, coordinates in range and in
 * Italy, a plausible size. Throws ValidationError with a message key (settings.errors.*) naming the rule.
 */
export function parseBoundary(text: string): Boundary {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid("geojson_invalid");
  }
  const geometry = unwrap(value);
  if (
    !geometry ||
    (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") ||
    !Array.isArray(geometry.coordinates) ||
    geometry.coordinates.length === 0
  ) {
    throw invalid("geojson_not_polygon");
  }
  const polygons = (geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates) as unknown[];
  let points = 0;
  const clean = polygons.map((polygon) => {
    if (!Array.isArray(polygon) || polygon.length === 0) throw invalid("geojson_not_polygon");
    return polygon.map((ring) => {
      const checked = parseRing(ring);
      points += checked.length;
      return checked;
    });
  });
  if (points > MAX_POINTS) throw invalid("too_many_points");
  const boundary: Boundary =
    geometry.type === "Polygon"
      ? { type: "Polygon", coordinates: clean[0]! }
      : { type: "MultiPolygon", coordinates: clean };
  const box = bboxOf(boundary);
  const span = Math.max(box.maxLat - box.minLat, box.maxLng - box.minLng);
  if (span > MAX_SPAN_DEGREES) throw invalid("area_too_large");
  if (span < MIN_SPAN_DEGREES) throw invalid("area_too_small");
  if (
    box.minLat < ITALY.minLat ||
    box.maxLat > ITALY.maxLat ||
    box.minLng < ITALY.minLng ||
    box.maxLng > ITALY.maxLng
  )
    throw invalid("outside_italy");
  return boundary;
}

function parseRing(ring: unknown): number[][] {
  if (!Array.isArray(ring) || ring.length < 4) throw invalid("ring_too_short");
  const out = ring.map((p: unknown) => {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      !p.slice(0, 2).every((n) => typeof n === "number" && Number.isFinite(n))
    )
      throw invalid("geojson_invalid");
    const [lng, lat] = p as [number, number];
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) throw invalid("out_of_range");
    return [lng, lat];
  });
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) throw invalid("ring_not_closed");
  return out;
}

function unwrap(value: unknown): { type?: string; coordinates?: unknown } | null {
  if (!value || typeof value !== "object") return null;
  const v = value as { type?: string; geometry?: unknown; features?: unknown[] };
  if (v.type === "Feature") return unwrap(v.geometry);
  if (v.type === "FeatureCollection" && Array.isArray(v.features) && v.features.length === 1)
    return unwrap(v.features[0]);
  return v as { type?: string; coordinates?: unknown };
}

/**
 * Replaces the comune's map area: boundary, bbox and — when the stored centre is not inside the new
 * boundary (a provisional centre, or an area redrawn elsewhere) — the centre, moved to a point inside it.
 * Clears the "provisional area" flag set at onboarding. Audited.
 */
export async function updateArea({ ctx, input: raw }: { ctx: Ctx; input: z.input<typeof input> }) {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(input, raw);
  const db = await getSystemDb();
  const boundary = parseBoundary(data.geojson);
  const box = bboxOf(boundary);
  const [tenant] = await db
    .select({ lat: tenants.centreLat, lng: tenants.centreLng })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenant.id));
  if (data.centre && !pointInPolygon(data.centre.lng, data.centre.lat, boundary))
    throw invalid("centre_outside");
  const stored = { lat: tenant!.lat, lng: tenant!.lng };
  const centre =
    data.centre ?? (pointInPolygon(stored.lng, stored.lat, boundary) ? stored : interiorPoint(boundary));
  await writingTenants(db.transaction(async (tx) => {
    await tx
      .update(tenants)
      .set({
        boundary,
        centreLat: centre.lat,
        centreLng: centre.lng,
        settings: sql`${tenants.settings} - 'areaProvisional'`,
        bboxMinLat: box.minLat,
        bboxMinLng: box.minLng,
        bboxMaxLat: box.maxLat,
        bboxMaxLng: box.maxLng,
        updatedAt: new Date(),
      })
      .where(eq(tenants.id, ctx.tenant.id));
    await recordAudit(tx, ctx, actor, {
      action: "settings.area",
      targetType: "tenant",
      targetId: ctx.tenant.id,
      data: { type: boundary.type, points: polygonsOf(boundary).flat(2).length, bbox: box, centre },
    });
  }));
  return { boundary, bbox: box, centre };
}
