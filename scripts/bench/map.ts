import { closeDb, getEngine } from "@/db/client";
import { listPublicReports } from "@/lib/reports/list-public";
import { parsePublicFilters } from "@/lib/reports/public-filters";
import { publicReportsGeoJson } from "@/lib/reports/public-geojson";
import { findNearbyReports } from "@/lib/reports/find-nearby";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { createBenchDataset } from "./dataset";
import { measure, measureConcurrent, printFigures, type Figure } from "./harness";

/**
 * npm run bench:map — the citizens' read path: viewport GeoJSON at street, district and whole-town zoom,
 * the accessible list (first and a deep page), the duplicate prompt's nearby query.
 * Env: BENCH_TENANTS (default 5), BENCH_REPORTS per comune (default 20000); DATABASE_URL → PostgreSQL.
 */
const tenantCount = Number(process.env.BENCH_TENANTS ?? 5);
const perTenant = Number(process.env.BENCH_REPORTS ?? 20000);

const engine = await getEngine();
const t0 = Date.now();
const dataset = await createBenchDataset(engine.db, tenantCount, perTenant);
console.log(`engine ${engine.kind}: ${tenantCount} comuni × ${perTenant} reports loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const target = dataset[0]!;
const tenant = (await getTenant(target.slug))!;
const noFilters = parsePublicFilters(new URLSearchParams());
const box = (metres: number, i: number) => {
  const dLat = metres / 111320;
  const dLng = metres / (111320 * Math.cos((target.lat * Math.PI) / 180));
  const jitter = ((i % 20) - 10) * 0.002;
  return [target.lng + jitter - dLng / 2, target.lat + jitter - dLat / 2, target.lng + jitter + dLng / 2, target.lat + jitter + dLat / 2] as [number, number, number, number];
};

const figures: Figure[] = [];
figures.push(await measure("GeoJSON street (500 m, zoom 17)", (i) => publicReportsGeoJson(tenant, { bbox: box(500, i), zoom: 17 }, noFilters)));
figures.push(await measure("GeoJSON district (3 km, zoom 14)", (i) => publicReportsGeoJson(tenant, { bbox: box(3000, i), zoom: 14 }, noFilters), 100));
figures.push(await measure("GeoJSON whole town (zoom 11, newest 1000)", () => publicReportsGeoJson(tenant, { bbox: null, zoom: 11 }, noFilters), 100));
figures.push(await measureConcurrent("GeoJSON street", (i) => publicReportsGeoJson(tenant, { bbox: box(500, i), zoom: 17 }, noFilters), 400, 16));
figures.push(await measure("list page 1 (20 rows + total)", () => listPublicReports(tenant, noFilters, 1), 100));
figures.push(await measure("list page 200", () => listPublicReports(tenant, noFilters, 200), 50));
figures.push(
  await measure("nearby open reports (250 m, same category)", (i) =>
    findNearbyReports({
      ctx: { tenant, actor: { kind: "anonymous" } },
      input: { categoryId: target.categoryId, lat: target.lat + ((i % 20) - 10) * 0.002, lng: target.lng },
    }),
  ),
);

printFigures(`Citizens' map — ${engine.kind}, ${tenantCount} × ${perTenant} reports`, figures);
await closeDb();
process.exit(0);
