import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, type Db, type Tx } from "@/db/client";
import { getSystemDb } from "@/db/system";
import {
  KNOWN_TENANT_TABLES,
  caught,
  errorChain,
  one,
  rows,
  tenantTables,
  type TenantTable,
} from "../support/db";
import { createPopulatedTenant, type PopulatedTenant } from "../support/factories";

/**
 * The database itself guarantees tenant isolation: every table with a tenant_id column must be under
 * forced row-level security with the tenant policy, keyed by tenant_id first, and the role request code
 * runs as must not be able to step around it.
 */

/** Compares policy expressions regardless of how the server deparses them (casts, parentheses, case). */
function normalise(expression: string | null): string {
  return (expression ?? "")
    .toLowerCase()
    .replace(/::text/g, "")
    .replace(/[\s()]/g, "");
}
const TENANT_PREDICATE = normalise("tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid");

let db: Db;
let tables: TenantTable[];
let populated: PopulatedTenant;

beforeAll(async () => {
  db = await getSystemDb();
  tables = await tenantTables(db);
  populated = await createPopulatedTenant();
});

afterAll(() => closeDb());

/** Counts every tenant table's rows in one transaction running as app_user, as `setup` leaves it. */
async function countAsAppUser(setup: (tx: Tx) => Promise<unknown>): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    await setup(tx);
    const { role } = one<{ role: string }>(await tx.execute(sql`select current_user::text as role`));
    expect(role).toBe("app_user");
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      counts[name] = one<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`),
      ).n;
    }
    return counts;
  });
}

describe("row-level security in the catalog", () => {
  it("finds at least the known tenant tables", () => {
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining([...KNOWN_TENANT_TABLES]));
  });

  it("has row-level security enabled and forced on every tenant table", () => {
    expect(tables.length).toBeGreaterThanOrEqual(KNOWN_TENANT_TABLES.length);
    expect(tables.filter((t) => !t.rowSecurity).map((t) => t.name)).toEqual([]);
    expect(tables.filter((t) => !t.forceRowSecurity).map((t) => t.name)).toEqual([]);
  });

  it("gives every tenant table the tenant policy, and no permissive policy without it", () => {
    expect(tables.length).toBeGreaterThanOrEqual(KNOWN_TENANT_TABLES.length);
    const problems: string[] = [];
    for (const table of tables) {
      const isolating = table.policies.filter(
        (p) =>
          p.cmd === "ALL" &&
          (p.roles.includes("app_user") || p.roles.includes("public")) &&
          normalise(p.qual) === TENANT_PREDICATE &&
          (p.withCheck === null || normalise(p.withCheck) === TENANT_PREDICATE),
      );
      if (isolating.length === 0) problems.push(`${table.name}: manca la policy del comune`);
      // Permissive policies are OR-ed: one without the tenant predicate would open the table to every tenant.
      for (const p of table.policies) {
        if (p.permissive !== "PERMISSIVE") continue;
        if (normalise(p.qual) !== TENANT_PREDICATE && p.qual !== null) {
          problems.push(`${table.name}.${p.name}: USING senza il filtro del comune`);
        }
        if (p.withCheck !== null && normalise(p.withCheck) !== TENANT_PREDICATE) {
          problems.push(`${table.name}.${p.name}: WITH CHECK senza il filtro del comune`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("leads every tenant table's primary key with tenant_id", () => {
    expect(tables.length).toBeGreaterThanOrEqual(KNOWN_TENANT_TABLES.length);
    const wrong = tables
      .filter((t) => t.primaryKey[0] !== "tenant_id")
      .map((t) => `${t.name} (${t.primaryKey})`);
    expect(wrong).toEqual([]);
  });

  it("ties every tenant table to its comune, and every reference to another tenant table includes tenant_id", async () => {
    // Foreign keys as (table, its columns, referenced table, referenced columns), in key order.
    const fks = rows<{ tbl: string; cols: string[]; ref: string; refcols: string[] }>(
      await db.execute(sql`
        select c.conrelid::regclass::text as tbl, c.confrelid::regclass::text as ref,
               array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols,
               array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
                     join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as refcols
        from pg_constraint c
        where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`),
    );
    const names = new Set(tables.map((t) => t.name));
    const unanchored = tables
      .filter((t) => !fks.some((fk) => fk.tbl === t.name && fk.cols[0] === "tenant_id"))
      .map((t) => t.name);
    expect(unanchored).toEqual([]);
    // A single-column reference from a tenant table to another tenant table could cross comuni.
    const crossing = fks
      .filter((fk) => names.has(fk.tbl) && names.has(fk.ref) && fk.cols[0] !== "tenant_id")
      .map((fk) => `${fk.tbl}(${fk.cols}) → ${fk.ref}(${fk.refcols})`);
    expect(crossing).toEqual([]);
  });

  it("keeps app_user unable to log in or bypass row-level security", async () => {
    const role = one<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
      await db.execute(
        sql`select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = 'app_user'`,
      ),
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
  });

  it("has a row of the test tenant in every tenant table (so the zero-row checks below mean something)", async () => {
    const empty: string[] = [];
    for (const { name } of tables) {
      const { n } = one<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from ${sql.identifier(name)} where tenant_id = ${populated.tenant.id}`,
        ),
      );
      if (n === 0) empty.push(name);
    }
    // A table listed here is missing from createPopulatedTenant() in tests/support/factories.ts.
    expect(empty).toEqual([]);
  });

  it("shows app_user zero rows of every tenant table when no tenant is set", async () => {
    const counts = await countAsAppUser((tx) => tx.execute(sql`select set_config('role', 'app_user', true)`));
    expect(Object.keys(counts).sort()).toEqual(tables.map((t) => t.name).sort());
    expect(Object.entries(counts).filter(([, n]) => n !== 0)).toEqual([]);
  });

  it("shows app_user zero rows when the tenant setting is empty (as a pooled connection leaves it)", async () => {
    const counts = await countAsAppUser((tx) =>
      tx.execute(sql`select set_config('app.tenant_id', '', true), set_config('role', 'app_user', true)`),
    );
    expect(Object.entries(counts).filter(([, n]) => n !== 0)).toEqual([]);
  });

  it("shows app_user the tenant's rows in every table once that tenant is set (positive control)", async () => {
    const counts = await countAsAppUser((tx) =>
      tx.execute(
        sql`select set_config('app.tenant_id', ${populated.tenant.id}, true), set_config('role', 'app_user', true)`,
      ),
    );
    expect(Object.entries(counts).filter(([, n]) => n === 0)).toEqual([]);
  });

  it("denies app_user the platform's secrets", async () => {
    for (const query of [
      sql`select "access_token" from accounts limit 1`,
      sql`select "sessionToken" from sessions limit 1`,
      sql`select token from verification_tokens limit 1`,
      sql`select password_hash from users limit 1`,
      sql`select totp_secret from users limit 1`,
    ]) {
      const error = await caught(() =>
        db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('role', 'app_user', true)`);
          await tx.execute(query);
        }),
      );
      expect(errorChain(error).codes).toContain("42501");
    }
    // Positive control: the same role may read what tenant pages legitimately show.
    const allowed = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'app_user', true)`);
      return tx.execute(sql`select id, name from users limit 1`);
    });
    expect(rows(allowed).length).toBe(1);
  });
});
