import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { openEngine, type Engine } from "./engine";
import type * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const ENGINE = Symbol.for("piazza.db.engine");
type Holder = { [ENGINE]?: Promise<Engine> };

/**
 * The process-wide engine (PostgreSQL pool or embedded PGlite), opened lazily and migrated once. Kept on
 * globalThis because Next bundles may load this module more than once in one process, and the embedded
 * database must have exactly one owner.
 */
export function getEngine(): Promise<Engine> {
  const holder = globalThis as Holder;
  if (!holder[ENGINE]) {
    holder[ENGINE] = openEngine().catch((error: unknown) => {
      delete holder[ENGINE];
      throw error;
    });
  }
  return holder[ENGINE];
}

export async function closeDb(): Promise<void> {
  const holder = globalThis as Holder;
  const pending = holder[ENGINE];
  delete holder[ENGINE];
  if (pending) await (await pending).close();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The only way request code reaches tenant data. Guards tenancy: one transaction whose first statement
 * sets `app.tenant_id` and switches to the NOBYPASSRLS role `app_user`, both transaction-local (never
 * leaking to pooled connections), so row-level security applies to everything `fn` does. Queries inside
 * still filter by tenant_id explicitly: RLS is the backstop.
 */
export async function withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error("withTenant: tenant id non valido");
  const { db } = await getEngine();
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'app_user', true)`,
    );
    return fn(tx);
  });
}
