import { randomInt } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const GEOCODER = vi.hoisted(() => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  process.env.GEOCODER_URL = `http://127.0.0.1:${port}`;
  return { port };
});

import { GET } from "@/app/api/geocode/route";
import { closeDb } from "@/db/client";
import { env } from "@/lib/env";
import { mapboxGeocoder } from "@/lib/geocoding/mapbox";
import { nominatimGeocoder } from "@/lib/geocoding/nominatim";
import { reverseGeocode } from "@/lib/geocoding/reverse-geocode";
import { searchAddress } from "@/lib/geocoding/search-address";
import { startGeocoderStandIn, type GeocoderStandIn, type StandInPlace } from "../../fakes/geocoder-server";
import { createCategory, createReport, createTenant, type Tenant } from "../../support/factories";

let geocoder: GeocoderStandIn;
let a: Tenant;

/** Comune A sits at 44.60,7.80 with the factories' square boundary of ±0.02°. */
const A_CENTRE = { centreLat: 44.6, centreLng: 7.8 };
const place = (lat: number, lon: number, road: string, house?: string, town = "Prova"): StandInPlace => ({
  lat,
  lon,
  address: { road, house_number: house, town, county: "Cuneo", state: "Piemonte", country: "Italia" },
});

const host = (t: Tenant) => `${t.slug}.${env.ROOT_DOMAIN}`;
/**
 * Each call its own client address, so the per-IP limit of one test never affects another — and never the
 * same twice (two random ones collided once in 254 runs: the "another address is not limited" check).
 */
let lastIp = randomInt(0, 254);
const ip = () => `198.51.100.${(lastIp++ % 254) + 1}`;
function get(path: string, t: Tenant | string, from = ip()) {
  return GET(new Request(`http://127.0.0.1${path}`, { headers: { host: typeof t === "string" ? t : host(t), "x-forwarded-for": from, "accept-language": "it-IT" } }));
}
type SearchBody = { source: string; results: { label: string; lat: number; lng: number; approximate: boolean }[] };

beforeAll(async () => {
  geocoder = await startGeocoderStandIn({
    port: GEOCODER.port,
    places: [
      place(44.601, 7.801, "Via Roma", "10"),
      place(44.594, 7.805, "Via Roma", "42"),
      // Same street name in the next town, outside comune A: the stand-in returns it, Piazza must drop it.
      place(44.7, 7.95, "Via Roma", "1", "Altrove"),
      place(44.603, 7.799, "Vicolo del Forno", "3"),
    ],
  });
  a = await createTenant(A_CENTRE);
});
afterAll(async () => {
  await geocoder.close();
  await closeDb();
});

