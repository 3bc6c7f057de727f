import { bboxOf, pointInPolygon, type Boundary } from "@/lib/geo/polygon";
import type { Tenant } from "@/lib/tenancy/get-tenant";

export type Bbox = { minLat: number; minLng: number; maxLat: number; maxLng: number };

/** Where a comune's addresses may be: its boundary when drawn, else its bounding box, else a box around its centre. */
export type GeocodingArea = { bbox: Bbox; boundary: Boundary | null; centre: { lat: number; lng: number } };

/** About 5 km around the centre: the fallback for a comune whose boundary and box are not set yet. */
const CENTRE_MARGIN_DEGREES = 0.05;

export type AreaTenant = Pick<Tenant, "boundary" | "centreLat" | "centreLng" | "bboxMinLat" | "bboxMinLng" | "bboxMaxLat" | "bboxMaxLng">;

export function geocodingArea(tenant: AreaTenant): GeocodingArea {
  const centre = { lat: tenant.centreLat, lng: tenant.centreLng };
  const boundary = tenant.boundary ?? null;
  if (boundary) return { bbox: bboxOf(boundary), boundary, centre };
  if (tenant.bboxMinLat != null && tenant.bboxMinLng != null && tenant.bboxMaxLat != null && tenant.bboxMaxLng != null) {
    return { bbox: { minLat: tenant.bboxMinLat, minLng: tenant.bboxMinLng, maxLat: tenant.bboxMaxLat, maxLng: tenant.bboxMaxLng }, boundary: null, centre };
  }
  const m = CENTRE_MARGIN_DEGREES;
  return { bbox: { minLat: centre.lat - m, minLng: centre.lng - m, maxLat: centre.lat + m, maxLng: centre.lng + m }, boundary: null, centre };
}

/**
 * Guards the comune's territory: geocoders only *bias* towards a box, so every result is checked here and
 * anything outside the boundary (or the box, without a boundary) is dropped before it reaches a citizen.
 */
export function isInArea(area: GeocodingArea, lat: number, lng: number): boolean {
  if (area.boundary) return pointInPolygon(lng, lat, area.boundary);
  const b = area.bbox;
  return lat >= b.minLat && lat <= b.maxLat && lng >= b.minLng && lng <= b.maxLng;
}
