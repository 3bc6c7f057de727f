import { and, eq, like, sql } from "drizzle-orm";
import type { Engine } from "@/db/engine";
import { categories, offices, tenants } from "@/db/schema";

export type BenchTenant = { id: string; slug: string; categoryId: string; officeId: string; lat: number; lng: number };

/**
 * Synthetic comuni with `perTenant` reports each, generated in SQL (generate_series) so a million rows load
 * in seconds on PostgreSQL. Reports spread over ~10 km around the centre, 10 % private, mixed states,
 * created over the last year.
 */
export async function createBenchDataset(db: Engine["db"], tenantCount: number, perTenant: number): Promise<BenchTenant[]> {
  const reused = await reuseDataset(db, tenantCount, perTenant);
  if (reused) return reused;
  const out: BenchTenant[] = [];
  const run = Date.now().toString(36);
  for (let t = 0; t < tenantCount; t++) {
    const lat = 44 + t * 0.05;
    const lng = 8 + t * 0.05;
    const [tenant] = await db
      .insert(tenants)
      .values({ slug: `bench-${perTenant}-${run}-${t}`, name: `Bench ${t}`, codePrefix: "BEN", centreLat: lat, centreLng: lng, status: "active" })
      .returning();
    const [office] = await db.insert(offices).values({ tenantId: tenant!.id, name: "Manutenzioni" }).returning();
    const [category] = await db
      .insert(categories)
      .values({ tenantId: tenant!.id, name: "Buca", defaultOfficeId: office!.id, slaDays: 10 })
      .returning();
    await db.execute(sql`
      insert into reports (tenant_id, code, category_id, office_id, status, is_public, description, lat, lng, created_at, acknowledged_at)
      select ${tenant!.id}::uuid, 'BEN-2026-' || lpad(g::text, 7, '0'), ${category!.id}::uuid, ${office!.id}::uuid,
        (array['new','acknowledged','in_progress','resolved','resolved','resolved','rejected'])[1 + (g % 7)],
        (g % 10) <> 0,
        'Segnalazione di prova ' || g,
        ${lat} + (random() - 0.5) * 0.09, ${lng} + (random() - 0.5) * 0.13,
        now() - (random() * interval '365 days'),
        case when g % 7 > 0 then now() - (random() * interval '300 days') end
      from generate_series(1, ${perTenant}) g`);
    out.push({ id: tenant!.id, slug: tenant!.slug, categoryId: category!.id, officeId: office!.id, lat, lng });
  }
  await db.execute(sql`analyze reports`);
  return out;
}

/**
 * On PostgreSQL the synthetic comuni stay in the (scratch) database: a later bench with the same sizes
 * reuses them instead of loading another million rows.
 */
async function reuseDataset(db: Engine["db"], tenantCount: number, perTenant: number): Promise<BenchTenant[] | null> {
  const rows = await db
    .select({ id: tenants.id, slug: tenants.slug, lat: tenants.centreLat, lng: tenants.centreLng })
    .from(tenants)
    .where(like(tenants.slug, `bench-${perTenant}-%`))
    .orderBy(tenants.slug);
  const runs = new Map<string, typeof rows>();
  for (const row of rows) {
    const run = row.slug.split("-")[2]!;
    runs.set(run, [...(runs.get(run) ?? []), row]);
  }
  const complete = [...runs.values()].find((r) => r.length === tenantCount);
  if (!complete) return null;
  const out: BenchTenant[] = [];
  for (const row of complete) {
    const [office] = await db.select().from(offices).where(eq(offices.tenantId, row.id)).limit(1);
    const [category] = await db
      .select()
      .from(categories)
      .where(and(eq(categories.tenantId, row.id), eq(categories.name, "Buca")))
      .limit(1);
    out.push({ id: row.id, slug: row.slug, categoryId: category!.id, officeId: office!.id, lat: row.lat, lng: row.lng });
  }
  console.log(`reusing ${tenantCount} synthetic comuni × ${perTenant} reports`);
  return out;
}
