import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, pipeline, withTenant } from "@/db/client";
import { reportEvents, reports } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { caught } from "../support/db";
import { createCategory, createTenant } from "../support/factories";

/**
 * pipeline(): statements of one transaction sent together (PostgreSQL) or one by one (PGlite). Order is
 * kept — a row, then rows referencing it — and one failure undoes the whole transaction.
 */
afterAll(() => closeDb());

async function world() {
  const tenant = await createTenant();
  const category = await createCategory(tenant);
  const row = (id: string, code: string) => ({
    tenantId: tenant.id,
    id,
    code,
    categoryId: category.id,
    description: "Prova pipeline",
    lat: tenant.centreLat,
    lng: tenant.centreLng,
  });
  return { tenant, row };
}

describe("pipeline", () => {
  it("runs statements in order: an event may reference the report inserted just before it, under RLS", async () => {
    const { tenant, row } = await world();
    const id = randomUUID();
    await withTenant(tenant.id, (tx) =>
      pipeline(tx, [
        tx.insert(reports).values(row(id, "PIPE-1")),
        tx.insert(reportEvents).values({
          tenantId: tenant.id,
          reportId: id,
          type: "created",
          visibility: "public",
          toStatus: "new",
        }),
        sql`update reports set title = 'Aggiornato' where tenant_id = ${tenant.id} and id = ${id}`,
      ]),
    );
    const db = await getSystemDb();
    const [report] = await db
      .select()
      .from(reports)
      .where(and(eq(reports.tenantId, tenant.id), eq(reports.id, id)));
    expect(report?.title).toBe("Aggiornato");
    expect(await db.select().from(reportEvents).where(eq(reportEvents.reportId, id))).toHaveLength(1);
  });

  it("one failing statement fails the call and undoes the statements before and after it", async () => {
    const { tenant, row } = await world();
    const id = randomUUID();
    const error = await caught(() =>
      withTenant(tenant.id, (tx) =>
        pipeline(tx, [
          tx.insert(reports).values(row(id, "PIPE-2")),
          tx.insert(reports).values(row(randomUUID(), "PIPE-2")), // same code: unique violation
          tx.insert(reportEvents).values({
            tenantId: tenant.id,
            reportId: id,
            type: "created",
            visibility: "public",
            toStatus: "new",
          }),
        ]),
      ),
    );
    expect(JSON.stringify(error) + String(error) + String((error as { cause?: unknown }).cause)).toMatch(
      /23505|duplicate|unique/i,
    );
    const db = await getSystemDb();
    expect(await db.select().from(reports).where(eq(reports.tenantId, tenant.id))).toHaveLength(0);
    expect(await db.select().from(reportEvents).where(eq(reportEvents.tenantId, tenant.id))).toHaveLength(0);
  });

  it("statements run as the tenant: another comune's row cannot be written through it", async () => {
    const { tenant } = await world();
    const other = await world();
    const error = await caught(() =>
      withTenant(tenant.id, (tx) =>
        pipeline(tx, [tx.insert(reports).values(other.row(randomUUID(), "PIPE-3"))]),
      ),
    );
    expect(String(error) + String((error as { cause?: unknown }).cause)).toMatch(
      /row-level security|violates/i,
    );
    const db = await getSystemDb();
    expect(await db.select().from(reports).where(eq(reports.tenantId, other.tenant.id))).toHaveLength(0);
  });
});

describe("prepared statements on PostgreSQL (db/engine.ts)", () => {
  it("drizzle's statements are prepared on the connection and planned for their own parameters", async (ctx) => {
    const { getEngine } = await import("@/db/client");
    if ((await getEngine()).kind !== "postgres") return ctx.skip();
    const { tenant, row } = await world();
    const seen = await withTenant(tenant.id, async (tx) => {
      await tx.insert(reports).values(row(randomUUID(), "PIPE-4"));
      await tx.select().from(reports).where(eq(reports.tenantId, tenant.id));
      const prepared = await tx.execute(
        sql`select count(*)::int as n from pg_prepared_statements where statement like '%"reports"%'`,
      );
      const mode = await tx.execute(sql`select current_setting('plan_cache_mode') as mode`);
      return {
        prepared: (prepared as unknown as { n: number }[])[0]!.n,
        mode: (mode as unknown as { mode: string }[])[0]!.mode,
      };
    });
    expect(seen.prepared).toBeGreaterThanOrEqual(2);
    expect(seen.mode).toBe("force_custom_plan");
  });
});
