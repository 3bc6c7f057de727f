import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { geocodingArea, isInArea } from "./area";
import { configuredGeocoder } from "./geocoder";
import type { GeocodeCtx } from "./search-address";
import { createTtlCache } from "./ttl-cache";
import type { GeocoderProvider } from "./types";

export const reverseGeocodeInput = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  language: z.enum(["it", "en"]).default("it"),
});

/** Null stands for "nothing found" too, so misses are cached as well as hits. */
const cache = createTtlCache<{ label: string } | null>({ ttlMs: 10 * 60 * 1000, maxEntries: 2000 });

/**
 * The address of the pin, to pre-fill the form's address label. Only for points inside the comune (the
 * endpoint is no free reverse geocoder for the world) and only with a geocoder configured: the known
 * streets are mean positions, too rough to name the street under a pin. Any failure answers null.
 */
export async function reverseGeocode(
  { ctx, input }: { ctx: GeocodeCtx; input: unknown },
  geocoder: GeocoderProvider | null = configuredGeocoder(),
): Promise<{ label: string } | null> {
  const parsed = reverseGeocodeInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("position_invalid");
  const { lat, lng, language } = parsed.data;
  if (!geocoder || !isInArea(geocodingArea(ctx.tenant), lat, lng)) return null;
  // About a metre: a pin nudged by a pixel reuses the answer.
  const key = `${ctx.tenant.id}:${geocoder.name}:${language}:${lat.toFixed(5)},${lng.toFixed(5)}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  try {
    const place = await geocoder.reverse(lat, lng, { language });
    const answer = place ? { label: place.label } : null;
    cache.set(key, answer);
    return answer;
  } catch (error) {
    logger.warn("geocoder reverse failed", { provider: geocoder.name, error: String(error) });
    return null;
  }
}
