import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { listKnownStreets, type KnownStreet } from "@/lib/reports/list-known-streets";
import { geocodingArea, isInArea, type AreaTenant } from "./area";
import { configuredGeocoder } from "./geocoder";
import { createTtlCache } from "./ttl-cache";
import type { GeocoderProvider } from "./types";

/** One suggestion; `approximate` when it is a street's mean position from past reports, not a geocoded point. */
export type AddressSuggestion = { label: string; lat: number; lng: number; approximate: boolean };
export type AddressSearch = { source: "geocoder" | "streets"; results: AddressSuggestion[] };

export const SEARCH_LIMIT = 6;

export const searchAddressInput = z.object({
  q: z.string().trim().min(3, "query_too_short").max(200, "too_long"),
  language: z.enum(["it", "en"]).default("it"),
});

export type GeocodeCtx = { tenant: AreaTenant & { id: string } };

const cache = createTtlCache<AddressSearch>({ ttlMs: 10 * 60 * 1000, maxEntries: 2000 });

/** Lower case, accents and punctuation away: "Via Sant'Agostino" matches "via santagostino". */
export function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Known streets whose name holds every word of the query (civic numbers ignored: streets carry none). */
export function matchStreets(streets: KnownStreet[], query: string, limit = SEARCH_LIMIT): AddressSuggestion[] {
  const words = normalise(query)
    .split(" ")
    .filter((w) => w && !/^\d+[a-z]?$/.test(w));
  if (!words.length) return [];
  return streets
    .filter((s) => {
      const name = normalise(s.name);
      return words.every((w) => name.includes(w));
    })
    .sort((a, b) => b.reports - a.reports)
    .slice(0, limit)
    .map((s) => ({ label: s.name, lat: s.lat, lng: s.lng, approximate: true }));
}

/**
 * Address search for the report form, limited to the comune: the configured geocoder's results that fall
 * inside its boundary (outside ones are dropped whatever the geocoder says). With no geocoder, a failing one,
 * or no hit inside the comune, the comune's known streets answer instead — the feature degrades, it never
 * breaks, and the geocoder's errors stay in the log. Answers are cached for ten minutes per comune and query.
 */
export async function searchAddress(
  { ctx, input }: { ctx: GeocodeCtx; input: unknown },
  geocoder: GeocoderProvider | null = configuredGeocoder(),
): Promise<AddressSearch> {
  const parsed = searchAddressInput.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message === "too_long" ? "too_long" : "query_too_short");
  const { q, language } = parsed.data;
  const key = `${ctx.tenant.id}:${geocoder?.name ?? "none"}:${language}:${normalise(q)}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const area = geocodingArea(ctx.tenant);
  if (geocoder) {
    try {
      const found = await geocoder.search(q, area, { limit: SEARCH_LIMIT * 2, language });
      const results = found
        .filter((p) => isInArea(area, p.lat, p.lng))
        .slice(0, SEARCH_LIMIT)
        .map((p) => ({ ...p, approximate: false }));
      if (results.length) {
        const answer: AddressSearch = { source: "geocoder", results };
        cache.set(key, answer);
        return answer;
      }
    } catch (error) {
      // Not cached: the next keystroke tries the geocoder again.
      logger.warn("geocoder search failed, falling back to known streets", { provider: geocoder.name, error: String(error) });
      return { source: "streets", results: matchStreets(await listKnownStreets(ctx.tenant.id), q) };
    }
  }
  const answer: AddressSearch = { source: "streets", results: matchStreets(await listKnownStreets(ctx.tenant.id), q) };
  cache.set(key, answer);
  return answer;
}
