import { z } from "zod";
import type { GeocodingArea } from "./area";
import { fetchJson, type GeocoderProvider, type Place } from "./types";

const address = z.record(z.string(), z.string()).optional();
const nominatimPlace = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  display_name: z.string(),
  name: z.string().nullish(),
  address,
});
type NominatimPlace = z.infer<typeof nominatimPlace>;

/**
 * A short label from Nominatim's address details ("Scuola Sacco, Via Roma 10, Fossano") instead of its long
 * display_name (which runs to the province, region, postcode and country).
 */
export function nominatimLabel(p: NominatimPlace): string {
  const a = p.address ?? {};
  const street = a.road ?? a.pedestrian ?? a.square ?? a.footway ?? a.path ?? a.cycleway ?? a.living_street;
  const main = street ? (a.house_number ? `${street} ${a.house_number}` : street) : null;
  const locality = a.city ?? a.town ?? a.village ?? a.hamlet ?? a.municipality;
  const name = p.name && p.name !== street && p.name !== locality ? p.name : null;
  const parts = [name, main, locality].filter((s): s is string => Boolean(s));
  if (parts.length >= 2 || (parts.length === 1 && main)) return parts.join(", ");
  return p.display_name.split(",").slice(0, 3).map((s) => s.trim()).join(", ");
}

const toPlace = (p: NominatimPlace): Place => ({ label: nominatimLabel(p), lat: p.lat, lng: p.lon });

/**
 * A Nominatim-compatible service at `baseUrl` (self-hosted Nominatim, or any server speaking its /search
 * and /reverse JSON). Searches are bounded to the comune's box (`viewbox` + `bounded=1`); the caller still
 * filters by the boundary polygon.
 */
export function nominatimGeocoder(baseUrl: string, userAgent: string): GeocoderProvider {
  const endpoint = (path: string) => new URL(path, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const headers = { "user-agent": userAgent };
  return {
    name: "nominatim",
    async search(query: string, area: GeocodingArea, { limit, language }) {
      const url = endpoint("search");
      const b = area.bbox;
      url.search = new URLSearchParams({
        q: query,
        format: "jsonv2",
        addressdetails: "1",
        limit: String(limit),
        viewbox: `${b.minLng},${b.maxLat},${b.maxLng},${b.minLat}`,
        bounded: "1",
        "accept-language": language,
      }).toString();
      const body = z.array(nominatimPlace).parse(await fetchJson(url, headers));
      return body.map(toPlace);
    },
    async reverse(lat: number, lng: number, { language }) {
      const url = endpoint("reverse");
      url.search = new URLSearchParams({ lat: String(lat), lon: String(lng), format: "jsonv2", addressdetails: "1", zoom: "18", "accept-language": language }).toString();
      const body = await fetchJson(url, headers);
      // Nominatim answers 200 {"error": "Unable to geocode"} where there is nothing (sea, no data).
      if (body && typeof body === "object" && "error" in body) return null;
      return toPlace(nominatimPlace.parse(body));
    },
  };
}
