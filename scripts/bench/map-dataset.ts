import { sql } from "drizzle-orm";
import type { Engine } from "@/db/engine";
import { categories, offices, tenants } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { rowsOf } from "@/lib/reports/list-public";
import { getTenant } from "@/lib/tenancy/get-tenant";

type Db = Engine["db"];

export type MapComune = {
  id: string;
  slug: string;
  rank: number;
  population: number;
  lat: number;
  lng: number;
  categoryId: string;
  categoryIds: string[];
  officeId: string;
};

export const COMUNI = 100;
const LARGEST = 200_000;
const SMALLEST = 300;
const SLUG_PREFIX = "bench-map-";
/** Synthetic rows are coded S0000001…; codes the app generates (BM-2026-000001) never fall in this range. */
const SYNTHETIC_FROM = "S0";
const SYNTHETIC_TO = "S:";

/**
 * Rank-size (Zipf) populations: rank 1 has 200,000 inhabitants, rank 100 has 300, the exponent follows
 * (≈ 1.41). Like Italy's comuni, most are small: the median is ≈ 800 inhabitants and the largest alone
 * holds ≈ 38 % of the population (so of the reports).
 */
export function populationOf(rank: number): number {
  const exponent = Math.log(LARGEST / SMALLEST) / Math.log(COMUNI);
  return Math.round(LARGEST * rank ** -exponent);
}

/** Reports per comune for a total, proportional to population (at least one each). */
export function reportsPerComune(total: number): number[] {
  const pops = Array.from({ length: COMUNI }, (_, i) => populationOf(i + 1));
  const sum = pops.reduce((a, b) => a + b, 0);
  return pops.map((p) => Math.max(1, Math.round((total * p) / sum)));
}

/**
 * The 100 synthetic comuni (created once, then reused): a 10 × 10 grid of towns ~25 km apart, one office,
 * three public categories each.
 */
export async function ensureComuni(db: Db): Promise<MapComune[]> {
  const out: MapComune[] = [];
  for (let rank = 1; rank <= COMUNI; rank++) {
    const slug = `${SLUG_PREFIX}${String(rank).padStart(3, "0")}`;
    const lat = 44 + Math.floor((rank - 1) / 10) * 0.25;
    const lng = 7.5 + ((rank - 1) % 10) * 0.35;
    let tenant: { id: string } | null | undefined = await getTenant(slug);
    if (!tenant) {
      const population = populationOf(rank);
      [tenant] = await db
        .insert(tenants)
        .values({ slug, name: `Bench ${rank}`, codePrefix: "BM", population, centreLat: lat, centreLng: lng, status: "active" })
        .returning();
      const [office] = await db.insert(offices).values({ tenantId: tenant!.id, name: "Manutenzioni" }).returning();
      await db.insert(categories).values(
        ["Buca", "Illuminazione", "Rifiuti"].map((name, i) => ({
          tenantId: tenant!.id,
          name,
          sortOrder: i,
          defaultOfficeId: office!.id,
          slaDays: 10,
        })),
      );
    }
    const ids = await db.execute(sql`
      select (select id from offices where tenant_id = ${tenant!.id} order by name limit 1) as office_id,
             array(select id from categories where tenant_id = ${tenant!.id} order by sort_order) as category_ids`);
    const row = rowsOf<{ office_id: string; category_ids: string[] }>(ids)[0]!;
    const categoryIds = row.category_ids;
    out.push({ id: tenant!.id, slug, rank, population: populationOf(rank), lat, lng, categoryId: categoryIds[0]!, categoryIds, officeId: row.office_id });
  }
  return out;
}

/**
 * Brings every comune to exactly its share of `total` synthetic reports: grows with generate_series, or
 * trims the newest-numbered rows when a previous run left more (the 100,000 stage after a 1,000,000 run).
 * Points cluster around the town centre — 80 % in a core of σ = 6 m × √population, 20 % in outskirts three
 * times wider — 10 % private, mixed states, created over the last year. Then vacuum + analyze so the
 * planner and index-only scans see the table as it is.
 */
export async function sizeDataset(db: Db, comuni: MapComune[], total: number): Promise<{ inserted: number; deleted: number }> {
  const targets = reportsPerComune(total);
  let inserted = 0;
  let deleted = 0;
  for (const [i, c] of comuni.entries()) {
    const target = targets[i]!;
    const current = await syntheticCount(db, c.id);
    if (current > target) {
      // Synthetic rows are referenced by nothing, but each delete would still run the foreign-key checks
      // of every table referencing reports — including reports.duplicate_of_id, which has no index: a
      // scan of the comune per deleted row. Skipping the triggers (superuser, scratch database) makes
      // trimming 900,000 rows take seconds instead of hours.
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`
          delete from reports where tenant_id = ${c.id} and code > ${syntheticCode(target)} and code < ${SYNTHETIC_TO}`);
      });
      deleted += current - target;
      continue;
    }
    if (current === target) continue;
    const sigmaKm = 0.006 * Math.sqrt(c.population);
    const sdLat = sigmaKm / 111.32;
    const sdLng = sigmaKm / (111.32 * Math.cos((c.lat * Math.PI) / 180));
    await db.execute(sql`
      insert into reports (tenant_id, code, category_id, office_id, status, is_public, description, lat, lng, created_at, acknowledged_at)
      select ${c.id}::uuid, 'S' || lpad(g::text, 7, '0'),
             (${`{${c.categoryIds.join(",")}}`}::uuid[])[1 + (g % 3)],
             ${c.officeId}::uuid,
             (array['new','acknowledged','in_progress','resolved','resolved','resolved','rejected'])[1 + (g % 7)],
             (g % 10) <> 0,
             'Segnalazione di prova ' || g,
             ${c.lat} + k * ${sdLat} * rad * cos(ang),
             ${c.lng} + k * ${sdLng} * rad * sin(ang),
             now() - (random() * interval '365 days'),
             case when g % 7 > 0 then now() - (random() * interval '300 days') end
      from (
        select g, sqrt(-2 * ln(1 - random())) as rad, 2 * pi() * random() as ang,
               case when random() < 0.8 then 1.0 else 3.0 end as k
        from generate_series(${current + 1}::int, ${target}::int) g
      ) s`);
    inserted += target - current;
  }
  if (inserted > 0 || deleted > 0) await db.execute(sql`vacuum analyze reports`);
  return { inserted, deleted };
}

