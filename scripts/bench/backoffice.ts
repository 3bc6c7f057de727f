import { closeDb, getEngine } from "@/db/client";
import { listInbox } from "@/lib/backoffice/list-inbox";
import { officeWorkload } from "@/lib/backoffice/office-workload";
import type { Ctx, StaffActor } from "@/lib/context";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { createBenchDataset } from "./dataset";
import { measure, printFigures, type Figure } from "./harness";

/**
 * npm run bench:backoffice — the staff read path on a big comune: inbox tabs (counts per tab + a page of
 * 50), filters, text search, the supervisor's office workload (medians over 90 days).
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
const actor = (role: StaffActor["role"]): StaffActor => ({
  kind: "staff",
  userId: "00000000-0000-4000-8000-000000000000",
  name: "Bench",
  email: "bench@example.com",
  role,
  title: null,
  officeIds: [target.officeId],
  organisationId: null,
});
const operator: Ctx = { tenant, actor: actor("operator") };
const supervisor: Ctx = { tenant, actor: actor("supervisor") };

const figures: Figure[] = [];
figures.push(await measure("inbox: operator, my office, newest (counts + 50 rows)", () => listInbox({ ctx: operator, input: { tab: "mine" } }), 100));
figures.push(await measure("inbox: supervisor, all, status=new", () => listInbox({ ctx: supervisor, input: { tab: "all", status: "new" } }), 100));
figures.push(await measure("inbox: supervisor, overdue", () => listInbox({ ctx: supervisor, input: { tab: "overdue" } }), 100));
figures.push(await measure("inbox: text search 'prova 123'", () => listInbox({ ctx: supervisor, input: { tab: "all", q: "prova 123" } }), 50));
figures.push(await measure("inbox: page 100", () => listInbox({ ctx: supervisor, input: { tab: "all", page: 100 } }), 50));
figures.push(await measure("office workload, 90 days", () => officeWorkload({ ctx: supervisor, days: 90 }), 50));

printFigures(`Back office — ${engine.kind}, ${tenantCount} × ${perTenant} reports`, figures);
await closeDb();
process.exit(0);
