import { eq } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, tenants } from "@/db/schema";
// System handle: the boundary lives on the platform `tenants` row; the audit row goes in the same transaction.
import { getSystemDb } from "@/db/system";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { ValidationError } from "@/lib/errors";
import { bboxOf, pointInPolygon, type Polygon } from "@/lib/geo/polygon";
import { parseInput } from "./parse";

const input = z.object({ geojson: z.string().trim().min(2, "geojson_invalid").max(2_000_000, "too_long") });

/**
 * Parses the comune's boundary from GeoJSON text (a Polygon, a Feature or FeatureCollection holding one):
 * every ring closed with at least 4 positions, longitudes in [-180, 180] and latitudes in [-90, 90], and the
 * comune's centre inside. Throws ValidationError with a message key saying which rule failed.
 */
export function parseBoundary(text: string, centre: { lat: number; lng: number }): Polygon {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError("validation", { geojson: ["geojson_invalid"] });
  }
  const geometry = unwrap(value);
  if (!geometry || geometry.type !== "Polygon" || !Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
    throw new ValidationError("validation", { geojson: ["geojson_not_polygon"] });
  }
  const rings = geometry.coordinates as unknown[];
  for (const ring of rings) {
    if (!Array.isArray(ring) || ring.length < 4) throw new ValidationError("validation", { geojson: ["ring_too_short"] });
    for (const p of ring) {
      if (!Array.isArray(p) || p.length < 2 || !p.slice(0, 2).every((n) => typeof n === "number" && Number.isFinite(n))) {
        throw new ValidationError("validation", { geojson: ["geojson_invalid"] });
      }
      const [lng, lat] = p as [number, number];
      if (lng < -180 || lng > 180 || lat < -90 || lat > 90) throw new ValidationError("validation", { geojson: ["out_of_range"] });
    }
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) throw new ValidationError("validation", { geojson: ["ring_not_closed"] });
  }
  const polygon: Polygon = {
    type: "Polygon",
    coordinates: (rings as number[][][]).map((ring) => ring.map((p) => [p[0]!, p[1]!])),
  };
  if (!pointInPolygon(centre.lng, centre.lat, polygon)) throw new ValidationError("validation", { geojson: ["centre_outside"] });
  return polygon;
}

function unwrap(value: unknown): { type?: string; coordinates?: unknown } | null {
  if (!value || typeof value !== "object") return null;
  const v = value as { type?: string; geometry?: unknown; features?: unknown[] };
  if (v.type === "Feature") return unwrap(v.geometry);
  if (v.type === "FeatureCollection" && Array.isArray(v.features) && v.features.length === 1) return unwrap(v.features[0]);
  return v as { type?: string; coordinates?: unknown };
}

/** Replaces the comune's map area (boundary + bbox columns). Audited. */
export async function updateArea({ ctx, input: raw }: { ctx: Ctx; input: z.input<typeof input> }) {
  const actor = staffWith(ctx, "config.write");
  const data = parseInput(input, raw);
  const db = await getSystemDb();
  const [tenant] = await db
    .select({ lat: tenants.centreLat, lng: tenants.centreLng })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenant.id));
  const boundary = parseBoundary(data.geojson, tenant!);
  const box = bboxOf(boundary);
  await db.transaction(async (tx) => {
    await tx
      .update(tenants)
      .set({
        boundary,
        bboxMinLat: box.minLat,
        bboxMinLng: box.minLng,
        bboxMaxLat: box.maxLat,
        bboxMaxLng: box.maxLng,
        updatedAt: new Date(),
      })
      .where(eq(tenants.id, ctx.tenant.id));
    await tx.insert(auditEvents).values({
      tenantId: ctx.tenant.id,
      actorUserId: actor.userId,
      actorKind: actor.supportGrantId ? "vendor" : "staff",
      action: "settings.area",
      targetType: "tenant",
      targetId: ctx.tenant.id,
      data: { points: boundary.coordinates[0]!.length, bbox: box },
      ip: ctx.ip ?? null,
    });
  });
  return { boundary, bbox: box };
}
