import { env } from "@/lib/env";

export type MapConfig = { provider: "mapbox" | "maplibre"; token: string | null; styleUrl: string | null };

/** The customer's Mapbox style, used with a token when no MAP_STYLE_URL is set. */
export const MAPBOX_DEFAULT_STYLE = "mapbox://styles/mapbox/streets-v12";

/**
 * mapbox-gl when a Mapbox token is configured (the customer's choice), drawing Mapbox Streets unless
 * MAP_STYLE_URL says otherwise; otherwise the same component runs on maplibre-gl (BSD, API-compatible) with
 * MAP_STYLE_URL or, when null, OpenStreetMap raster tiles — mapbox-gl v3 blanks itself without a valid token.
 * Read on the server and passed to the client component as props, so it can change without a rebuild.
 */
export function mapConfig(e: Pick<typeof env, "NEXT_PUBLIC_MAPBOX_TOKEN" | "MAP_STYLE_URL"> = env): MapConfig {
  const token = e.NEXT_PUBLIC_MAPBOX_TOKEN ?? null;
  if (token) return { provider: "mapbox", token, styleUrl: e.MAP_STYLE_URL ?? MAPBOX_DEFAULT_STYLE };
  return { provider: "maplibre", token: null, styleUrl: e.MAP_STYLE_URL ?? null };
}
