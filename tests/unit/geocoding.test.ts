import { describe, expect, it } from "vitest";
import { geocodingArea, isInArea } from "@/lib/geocoding/area";
import { nominatimLabel } from "@/lib/geocoding/nominatim";
import { matchStreets, normalise } from "@/lib/geocoding/search-address";
import { createTtlCache } from "@/lib/geocoding/ttl-cache";
import { MAPBOX_DEFAULT_STYLE, mapConfig } from "@/lib/maps/config";

describe("mapConfig", () => {
  it("draws Mapbox Streets with a token and no style, keeps an explicit style, and uses maplibre without a token", () => {
    expect(mapConfig({ NEXT_PUBLIC_MAPBOX_TOKEN: "pk.test", MAP_STYLE_URL: undefined })).toEqual({ provider: "mapbox", token: "pk.test", styleUrl: MAPBOX_DEFAULT_STYLE });
    expect(mapConfig({ NEXT_PUBLIC_MAPBOX_TOKEN: "pk.test", MAP_STYLE_URL: "/map/offline-style.json" }).styleUrl).toBe("/map/offline-style.json");
    expect(mapConfig({ NEXT_PUBLIC_MAPBOX_TOKEN: undefined, MAP_STYLE_URL: undefined })).toEqual({ provider: "maplibre", token: null, styleUrl: null });
  });
});

describe("nominatimLabel", () => {
  const base = { lat: 44.5, lon: 7.7, display_name: "10, Via Roma, Fossano, Cuneo, Piemonte, 12045, Italia" };
  it("shortens Nominatim's long display name to street, number and town, with a landmark's name first", () => {
    expect(nominatimLabel({ ...base, address: { road: "Via Roma", house_number: "10", town: "Fossano", county: "Cuneo" } })).toBe("Via Roma 10, Fossano");
    expect(nominatimLabel({ ...base, name: "Scuola Sacco", address: { road: "Via Roma", city: "Fossano" } })).toBe("Scuola Sacco, Via Roma, Fossano");
    expect(nominatimLabel({ ...base, name: "Fossano", address: { town: "Fossano" } })).toBe("10, Via Roma, Fossano");
  });
});

describe("address search helpers", () => {
  it("matches known streets ignoring case, accents, apostrophes and civic numbers, most reported first", () => {
    const streets = [
      { name: "Via Roma", lat: 1, lng: 1, reports: 2 },
      { name: "Via Sant'Agostino", lat: 2, lng: 2, reports: 1 },
      { name: "Piazza Romanisio", lat: 3, lng: 3, reports: 9 },
    ];
    expect(normalise("  Via  Sant’Àgostino ")).toBe("via santagostino");
    expect(matchStreets(streets, "sant agostino 12").map((s) => s.label)).toEqual(["Via Sant'Agostino"]);
    expect(matchStreets(streets, "roma").map((s) => s.label)).toEqual(["Piazza Romanisio", "Via Roma"]);
    expect(matchStreets(streets, "12")).toEqual([]);
  });

  it("keeps a comune's results to its boundary, or to a box around its centre when it has neither boundary nor box", () => {
    const area = geocodingArea({ boundary: null, centreLat: 44, centreLng: 7, bboxMinLat: null, bboxMinLng: null, bboxMaxLat: null, bboxMaxLng: null });
    expect(isInArea(area, 44.04, 7.04)).toBe(true);
    expect(isInArea(area, 44.06, 7)).toBe(false);
  });

  it("expires cache entries and evicts the oldest past the cap", () => {
    let now = 0;
    const cache = createTtlCache<number>({ ttlMs: 100, maxEntries: 2, now: () => now });
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([undefined, 2, 3]);
    now = 100;
    expect(cache.get("b")).toBeUndefined();
  });
});
