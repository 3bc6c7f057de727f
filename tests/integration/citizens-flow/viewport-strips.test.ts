import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getSystemDb } from "@/db/system";
import { rowsOf } from "@/lib/reports/list-public";
import { publicReportsGeoJson, type PublicFeatureCollection } from "@/lib/reports/public-geojson";
import { createCategory, createReport, createTenant } from "../../support/factories";

/** Deterministic pseudo-random numbers (a test that fails must fail the same way twice). */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe("viewport through the strip index", () => {
  it("the map's bbox answer is exactly the public reports inside the box, for boxes across strip edges", async () => {
    const tenant = await createTenant({ centreLat: 44.55, centreLng: 7.7 });
    const buca = await createCategory(tenant, { name: "Buca" });
    const interna = await createCategory(tenant, { name: "Interna", visibility: "internal" });
    const rnd = lcg(7);
    // 150 reports in a 1 km square, some exactly on strip edges (lng × 500 an integer).
    for (let i = 0; i < 150; i++) {
      const onEdge = i % 10 === 0;
      const lng = onEdge ? (3850 + (i % 4)) / 500 : 7.7 + (rnd() - 0.5) * 0.012;
      await createReport(tenant, {
        categoryId: i % 7 === 0 ? interna.id : buca.id,
        lat: 44.55 + (rnd() - 0.5) * 0.009,
        lng,
        isPublic: i % 5 !== 0,
      });
    }
    const db = await getSystemDb();
    const stored = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from reports where tenant_id = ${tenant.id} and geo_strip = floor(lng * 500)::int`,
      ),
    )[0]!.n;
    expect(stored).toBe(150);

    for (let b = 0; b < 25; b++) {
      const w = 0.0005 + rnd() * 0.008;
      const h = 0.0005 + rnd() * 0.006;
      const minLng = 7.694 + rnd() * 0.01;
      const minLat = 44.5455 + rnd() * 0.008;
      const bbox: [number, number, number, number] = [minLng, minLat, minLng + w, minLat + h];
      const got = JSON.parse(await publicReportsGeoJson(tenant, { bbox, zoom: 16 }, {})) as PublicFeatureCollection;
      const expected = rowsOf<{ code: string }>(
        await db.execute(sql`
          select r.code from reports r join categories c on c.tenant_id = r.tenant_id and c.id = r.category_id
          where r.tenant_id = ${tenant.id} and r.is_public and c.visibility = 'public'
            and r.lat between ${bbox[1]} and ${bbox[3]} and r.lng between ${bbox[0]} and ${bbox[2]}`),
      ).map((r) => r.code);
      expect(got.features.map((f) => f.properties.code).sort(), `box ${bbox.join(",")}`).toEqual(
        expected.sort(),
      );
    }
  });
});
