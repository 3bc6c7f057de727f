import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getEngine, pipeline, withTenant } from "@/db/client";
import { insertRow } from "@/db/insert-row";
import { outbox, reportEvents, reports } from "@/db/schema";
import { enqueueStatement } from "@/lib/outbox/enqueue";
import { getSystemDb } from "@/db/system";
import { caught } from "../support/db";
import { createCategory, createTenant } from "../support/factories";

/**
 * pipeline(): statements of one transaction sent together (PostgreSQL) or one by one (PGlite). Order is
 * kept — a row, then rows referencing it — and one failure undoes the whole transaction.
 */
afterAll(() => closeDb());

/** What only PostgreSQL does (prepared statements, plan modes, a reserved connection): PGlite skips it. */
async function onPostgres(): Promise<boolean> {
  return (await getEngine()).kind === "postgres";
}

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

describe("pipeline of insertRow statements only: one statement on PostgreSQL", () => {
  const created = (tenantId: string, reportId: string) =>
    ({ tenantId, reportId, type: "created", visibility: "public", toStatus: "new" }) as const;

  it("a report, its event and an outbox row referencing nothing all land, foreign keys checked at the end", async () => {
    const { tenant, row } = await world();
    const id = randomUUID();
    await withTenant(tenant.id, (tx) =>
      pipeline(
        tx,
        [
          insertRow(tx, reports, row(id, "PIPE-C1")),
          insertRow(tx, reportEvents, created(tenant.id, id)),
          insertRow(tx, reportEvents, { ...created(tenant.id, id), type: "internal_note", visibility: "internal", body: "Nota $1 con $2" }),
          enqueueStatement(tx, tenant.id, { kind: "email", tenantSlug: tenant.slug, message: { template: "reportReceipt", to: "a@example.it", values: { code: "PIPE-C1" } } } as never, `pipe:${id}`),
        ],
        { commit: true },
      ),
    );
    const db = await getSystemDb();
    const events = await db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
    expect(events.map((e) => e.type).sort()).toEqual(["created", "internal_note"]);
    // Parameters renumbered, never the text: "$1" in a value stays "$1".
    expect(events.find((e) => e.type === "internal_note")?.body).toBe("Nota $1 con $2");
    expect(await db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.dedupeKey, `pipe:${id}`)))).toHaveLength(1);
  });

  it("an event referencing a report that does not exist fails the whole statement: the report is not kept", async () => {
    const { tenant, row } = await world();
    const id = randomUUID();
    const error = await caught(() =>
      withTenant(tenant.id, (tx) =>
        pipeline(tx, [insertRow(tx, reports, row(id, "PIPE-C2")), insertRow(tx, reportEvents, created(tenant.id, randomUUID()))], { commit: true }),
      ),
    );
    expect(String(error) + String((error as { cause?: unknown }).cause)).toMatch(/23503|foreign key/i);
    const db = await getSystemDb();
    expect(await db.select().from(reports).where(and(eq(reports.tenantId, tenant.id), eq(reports.code, "PIPE-C2")))).toHaveLength(0);
  });

  it("each insert is checked by row-level security: another comune's row among them fails them all", async () => {
    const { tenant, row } = await world();
    const other = await world();
    const id = randomUUID();
    const error = await caught(() =>
      withTenant(tenant.id, (tx) =>
        pipeline(tx, [insertRow(tx, reports, row(id, "PIPE-C3")), insertRow(tx, reports, other.row(randomUUID(), "PIPE-C4"))]),
      ),
    );
    expect(String(error) + String((error as { cause?: unknown }).cause)).toMatch(/row-level security|violates/i);
    const db = await getSystemDb();
    expect(await db.select().from(reports).where(eq(reports.code, "PIPE-C3"))).toHaveLength(0);
    expect(await db.select().from(reports).where(eq(reports.tenantId, other.tenant.id))).toHaveLength(0);
  });

  it("the same shapes in another order are another statement, each correct", async () => {
    const { tenant, row } = await world();
    const [a, b] = [randomUUID(), randomUUID()];
    await withTenant(tenant.id, (tx) => pipeline(tx, [insertRow(tx, reports, row(a, "PIPE-C5")), insertRow(tx, reportEvents, created(tenant.id, a))]));
    await withTenant(tenant.id, (tx) =>
      pipeline(tx, [insertRow(tx, reports, { ...row(b, "PIPE-C6"), title: "Con titolo" }), insertRow(tx, reportEvents, created(tenant.id, b))]),
    );
    const db = await getSystemDb();
    const rows = await db.select().from(reports).where(eq(reports.tenantId, tenant.id));
    expect(rows.map((r) => [r.code, r.title]).sort()).toEqual([
      ["PIPE-C5", null],
      ["PIPE-C6", "Con titolo"],
    ]);
    expect(await db.select().from(reportEvents).where(eq(reportEvents.tenantId, tenant.id))).toHaveLength(2);
  });
});

