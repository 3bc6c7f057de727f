import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, withTenant } from "@/db/client";
import { getSystemDb } from "@/db/system";
import { one, rows } from "../support/db";
import { createCategory, createReport, createTenant, type Tenant } from "../support/factories";

/**
 * withTenant under load: many transactions for several tenants interleaved on the connection pool
 * (PostgreSQL) or queued on the single connection (PGlite). Each must see exactly its own tenant, and
 * nothing may stay behind on a pooled connection once they are done.
 */

const TENANTS = 4;
const REPORTS_PER_TENANT = [1, 2, 3, 4];
const TRANSACTIONS = 200;

let tenants: { tenant: Tenant; reportCount: number }[];
let loginRole: string;

class Deliberate extends Error {}

beforeAll(async () => {
  const db = await getSystemDb();
  loginRole = one<{ role: string }>(await db.execute(sql`select session_user::text as role`)).role;
  tenants = [];
  for (let i = 0; i < TENANTS; i++) {
    const tenant = await createTenant();
    const category = await createCategory(tenant);
    const reportCount = REPORTS_PER_TENANT[i]!;
    for (let r = 0; r < reportCount; r++) await createReport(tenant, { categoryId: category.id });
    tenants.push({ tenant, reportCount });
  }
});

afterAll(() => closeDb());

type Observation = {
  expected: string;
  setting: string;
  role: string;
  reportTenants: string[];
  reportCount: number;
};

/** Records what one tenant transaction sees into `into`; with `failAtEnd` it then rolls back. */
async function observe(tenantId: string, into: Observation[], failAtEnd = false): Promise<void> {
  await withTenant(tenantId, async (tx) => {
    // Yield between statements so other transactions run in between on the pool.
    await sleep(Math.floor(Math.random() * 4));
    const { setting, role } = one<{ setting: string; role: string }>(
      await tx.execute(sql`select current_setting('app.tenant_id') as setting, current_user::text as role`),
    );
    await sleep(Math.floor(Math.random() * 4));
    // No tenant filter on purpose: row-level security alone decides what comes back.
    const reportRows = rows<{ tenant_id: string }>(
      await tx.execute(sql`select tenant_id::text from reports`),
    );
    into.push({
      expected: tenantId,
      setting,
      role,
      reportTenants: [...new Set(reportRows.map((r) => r.tenant_id))],
      reportCount: reportRows.length,
    });
    // Some transactions roll back after using the tenant: an aborted one must not leak either.
    if (failAtEnd) throw new Deliberate();
  });
}

describe("withTenant under concurrency", () => {
  it(`isolates ${TRANSACTIONS} interleaved transactions of ${TENANTS} tenants`, async () => {
    const results: Observation[] = [];
    await Promise.all(
      Array.from({ length: TRANSACTIONS }, (_, i) =>
        observe(tenants[i % TENANTS]!.tenant.id, results, i % 10 === 9).catch((error: unknown) => {
          if (!(error instanceof Deliberate)) throw error;
        }),
      ),
    );

    expect(results).toHaveLength(TRANSACTIONS);
    const expectedCount = new Map(tenants.map((t) => [t.tenant.id, t.reportCount]));
    const leaks = results.filter(
      (r) =>
        r.setting !== r.expected ||
        r.role !== "app_user" ||
        r.reportCount !== expectedCount.get(r.expected) ||
        r.reportTenants.length !== 1 ||
        r.reportTenants[0] !== r.expected,
    );
    expect(leaks).toEqual([]);
    // Every tenant was actually exercised (and saw its own, non-empty set of reports).
    expect(new Set(results.map((r) => r.expected)).size).toBe(TENANTS);
  });

  it("leaves no tenant setting or role behind on the pooled connections", async () => {
    const warmUp: Observation[] = [];
    await Promise.all(tenants.map(({ tenant }) => observe(tenant.id, warmUp)));
    expect(warmUp.map((o) => o.setting).sort()).toEqual(tenants.map((t) => t.tenant.id).sort());
    const db = await getSystemDb();
    // Several concurrent, slightly slow queries so that more than one pooled connection answers.
    const sessions = await Promise.all(
      Array.from({ length: 20 }, async () =>
        one<{ setting: string | null; role: string }>(
          await db.execute(sql`
            select current_setting('app.tenant_id', true) as setting, current_user::text as role
              from pg_sleep(0.01)`),
        ),
      ),
    );
    expect(loginRole).not.toBe("app_user");
    for (const session of sessions) {
      expect(session.setting === null || session.setting === "").toBe(true);
      expect(session.role).toBe(loginRole);
    }
    // The login role sees every tenant's reports again: nothing of app_user survived the transactions.
    const { n } = one<{ n: number }>(
      await db.execute(
        sql`select count(distinct tenant_id)::int as n from reports where tenant_id in (${sql.join(
          tenants.map((t) => sql`${t.tenant.id}::uuid`),
          sql`, `,
        )})`,
      ),
    );
    expect(n).toBe(TENANTS);
  });
});
