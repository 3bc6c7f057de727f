import { bboxOf, circlePolygon, type Polygon } from "@/lib/geo/polygon";
import type { Comune } from "./comuni";

/**
 * A new comune has no drawn boundary yet, but its reports must still be kept to its territory (a citizen's
 * slip, or a bot, must not file a pothole in another country). The provisional area is a circle around the
 * seat sized by population — bigger towns spread wider — and generous on purpose: refusing a genuine report
 * at the edge of town is worse than accepting one just over the border. The admin replaces it in the setup
 * wizard. Radius: 5 km + 2 km × √(thousands of inhabitants), between 6 and 40 km (Fossano, 25,000: 15 km;
 * a hamlet of 300: 6 km; Rome: 40 km); 40 km when the centre is only the province capital's.
 */
export function provisionalRadiusMetres(comune: Pick<Comune, "population" | "centreApprox">): number {
  if (comune.centreApprox) return 40_000;
  if (comune.population == null) return 10_000;
  const km = 5 + 2 * Math.sqrt(comune.population / 1000);
  return Math.round(Math.min(40, Math.max(6, km)) * 1000);
}

export function provisionalArea(comune: Pick<Comune, "lat" | "lng" | "population" | "centreApprox">): {
  boundary: Polygon;
  bbox: ReturnType<typeof bboxOf>;
} {
  const boundary = circlePolygon(comune.lat, comune.lng, provisionalRadiusMetres(comune));
  return { boundary, bbox: bboxOf(boundary) };
}