describe("prepared statements on PostgreSQL (db/engine.ts)", () => {
  it("drizzle's statements are prepared on the connection and planned for their own parameters", async (ctx) => {
    if (!(await onPostgres())) return ctx.skip();
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

describe("withTenant: the transaction, its `before` statement and its options (db/client.ts)", () => {
  const counter = (key: string) => sql`insert into rate_limits (key, count, window_start) values (${key}, 1, now())
    on conflict (key) do update set count = rate_limits.count + 1 returning key, count`;

  it("runs `before` outside the transaction: it stays committed when the transaction fails, and fn gets its rows", async () => {
    const { tenant, row } = await world();
    const key = `test:${randomUUID()}`;
    const seen: unknown[] = [];
    const error = await caught(() =>
      withTenant(
        tenant.id,
        async (tx, before) => {
          seen.push(...(await before));
          await tx.insert(reports).values(row(randomUUID(), "PIPE-5"));
          throw new Error("refused after counting");
        },
        { before: counter(key) },
      ),
    );
    expect(String(error)).toContain("refused after counting");
    expect(seen).toEqual([expect.objectContaining({ key, count: 1 })]);
    const db = await getSystemDb();
    expect(await db.select().from(reports).where(eq(reports.tenantId, tenant.id))).toHaveLength(0);
    const counted = await db.execute(sql`select count from rate_limits where key = ${key}`);
    expect((counted as unknown as { count: number }[])[0]?.count ?? (counted as unknown as { rows: { count: number }[] }).rows[0]?.count).toBe(1);
  });

  it("`before` runs as the platform, fn as the comune: fn still cannot see another comune's rows", async () => {
    const { tenant } = await world();
    const other = await world();
    await withTenant(other.tenant.id, (tx) => tx.insert(reports).values(other.row(randomUUID(), "PIPE-6")));
    const visible = await withTenant(
      tenant.id,
      async (tx, before) => {
        await before;
        return tx.select().from(reports).where(eq(reports.tenantId, other.tenant.id));
      },
      { before: counter(`test:${randomUUID()}`) },
    );
    expect(visible).toHaveLength(0);
  });

  it("with genericPlans `before` is planned once as well, still as the platform; a failing `before` leaves fn's transaction whole", async (ctx) => {
    if (!(await onPostgres())) return ctx.skip();
    const { tenant, row } = await world();
    const seen = await withTenant(
      tenant.id,
      async (tx, before) => {
        const [rows, inside] = await Promise.all([
          before,
          tx.execute(sql`select current_setting('plan_cache_mode') as mode, current_user as role`) as unknown as Promise<Record<string, unknown>[]>,
        ]);
        return { before: rows[0], inside: inside[0] };
      },
      { before: sql`select current_setting('plan_cache_mode') as mode, current_user <> 'app_user' as platform`, genericPlans: true },
    );
    expect(seen).toEqual({ before: { mode: "force_generic_plan", platform: true }, inside: { mode: "force_generic_plan", role: "app_user" } });

    const id = randomUUID();
    const refused = await withTenant(
      tenant.id,
      async (tx, before) => {
        const error = await before.then(() => null, (e: unknown) => e);
        await tx.insert(reports).values(row(id, "PIPE-G1"));
        return error;
      },
      { before: sql`select 1 / 0`, genericPlans: true },
    );
    expect(String(refused)).toContain("division by zero");
    const db = await getSystemDb();
    expect(await db.select().from(reports).where(eq(reports.id, id))).toHaveLength(1);
    // The connection goes back as the pool keeps it: custom plans, the platform role, no tenant.
    for (let i = 0; i < 12; i++) {
      const [after] = (await db.execute(
        sql`select current_setting('plan_cache_mode') as mode, coalesce(current_setting('app.tenant_id', true), '') as tenant, current_user <> 'app_user' as platform`,
      )) as unknown as { mode: string; tenant: string; platform: boolean }[];
      expect(after).toEqual({ mode: "force_custom_plan", tenant: "", platform: true });
    }
  });

  it("failed transactions give their connection back: more failures than the pool holds, then a success", async () => {
    const { tenant, row } = await world();
    for (let i = 0; i < 25; i++) {
      await caught(() => withTenant(tenant.id, (tx) => tx.execute(sql`select 1 / 0`)));
    }
    const failures = await Promise.allSettled(
      Array.from({ length: 25 }, () => withTenant(tenant.id, (tx) => tx.execute(sql`select 1 / 0`))),
    );
    expect(failures.every((f) => f.status === "rejected")).toBe(true);
    await withTenant(tenant.id, (tx) => tx.insert(reports).values(row(randomUUID(), "PIPE-7")));
    const db = await getSystemDb();
    expect(await db.select().from(reports).where(eq(reports.tenantId, tenant.id))).toHaveLength(1);
  });

  it("genericPlans applies to that transaction only; the tenant context never leaks to the next one", async (ctx) => {
    if (!(await onPostgres())) return ctx.skip();
    const { tenant } = await world();
    const mode = async (options: { genericPlans?: boolean }) =>
      withTenant(
        tenant.id,
        async (tx) =>
          (await tx.execute(
            sql`select current_setting('plan_cache_mode') as mode, current_setting('app.tenant_id') as tenant, current_user as role`,
          )) as unknown as { mode: string; tenant: string; role: string }[],
        options,
      );
    expect((await mode({ genericPlans: true }))[0]).toEqual({ mode: "force_generic_plan", tenant: tenant.id, role: "app_user" });
    const db = await getSystemDb();
    // The pool's connections after it: custom plans, no tenant, the platform role.
    for (let i = 0; i < 12; i++) {
      const [after] = (await db.execute(
        sql`select current_setting('plan_cache_mode') as mode, coalesce(current_setting('app.tenant_id', true), '') as tenant, current_user <> 'app_user' as platform`,
      )) as unknown as { mode: string; tenant: string; platform: boolean }[];
      expect(after).toEqual({ mode: "force_custom_plan", tenant: "", platform: true });
    }
    expect((await mode({}))[0]!.mode).toBe("force_custom_plan");
  });
});

describe("pipeline(…, { commit: true }): the transaction's last writes carry its COMMIT", () => {
  it("commits them; a failing statement among them still undoes all of them", async () => {
    const { tenant, row } = await world();
    const id = randomUUID();
    await withTenant(tenant.id, (tx) => pipeline(tx, [tx.insert(reports).values(row(id, "PIPE-8"))], { commit: true }));
    const error = await caught(() =>
      withTenant(tenant.id, (tx) =>
        pipeline(
          tx,
          [tx.insert(reports).values(row(randomUUID(), "PIPE-9")), tx.insert(reports).values(row(randomUUID(), "PIPE-8"))],
          { commit: true },
        ),
      ),
    );
    expect(String(error) + String((error as { cause?: unknown }).cause)).toMatch(/23505|duplicate|unique/i);
    const db = await getSystemDb();
    const codes = (await db.select().from(reports).where(eq(reports.tenantId, tenant.id))).map((r) => r.code);
    expect(codes).toEqual(["PIPE-8"]);
  });

  it("on PostgreSQL, nothing more can be sent through the transaction once its COMMIT has gone out", async (ctx) => {
    if (!(await onPostgres())) return ctx.skip();
    const { tenant, row } = await world();
    const other = await world();
    const error = await caught(() =>
      withTenant(tenant.id, async (tx) => {
        await pipeline(tx, [tx.insert(reports).values(row(randomUUID(), "PIPE-10"))], { commit: true });
        // Outside the transaction this would run as the platform role, without row-level security.
        await tx.insert(reports).values(other.row(randomUUID(), "PIPE-11"));
      }),
    );
    expect(String(error) + String((error as { cause?: unknown }).cause)).toContain("transazione è già conclusa");
    const db = await getSystemDb();
    expect(await db.select().from(reports).where(eq(reports.tenantId, other.tenant.id))).toHaveLength(0);
  });
});

describe("withTenant when PostgreSQL drops the connection mid-transaction", () => {
  it("fails that call (no hang, no crash) and the pool keeps working", async (ctx) => {
    if (!(await onPostgres())) return ctx.skip();
    const { tenant, row } = await world();
    const db = await getSystemDb();
    for (const pause of [0, 100]) {
      const error = await caught(() =>
        withTenant(tenant.id, async (tx) => {
          const [me] = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
          await db.execute(sql`select pg_terminate_backend(${me!.pid})`);
          // Until the backend is gone (terminating is asynchronous: a backend that finished this
          // transaction first would die between transactions, which no pool can hide).
          for (let i = 0; i < 200; i++) {
            const alive = (await db.execute(sql`select 1 from pg_stat_activity where pid = ${me!.pid}`)) as unknown as unknown[];
            if (alive.length === 0) break;
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
          await tx.insert(reports).values(row(randomUUID(), `LOST-${pause}`));
        }),
      );
      expect(error).toBeInstanceOf(Error);
    }
    // More transactions than the pool has connections: the dropped ones were replaced.
    await Promise.all(Array.from({ length: 15 }, (_, i) => withTenant(tenant.id, (tx) => tx.insert(reports).values(row(randomUUID(), `AFTER-${i}`)))));
    const codes = (await db.select().from(reports).where(eq(reports.tenantId, tenant.id))).map((r) => r.code);
    expect(codes.filter((c) => c.startsWith("LOST"))).toEqual([]);
    expect(codes.filter((c) => c.startsWith("AFTER"))).toHaveLength(15);
  });
});
