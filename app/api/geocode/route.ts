import { RateLimitedError, ValidationError } from "@/lib/errors";
import { reverseGeocode } from "@/lib/geocoding/reverse-geocode";
import { searchAddress } from "@/lib/geocoding/search-address";
import { clientIp } from "@/lib/http/client-ip";
import { localeFromHeaders, translatorFor } from "@/lib/http/translator";
import { logger } from "@/lib/logger";
import { checkRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import { liveTenantFromHeaders } from "@/lib/tenancy/tenant-for-host";

/**
 * GET /api/geocode on a comune's host, for the report form's address field:
 * - `?q=via roma` → 200 `{ source: "geocoder" | "streets", results: [{ label, lat, lng, approximate }] }`,
 *   only places inside the comune;
 * - `?lat=&lng=` → 200 `{ result: { label } | null }`, the address under the pin.
 * 400 bad input, 429 too many lookups from this address, 404 not a live comune's host; a failing geocoder
 * is never an error here (known streets answer instead) and internal details never reach the client.
 */
export async function GET(request: Request) {
  const tenant = await liveTenantFromHeaders(request.headers);
  if (!tenant) return Response.json({ code: "not_found" }, { status: 404 });
  const t = translatorFor(request.headers, "reportForm.errors");
  const fail = (status: number, code: string, headers?: HeadersInit) => Response.json({ code, message: t(code) }, { status, headers });
  const params = new URL(request.url).searchParams;
  const language = localeFromHeaders(request.headers);
  const ctx = { tenant };
  try {
    await checkRateLimit(`${tenant.id}:geocode:ip:${clientIp(request.headers) ?? "unknown"}`, RATE_LIMITS.geocodePerIp);
    const headers = { "cache-control": "private, max-age=300", vary: "accept-language, cookie" };
    if (params.has("q")) {
      return Response.json(await searchAddress({ ctx, input: { q: params.get("q"), language } }), { headers });
    }
    if (params.has("lat") || params.has("lng")) {
      const input = { lat: params.get("lat") ?? undefined, lng: params.get("lng") ?? undefined, language };
      return Response.json({ result: await reverseGeocode({ ctx, input }) }, { headers });
    }
    return fail(400, "query_too_short");
  } catch (error) {
    if (error instanceof RateLimitedError) return fail(429, "geocode_rate_limited", { "retry-after": String(error.retryAfterSeconds) });
    if (error instanceof ValidationError) return fail(400, error.code);
    logger.error("geocode route failed", { error: String(error), tenant: tenant.slug });
    return fail(500, "generic");
  }
}
