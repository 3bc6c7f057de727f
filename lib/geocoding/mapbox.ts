import { z } from "zod";
import type { GeocodingArea } from "./area";
import { fetchJson, type GeocoderProvider, type Place } from "./types";

export const MAPBOX_GEOCODING_URL = "https://api.mapbox.com/search/geocode/v6/";

const feature = z.object({
  properties: z.object({
    name: z.string(),
    full_address: z.string().nullish(),
    coordinates: z.object({ longitude: z.number().min(-180).max(180), latitude: z.number().min(-90).max(90) }),
    context: z.object({ place: z.object({ name: z.string() }).nullish() }).passthrough().nullish(),
  }),
});
const collection = z.object({ features: z.array(feature) });
type Feature = z.infer<typeof feature>;

function toPlace(f: Feature): Place {
  const p = f.properties;
  const town = p.context?.place?.name;
  const label = town && town !== p.name ? `${p.name}, ${town}` : (p.full_address ?? p.name);
  return { label, lat: p.coordinates.latitude, lng: p.coordinates.longitude };
}

/**
 * Mapbox Geocoding API v6 (the customer's provider when a Mapbox token is configured): forward search limited
 * to the comune's box and biased to its centre, reverse lookup of the pin. `baseUrl` is Mapbox's unless a
 * test points it elsewhere.
 */
export function mapboxGeocoder(token: string, baseUrl = MAPBOX_GEOCODING_URL): GeocoderProvider {
  const endpoint = (path: string, params: Record<string, string>) => {
    const url = new URL(path, baseUrl);
    url.search = new URLSearchParams({ ...params, access_token: token }).toString();
    return url;
  };
  return {
    name: "mapbox",
    async search(query: string, area: GeocodingArea, { limit, language }) {
      const b = area.bbox;
      const url = endpoint("forward", {
        q: query,
        bbox: `${b.minLng},${b.minLat},${b.maxLng},${b.maxLat}`,
        proximity: `${area.centre.lng},${area.centre.lat}`,
        language,
        limit: String(Math.min(limit, 10)),
        autocomplete: "true",
      });
      return collection.parse(await fetchJson(url)).features.map(toPlace);
    },
    async reverse(lat: number, lng: number, { language }) {
      const url = endpoint("reverse", { longitude: String(lng), latitude: String(lat), language, types: "address,street", limit: "1" });
      const [first] = collection.parse(await fetchJson(url)).features;
      return first ? toPlace(first) : null;
    },
  };
}
