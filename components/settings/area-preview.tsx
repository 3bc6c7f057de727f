import { polygonsOf, type Boundary } from "@/lib/geo/polygon";

/**
 * The stored boundary drawn as SVG on the server (no tiles, works offline): enough to spot a wrong ring or
 * swapped coordinates before citizens find their reports refused. Longitude is scaled by cos(latitude).
 */
export function AreaPreview({ boundary, centre, label }: { boundary: Boundary; centre: { lat: number; lng: number }; label: string }) {
  const k = Math.cos((centre.lat * Math.PI) / 180);
  const rings = polygonsOf(boundary).flat();
  const pts = rings.flat().map(([lng, lat]) => [lng! * k, -lat!] as const);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = maxX - minX || 1;
  const h = maxY - minY || 1;
  const pad = Math.max(w, h) * 0.05;
  const path = rings
    .map((ring) => ring.map(([lng, lat], i) => `${i ? "L" : "M"}${lng! * k} ${-lat!}`).join(" ") + " Z")
    .join(" ");
  const r = Math.max(w, h) / 80;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`${minX - pad} ${minY - pad} ${w + 2 * pad} ${h + 2 * pad}`}
      className="h-64 w-full rounded-lg border border-gray-400 bg-white"
      preserveAspectRatio="xMidYMid meet"
    >
      <path d={path} fill="rgba(11,83,148,0.15)" stroke="#0b5394" strokeWidth={r / 2} fillRule="evenodd" />
      <circle cx={centre.lng * k} cy={-centre.lat} r={r} fill="#b3261e" />
    </svg>
  );
}