describe("GET /api/geocode?q= (address search)", () => {
  it("returns the geocoder's places inside the comune only, with short labels, and asks within the comune's box", async () => {
    const res = await get(`/api/geocode?q=${encodeURIComponent("via roma")}`, a);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchBody;
    expect(body.source).toBe("geocoder");
    expect(body.results).toEqual([
      { label: "Via Roma 10, Prova", lat: 44.601, lng: 7.801, approximate: false },
      { label: "Via Roma 42, Prova", lat: 44.594, lng: 7.805, approximate: false },
    ]);
    const sent = new URL(geocoder.requests.at(-1)!, "http://x").searchParams;
    expect(sent.get("viewbox")).toBe(`${7.8 - 0.02},${44.6 + 0.02},${7.8 + 0.02},${44.6 - 0.02}`);
    expect(sent.get("bounded")).toBe("1");
    expect(sent.get("accept-language")).toBe("it");
  });

  it("drops a result inside the comune's box but outside its boundary polygon", async () => {
    // A triangle: the box is the same square, but its north-east half is not the comune.
    const c = A_CENTRE;
    const triangle = await createTenant({
      ...A_CENTRE,
      boundary: { type: "Polygon", coordinates: [[[c.centreLng - 0.02, c.centreLat - 0.02], [c.centreLng + 0.02, c.centreLat - 0.02], [c.centreLng - 0.02, c.centreLat + 0.02], [c.centreLng - 0.02, c.centreLat - 0.02]]] },
    });
    const body = (await (await get(`/api/geocode?q=via+roma`, triangle)).json()) as SearchBody;
    expect(body.results.map((r) => r.label)).toEqual(["Via Roma 42, Prova"]);
  });

  it("answers repeated searches from its cache without asking the geocoder again", async () => {
    const before = geocoder.requests.length;
    await get(`/api/geocode?q=vicolo+forno`, a);
    const second = (await (await get(`/api/geocode?q=Vicolo%20Forno`, a)).json()) as SearchBody;
    expect(second.results.map((r) => r.label)).toEqual(["Vicolo del Forno 3, Prova"]);
    expect(geocoder.requests.length).toBe(before + 1);
  });

  it("under another comune's host finds nothing of comune A; apex and unknown hosts are 404", async () => {
    const b = await createTenant({ centreLat: 45.2, centreLng: 8.3 });
    const body = (await (await get(`/api/geocode?q=via+roma`, b)).json()) as SearchBody;
    expect(body.results).toEqual([]);
    expect((await get(`/api/geocode?q=via+roma`, env.ROOT_DOMAIN)).status).toBe(404);
    expect((await get(`/api/geocode?q=via+roma`, `atlantide-${randomInt(1e6)}.${env.ROOT_DOMAIN}`)).status).toBe(404);
  });

  it("refuses a too short query with a clear Italian message", async () => {
    const res = await get(`/api/geocode?q=vi`, a);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: "query_too_short", message: "Scrivi almeno 3 caratteri per cercare un indirizzo." });
  });

  it("limits lookups per IP and says so in Italian", async () => {
    const t = await createTenant(A_CENTRE);
    const from = ip();
    for (let i = 0; i < 120; i++) expect((await get(`/api/geocode?q=via+roma`, t, from)).status).toBe(200);
    const res = await get(`/api/geocode?q=via+roma`, t, from);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as { message: string }).message).toContain("Troppe ricerche");
    expect((await get(`/api/geocode?q=via+roma`, t, ip())).status).toBe(200);
  });
});

describe("GET /api/geocode?lat=&lng= (the pin's address)", () => {
  it("names the address under a pin inside the comune", async () => {
    const res = await get(`/api/geocode?lat=44.60102&lng=7.80098`, a);
    expect(await res.json()).toEqual({ result: { label: "Via Roma 10, Prova" } });
  });

  it("answers null where the geocoder knows nothing, and never looks up a point outside the comune", async () => {
    expect(await (await get(`/api/geocode?lat=44.615&lng=7.815`, a)).json()).toEqual({ result: null });
    const before = geocoder.requests.length;
    expect(await (await get(`/api/geocode?lat=44.7&lng=7.95`, a)).json()).toEqual({ result: null });
    expect(geocoder.requests.length).toBe(before);
  });
});

