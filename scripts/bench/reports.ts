import { closeDb, getEngine } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { countReportsByStatus } from "@/lib/reports/count-by-status";
import { createReport } from "@/lib/reports/create-report";

import { getTenant } from "@/lib/tenancy/get-tenant";
import { createBenchDataset } from "./dataset";
import { measure, measureConcurrent, printFigures, type Figure } from "./harness";

/**
 * npm run bench:reports — figures for the verbs and queries on the citizens' and staff paths.
 * Env: BENCH_TENANTS (default 5), BENCH_REPORTS per tenant (default 20000); DATABASE_URL → PostgreSQL
 * (use a scratch database), otherwise in-memory PGlite.
 */
const tenantCount = Number(process.env.BENCH_TENANTS ?? 5);
const perTenant = Number(process.env.BENCH_REPORTS ?? 20000);

const engine = await getEngine();
const t0 = Date.now();
const dataset = await createBenchDataset(engine.db, tenantCount, perTenant);
console.log(`engine ${engine.kind}: ${tenantCount} comuni × ${perTenant} reports loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const target = dataset[0]!;
const tenant = (await getTenant(target.slug))!;
const ctx: Ctx = { tenant, actor: { kind: "anonymous" } };
const figures: Figure[] = [];

figures.push(await measure("countReportsByStatus (home page counts)", () => countReportsByStatus(tenant.id), 100));
const submit = (i: number) =>
  createReport({
    ctx,
    input: {
      categoryId: target.categoryId,
      lat: target.lat + (i % 50) * 0.0001,
      lng: target.lng,
      description: `Buca profonda davanti al civico ${i}, pericolosa per i ciclisti.`,
      reporterEmail: `bench${i}@example.it`,
      privacyConsent: true,
      idempotencyKey: `bench-${Date.now()}-${i}`,
    },
  });
figures.push(await measure("createReport (sequential)", submit, 200));
figures.push(await measureConcurrent("createReport", (i) => submit(100000 + i), 400, 16));

printFigures(`Reports — ${engine.kind}, ${tenantCount} × ${perTenant} reports`, figures);
await closeDb();
process.exit(0);
