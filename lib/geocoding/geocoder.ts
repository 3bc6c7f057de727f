import { env, type Env } from "@/lib/env";
import { mapboxGeocoder } from "./mapbox";
import { nominatimGeocoder } from "./nominatim";
import type { GeocoderProvider } from "./types";

/**
 * The geocoder chosen by configuration (docs/adr/0004-geocoding.md): an explicit GEOCODER_URL (a
 * Nominatim-compatible service, e.g. self-hosted) first, then Mapbox when a token is set, otherwise none —
 * address search then falls back to the comune's known streets.
 */
export function configuredGeocoder(e: Env = env): GeocoderProvider | null {
  if (e.GEOCODER_URL) return nominatimGeocoder(e.GEOCODER_URL, `Piazza/1.0 (+${e.PUBLIC_SCHEME ?? "https"}://${e.ROOT_DOMAIN})`);
  const token = e.MAPBOX_TOKEN ?? e.NEXT_PUBLIC_MAPBOX_TOKEN;
  if (token) return mapboxGeocoder(token);
  return null;
}
