export type LngLat = [number, number];
export type Polygon = { type: "Polygon"; coordinates: number[][][] };
export type MultiPolygon = { type: "MultiPolygon"; coordinates: number[][][][] };
/** A comune's area: one polygon, or several (exclaves, islands: Lampedusa e Linosa, Campione's enclaves). */
export type Boundary = Polygon | MultiPolygon;

/** The polygons of a boundary, each as [outer ring, ...holes]. */
export function polygonsOf(boundary: Boundary): number[][][][] {
  return boundary.type === "MultiPolygon" ? boundary.coordinates : [boundary.coordinates];
}

/** Ray casting on each polygon's outer ring, holes excluded. Planar is fine at the scale of a comune. */
export function pointInPolygon(lng: number, lat: number, boundary: Boundary): boolean {
  return polygonsOf(boundary).some(([outer, ...holes]) => !!outer && inRing(lng, lat, outer) && !holes.some((ring) => inRing(lng, lat, ring)));
}

function inRing(x: number, y: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Great-circle distance in metres. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6371000;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** A lat/lng box around a point, for index-friendly "nearby" queries (then filtered by distance). */
export function boxAround(lat: number, lng: number, metres: number) {
  const dLat = metres / 111320;
  const dLng = metres / (111320 * Math.cos((lat * Math.PI) / 180));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

export function bboxOf(boundary: Boundary) {
  const points = polygonsOf(boundary).flatMap((polygon) => polygon[0] ?? []);
  const lngs = points.map((p) => p[0]!);
  const lats = points.map((p) => p[1]!);
  return { minLng: Math.min(...lngs), maxLng: Math.max(...lngs), minLat: Math.min(...lats), maxLat: Math.max(...lats) };
}

/** A closed ring approximating a circle of `metres` around a point (lng, lat order, counter-clockwise). */
export function circlePolygon(lat: number, lng: number, metres: number, sides = 32): Polygon {
  const box = boxAround(lat, lng, metres);
  const rLat = box.maxLat - lat;
  const rLng = box.maxLng - lng;
  const ring = Array.from({ length: sides }, (_, i) => {
    const a = (2 * Math.PI * i) / sides;
    return [round6(lng + rLng * Math.cos(a)), round6(lat + rLat * Math.sin(a))];
  });
  return { type: "Polygon", coordinates: [[...ring, ring[0]!]] };
}

/**
 * A point inside the boundary, for a centre that must lie within it: the centroid of the largest polygon's
 * outer ring when it is inside, otherwise the middle of the widest inside stretch of the horizontal line
 * through that centroid (concave shapes: a "C" or a valley comune whose centroid falls outside).
 */
export function interiorPoint(boundary: Boundary): { lat: number; lng: number } {
  const polygons = polygonsOf(boundary).filter((p) => p[0] && p[0].length >= 4);
  const largest = polygons.reduce((best, p) => (ringArea(p[0]!) > ringArea(best[0]!) ? p : best), polygons[0]!);
  const c = ringCentroid(largest[0]!);
  if (pointInPolygon(c.lng, c.lat, boundary)) return c;
  const xs: number[] = [];
  for (const ring of largest) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > c.lat !== yj > c.lat) xs.push(((xj - xi) * (c.lat - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best = { lat: largest[0]![0]![1]!, lng: largest[0]![0]![0]!, width: -1 };
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const width = xs[i + 1]! - xs[i]!;
    if (width > best.width) best = { lat: c.lat, lng: (xs[i]! + xs[i + 1]!) / 2, width };
  }
  return { lat: best.lat, lng: best.lng };
}

/** Shoelace area in square degrees (only compared, never shown). */
function ringArea(ring: number[][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return Math.abs(a / 2);
}

function ringCentroid(ring: number[][]): { lat: number; lng: number } {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
    a += f;
    x += (ring[j]![0]! + ring[i]![0]!) * f;
    y += (ring[j]![1]! + ring[i]![1]!) * f;
  }
  if (a === 0) return { lng: ring[0]![0]!, lat: ring[0]![1]! };
  return { lng: x / (3 * a), lat: y / (3 * a) };
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