describe("when the geocoder is down", () => {
  it("falls back to the comune's known streets (public categories only) and leaks no internal error", async () => {
    const t = await createTenant(A_CENTRE);
    const publicCat = await createCategory(t);
    const internalCat = await createCategory(t, { visibility: "internal" });
    await createReport(t, { categoryId: publicCat.id, address: "Via Garibaldi 3", lat: 44.6, lng: 7.8 });
    await createReport(t, { categoryId: publicCat.id, address: "Via Garibaldi 9", lat: 44.602, lng: 7.8 });
    await createReport(t, { categoryId: internalCat.id, address: "Via Garibaldi Segreta 1" });
    await createReport(t, { categoryId: publicCat.id, address: "Via Garibaldi Privata 2", isPublic: false });
    geocoder.setFailing(true);
    try {
      const res = await get(`/api/geocode?q=via+garibaldi`, t);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ source: "streets", results: [{ label: "Via Garibaldi", lat: 44.601, lng: 7.8, approximate: true }] });
      expect(text).not.toMatch(/503|Unavailable|127\.0\.0\.1/);
      expect(await (await get(`/api/geocode?lat=44.601&lng=7.801`, t)).json()).toEqual({ result: null });
    } finally {
      geocoder.setFailing(false);
    }
  });

  it("falls back too when nothing listens at the geocoder's address", async () => {
    const t = await createTenant(A_CENTRE);
    const cat = await createCategory(t);
    await createReport(t, { categoryId: cat.id, address: "Corso Emanuele Filiberto 5", lat: 44.6, lng: 7.8 });
    const gone = await startGeocoderStandIn({ places: [] });
    await gone.close();
    const unreachable = nominatimGeocoder(gone.url, "Piazza test");
    const found = await searchAddress({ ctx: { tenant: t }, input: { q: "corso filiberto 12" } }, unreachable);
    expect(found).toEqual({ source: "streets", results: [{ label: "Corso Emanuele Filiberto", lat: 44.6, lng: 7.8, approximate: true }] });
  });

  it("with no geocoder configured, searches the known streets (accents and case ignored)", async () => {
    const t = await createTenant(A_CENTRE);
    const cat = await createCategory(t);
    await createReport(t, { categoryId: cat.id, address: "Via Sant'Agostino 7", lat: 44.6, lng: 7.8 });
    const found = await searchAddress({ ctx: { tenant: t }, input: { q: "SANT AGOSTINO" } }, null);
    expect(found.results.map((r) => r.label)).toEqual(["Via Sant'Agostino"]);
  });
});

describe("Mapbox Geocoding v6 provider", () => {
  /** A few lines of Mapbox's v6 answers (FeatureCollection with properties.coordinates), from a local server. */
  async function mapboxStandIn() {
    const seen: URL[] = [];
    const feature = (name: string, town: string, lat: number, lng: number) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [lng, lat] },
      properties: { feature_type: "address", name, full_address: `${name}, 12045 ${town} Cuneo, Italia`, coordinates: { longitude: lng, latitude: lat }, context: { place: { name: town } } },
    });
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://mapbox");
      seen.push(url);
      const features = url.pathname.endsWith("/forward")
        ? [feature("Via Roma 10", "Prova", 44.601, 7.801), feature("Via Roma 1", "Altrove", 44.7, 7.95)]
        : [feature("Vicolo del Forno 3", "Prova", 44.603, 7.799)];
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ type: "FeatureCollection", features, attribution: "© Mapbox" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/search/geocode/v6/`;
    return { seen, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it("searches within the comune's box near its centre, keeps only places inside it, and names the pin", async () => {
    const mapbox = await mapboxStandIn();
    try {
      const provider = mapboxGeocoder("pk.test-token", mapbox.base);
      const t = await createTenant(A_CENTRE);
      const found = await searchAddress({ ctx: { tenant: t }, input: { q: "via roma" } }, provider);
      expect(found).toEqual({ source: "geocoder", results: [{ label: "Via Roma 10, Prova", lat: 44.601, lng: 7.801, approximate: false }] });
      const sent = mapbox.seen[0]!;
      expect(sent.pathname).toBe("/search/geocode/v6/forward");
      expect(Object.fromEntries(sent.searchParams)).toMatchObject({ q: "via roma", bbox: `${7.8 - 0.02},${44.6 - 0.02},${7.8 + 0.02},${44.6 + 0.02}`, proximity: "7.8,44.6", language: "it", access_token: "pk.test-token" });
      expect(await reverseGeocode({ ctx: { tenant: t }, input: { lat: 44.603, lng: 7.799 } }, provider)).toEqual({ label: "Vicolo del Forno 3, Prova" });
      expect(mapbox.seen[1]!.pathname).toBe("/search/geocode/v6/reverse");
    } finally {
      await mapbox.close();
    }
  });
});
