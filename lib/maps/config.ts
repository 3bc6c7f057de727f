import { env } from "@/lib/env";

export type MapConfig = { provider: "mapbox" | "maplibre"; token: string | null; styleUrl: string | null };

/**
 * mapbox-gl when a Mapbox token is configured (the customer's choice); otherwise the same component runs on
 * maplibre-gl (BSD, API-compatible), because mapbox-gl v3 blanks itself without a valid token.
 * Read on the server and passed to the client component as props, so it can change without a rebuild.
 */
export function mapConfig(): MapConfig {
  const token = env.NEXT_PUBLIC_MAPBOX_TOKEN ?? null;
  return { provider: token ? "mapbox" : "maplibre", token, styleUrl: env.MAP_STYLE_URL ?? null };
}