/**
 * Removes what earlier runs submitted: the reports outside the synthetic range, every row that refers to
 * a report of these comuni (synthetic reports have none), their outbox rows and the bench API keys. With
 * the triggers skipped, as in sizeDataset, and the cascade done by hand from the catalog's foreign keys.
 * Then those tables are vacuumed: deleted rows stay in the tables and their indexes until then, and a run
 * would otherwise measure the debris of the runs before it (inserts check the unique indexes through
 * it) for as long as autovacuum has not come by — a quarter of a million dead reports, seen here.
 */
export async function removeSubmissions(db: Db, comuni: MapComune[]): Promise<void> {
  const ids = sql.join(
    comuni.map((c) => sql`${c.id}::uuid`),
    sql`, `,
  );
  const tables = await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    const referencing = rowsOf<{ name: string }>(
      await tx.execute(sql`
        select distinct conrelid::regclass::text as name from pg_constraint
        where contype = 'f' and confrelid = 'reports'::regclass and conrelid <> 'reports'::regclass`),
    );
    for (const { name } of referencing) {
      if (!/^[a-z_]+$/.test(name)) throw new Error(`unexpected table name ${name}`);
      await tx.execute(sql`delete from ${sql.identifier(name)} where tenant_id in (${ids})`);
    }
    await tx.execute(sql`delete from reports where tenant_id in (${ids}) and not (code >= ${SYNTHETIC_FROM} and code < ${SYNTHETIC_TO})`);
    await tx.execute(sql`delete from outbox where tenant_id in (${ids})`);
    await tx.execute(sql`delete from api_keys where tenant_id in (${ids}) and name = 'bench-map'`);
    return [...referencing.map((r) => r.name), "reports", "outbox", "api_keys"];
  });
  await db.execute(sql`vacuum (analyze) ${sql.join(tables.map((t) => sql.identifier(t)), sql`, `)}`);
}

/**
 * One Open311 API key per comune, issued by the real verb (hash stored, audit event). Spreading the
 * submissions over 100 comuni, their keys and 250 client addresses (bench:map passes them as a reverse
 * proxy does) stays inside the production limits (600 requests per key and 120 per address per comune a
 * minute) — as real traffic from many comuni and phones would — so no limit is relaxed.
 */
export async function issueApiKeys(comuni: MapComune[]): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const c of comuni) {
    const tenant = (await getTenant(c.slug))!;
    const created = await createApiKey({
      ctx: {
        tenant,
        actor: {
          kind: "staff",
          userId: "bench-map",
          name: "Bench",
          email: "bench@example.it",
          role: "admin",
          title: null,
          officeIds: [],
          organisationId: null,
        },
      },
      input: { name: "bench-map" },
    });
    keys.set(c.slug, created.key);
  }
  return keys;
}

/** Total reports (synthetic and submitted) of the bench comuni. */
export async function countReports(db: Db, comuni: MapComune[]): Promise<number> {
  const ids = sql.join(
    comuni.map((c) => sql`${c.id}::uuid`),
    sql`, `,
  );
  const result = await db.execute(sql`select count(*)::int as n from reports where tenant_id in (${ids})`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}

/** Public reports of a comune inside a bbox (what the viewport endpoint can show), to size viewports. */
export async function countPublicInBox(db: Db, tenantId: string, box: [number, number, number, number]): Promise<number> {
  const [minLng, minLat, maxLng, maxLat] = box;
  const result = await db.execute(sql`
    select count(*)::int as n from reports r join categories c on c.tenant_id = r.tenant_id and c.id = r.category_id
    where r.tenant_id = ${tenantId} and r.is_public and c.visibility = 'public'
      and r.lat between ${minLat} and ${maxLat} and r.lng between ${minLng} and ${maxLng}`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}

async function syntheticCount(db: Db, tenantId: string): Promise<number> {
  const result = await db.execute(sql`
    select max(code) as code from reports where tenant_id = ${tenantId} and code >= ${SYNTHETIC_FROM} and code < ${SYNTHETIC_TO}`);
  const code = rowsOf<{ code: string | null }>(result)[0]?.code;
  return code ? Number(code.slice(1)) : 0;
}

const syntheticCode = (n: number) => `S${String(n).padStart(7, "0")}`;
