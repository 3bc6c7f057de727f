import { SQL, sql } from "drizzle-orm";
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
  const { db, kind } = await getEngine();
  return db.transaction(async (tx) => {
    if (kind === "postgres") {
      // The context goes out in the same write as fn's first statement (one round trip less per
      // transaction): it is handed to postgres.js synchronously, inside the transaction postgres.js has
      // already begun, before fn runs — so the server always runs it first. Should it fail, the
      // transaction is aborted and every statement of fn fails with it: nothing runs without the context.
      const context = clientOf(tx).unsafe(SET_CONTEXT, [tenantId]);
      context.execute();
      const [, result] = await Promise.all([context, fn(tx)]);
      return result;
    }
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'app_user', true)`);
    return fn(tx);
  });
}

const SET_CONTEXT = "select set_config('app.tenant_id', $1, true), set_config('role', 'app_user', true)";

/** postgres.js's transaction handle under a drizzle transaction (drizzle keeps it as `session.client`). */
function clientOf(tx: Tx): PostgresJsClient {
  return (tx as unknown as { session: { client: PostgresJsClient } }).session.client;
}

/** A statement for pipeline(): a drizzle query builder (insert/update/select) or an `sql` template. */
export type Statement = SQL | (PromiseLike<unknown> & { toSQL(): { sql: string; params: unknown[] } });
type PostgresJsClient = { unsafe(query: string, params: unknown[]): Promise<unknown> & { execute(): unknown } };

/**
 * Runs statements of one transaction in the given order and in ONE round trip: on PostgreSQL they are
 * handed to postgres.js synchronously, one after the other, so it writes them to the connection together
 * (pipelining) and the server runs them in that order — later statements may depend on earlier ones
 * (a row and the rows referencing it). If one fails, the rest fail with it and the transaction rolls
 * back. On the embedded PGlite (one connection, no network) they simply run one after the other.
 * Results are not mapped: use it for writes whose outcome the caller already knows.
 */
export async function pipeline(tx: Tx, statements: Statement[]): Promise<void> {
  const { kind } = await getEngine();
  if (kind !== "postgres") {
    for (const s of statements) await (isSQL(s) ? tx.execute(s) : s);
    return;
  }
  const dialect = (tx as unknown as { dialect: { sqlToQuery(s: SQL): { sql: string; params: unknown[] } } }).dialect;
  const queries = statements.map((s) => (isSQL(s) ? dialect.sqlToQuery(s) : s.toSQL()));
  const client = clientOf(tx);
  const running = queries.map((q) => {
    const query = client.unsafe(q.sql, q.params);
    query.execute();
    return query;
  });
  await Promise.all(running);
}

function isSQL(s: Statement): s is SQL {
  return s instanceof SQL;
}
