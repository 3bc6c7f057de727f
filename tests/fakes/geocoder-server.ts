import http from "node:http";

/**
 * A local stand-in for a Nominatim server: GET /search and /reverse answering Nominatim's `jsonv2` shapes
 * (addressdetails included) from an in-memory list of places, plus /status. Like a real geocoder it only
 * *biases* towards the requested viewbox — it returns every match — so Piazza's own filtering to the
 * comune's boundary is what the tests exercise. Used by integration tests and by Playwright
 * (`npx tsx tests/fakes/geocoder-server.ts`, port from GEOCODER_STANDIN_PORT).
 */
export type StandInPlace = {
  lat: number;
  lon: number;
  name?: string;
  address: { road?: string; house_number?: string; city?: string; town?: string; village?: string; county?: string; state?: string; postcode?: string; country?: string };
};

export type GeocoderStandIn = {
  url: string;
  port: number;
  /** Query strings received, in order (path included), to check what Piazza sent. */
  requests: string[];
  /** Answer 503 to everything while true (a geocoder that is down or overloaded). */
  setFailing(failing: boolean): void;
  close(): Promise<void>;
};

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

function displayName(p: StandInPlace): string {
  const a = p.address;
  return [p.name, a.house_number, a.road, a.city ?? a.town ?? a.village, a.county, a.state, a.postcode, a.country ?? "Italia"].filter(Boolean).join(", ");
}

let nextId = 1000;
function toJson(p: StandInPlace & { id: number }) {
  return {
    place_id: p.id,
    licence: "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
    osm_type: "node",
    osm_id: p.id,
    lat: String(p.lat),
    lon: String(p.lon),
    category: p.address.house_number ? "place" : "highway",
    type: p.address.house_number ? "house" : "residential",
    place_rank: 30,
    importance: 0.1,
    addresstype: p.address.house_number ? "place" : "road",
    name: p.name ?? p.address.road ?? "",
    display_name: displayName(p),
    address: { ...p.address, country: p.address.country ?? "Italia", country_code: "it" },
    boundingbox: [String(p.lat - 0.0001), String(p.lat + 0.0001), String(p.lon - 0.0001), String(p.lon + 0.0001)],
  };
}

/** Metres between two points (equirectangular: plenty at a few hundred metres). */
function metres(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const x = ((bLon - aLon) * Math.PI * Math.cos((((aLat + bLat) / 2) * Math.PI) / 180)) / 180;
  const y = ((bLat - aLat) * Math.PI) / 180;
  return Math.sqrt(x * x + y * y) * 6_371_000;
}

export async function startGeocoderStandIn(options: { places: StandInPlace[]; port?: number }): Promise<GeocoderStandIn> {
  const places = options.places.map((p) => ({ ...p, id: nextId++ }));
  const requests: string[] = [];
  let failing = false;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    requests.push(`${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/status") return failing ? send(503, { status: 700, message: "Database connection failed" }) : send(200, { status: 0, message: "OK" });
    if (failing) return send(503, { error: "Service Unavailable" });
    if (url.pathname === "/search") {
      const words = fold(url.searchParams.get("q") ?? "")
        .split(/[\s,]+/)
        .filter(Boolean);
      const limit = Number(url.searchParams.get("limit") ?? 10);
      const hits = places.filter((p) => {
        const text = fold(displayName(p));
        return words.length > 0 && words.every((w) => text.includes(w));
      });
      return send(200, hits.slice(0, limit).map(toJson));
    }
    if (url.pathname === "/reverse") {
      const lat = Number(url.searchParams.get("lat"));
      const lon = Number(url.searchParams.get("lon"));
      const nearest = places
        .map((p) => ({ p, d: metres(lat, lon, p.lat, p.lon) }))
        .filter((x) => x.d < 300)
        .sort((a, b) => a.d - b.d)[0];
      return nearest ? send(200, toJson(nearest.p)) : send(200, { error: "Unable to geocode" });
    }
    send(404, { error: "not found" });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setFailing: (f) => {
      failing = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Places of the demo comune of Fossano (CN) for the e2e run: inside its boundary, plus one in Cuneo outside it. */
export const FOSSANO_PLACES: StandInPlace[] = [
  { lat: 44.5512, lon: 7.7221, address: { road: "Via Roma", house_number: "10", town: "Fossano", county: "Cuneo", state: "Piemonte", postcode: "12045" } },
  { lat: 44.5489, lon: 7.7262, address: { road: "Via Roma", house_number: "42", town: "Fossano", county: "Cuneo", state: "Piemonte", postcode: "12045" } },
  { lat: 44.5531, lon: 7.7243, name: "Castello dei Principi d'Acaja", address: { road: "Piazza Castello", town: "Fossano", county: "Cuneo", state: "Piemonte", postcode: "12045" } },
  { lat: 44.3845, lon: 7.5427, address: { road: "Via Roma", house_number: "1", city: "Cuneo", county: "Cuneo", state: "Piemonte", postcode: "12100" } },
];

const isMain = process.argv[1]?.endsWith("geocoder-server.ts");
if (isMain) {
  const port = Number(process.env.GEOCODER_STANDIN_PORT ?? 3152);
  void startGeocoderStandIn({ places: FOSSANO_PLACES, port }).then((s) => console.log(`Geocoder stand-in on ${s.url}`));
}
