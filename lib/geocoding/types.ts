import type { GeocodingArea } from "./area";

/** A place a geocoder found: a short Italian label ("Via Roma 10, Fossano") and its position. */
export type Place = { label: string; lat: number; lng: number };

export type LookupOptions = { limit: number; language: string };

/**
 * One geocoding service. Implementations talk HTTP with a timeout and validate what comes back; they
 * throw on any failure (network, status, shape) and the caller decides the fallback.
 */
export type GeocoderProvider = {
  name: "nominatim" | "mapbox";
  search(query: string, area: GeocodingArea, options: LookupOptions): Promise<Place[]>;
  reverse(lat: number, lng: number, options: Pick<LookupOptions, "language">): Promise<Place | null>;
};

/** A geocoder slower than this is treated as down: the citizen gets the fallback rather than a spinner. */
export const GEOCODER_TIMEOUT_MS = 2500;

/**
 * GET a JSON document with the timeout; throws on a non-2xx status. A connection error (not a timeout) is
 * retried once: a pooled keep-alive connection the server has just closed fails the first request on it.
 */
export async function fetchJson(url: URL, headers: Record<string, string> = {}, retry = true): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json", ...headers }, signal: AbortSignal.timeout(GEOCODER_TIMEOUT_MS), cache: "no-store" });
  } catch (error) {
    if (retry && error instanceof TypeError) return fetchJson(url, headers, false);
    throw error;
  }
  if (!res.ok) throw new Error(`geocoder HTTP ${res.status}`);
  return res.json();
}
