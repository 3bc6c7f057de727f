import { SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js/session";
import { env } from "@/lib/env";
import { openEngine, preparedStatements, type Engine } from "./engine";
import { InsertRow } from "./insert-row";

export type Db = PgDatabase<PgQueryResultHKT>;
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

/** How withTenant runs a transaction (all optional). */
export type TenantTxOptions = {
  /**
   * Plan each statement once per connection (a generic plan) instead of for every execution's parameters.
   * Only for transactions of point reads and inserts by key, whose plan cannot depend on how big the
   * comune is (report submission): planning them under RLS costs PostgreSQL more than running them.
   */
  genericPlans?: boolean;
  /**
   * A statement that runs on the same connection just before the transaction, in the same round trip,
   * outside it (platform role, committed on its own whatever the transaction does) — e.g. rate-limit
   * counters, which must count a request that is then refused. fn receives its rows. With genericPlans
   * it is planned once per connection as well (in a transaction of its own, committed in the same write).
   */
  before?: SQL;
};

type Rows = Record<string, unknown>[];

/**
 * The only way request code reaches tenant data. Guards tenancy: one transaction whose first statement
 * sets `app.tenant_id` and switches to the NOBYPASSRLS role `app_user`, both transaction-local (never
 * leaking to pooled connections), so row-level security applies to everything `fn` does. Queries inside
 * still filter by tenant_id explicitly: RLS is the backstop.
 *
 * On PostgreSQL the transaction runs on a reserved connection and BEGIN, the context and fn's first
 * statements go out in ONE write (postgres.js's own `begin` waits for BEGIN's answer first: a round trip
 * per transaction, ≈ 0.2 ms of the Node thread on these machines — ADR 0005). The server runs them in
 * order, so nothing of fn ever runs without the context; should BEGIN or the context fail, every
 * statement after them fails too. fn may not open nested transactions (savepoints): none does.
 */
export async function withTenant<T>(
  tenantId: string,
  fn: (tx: Tx, before: Promise<Rows>) => Promise<T>,
  options: TenantTxOptions = {},
): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error("withTenant: tenant id non valido");
  const { db, kind } = await getEngine();
  if (kind === "postgres") return pipelinedTransaction(db, tenantId, fn, options);
  const before: Rows = options.before ? rowsOf(await db.execute(options.before)) : [];
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'app_user', true)`);
    return fn(tx, Promise.resolve(before));
  });
}

/**
 * BEGIN and the tenant context as ONE simple-protocol message (postgres.js sends a statement without
 * parameters that way): one exchange instead of two on both sides. Simple messages take no parameters, so
 * the tenant id is written into the text — only ever a string withTenant has checked against UUID (hex
 * digits and dashes: nothing to escape).
 */
function beginWithContext(tenantId: string, genericPlans: boolean | undefined): string {
  if (!UUID.test(tenantId)) throw new Error("withTenant: tenant id non valido");
  const plans = genericPlans ? ", set_config('plan_cache_mode', 'force_generic_plan', true)" : "";
  return `begin; select set_config('app.tenant_id', '${tenantId}', true), set_config('role', 'app_user', true)${plans}`;
}

const GENERIC_PLANS_TRANSACTION = "begin; select set_config('plan_cache_mode', 'force_generic_plan', true)";

type Session = {
  client: PostgresJsClient & { reserve(): Promise<PostgresJsClient & { release(): void }> };
  dialect: { sqlToQuery(s: SQL): { sql: string; params: unknown[] } };
  schema: unknown;
  options: object;
};

async function pipelinedTransaction<T>(
  db: Db,
  tenantId: string,
  fn: (tx: Tx, before: Promise<Rows>) => Promise<T>,
  options: TenantTxOptions,
): Promise<T> {
  const session = (db as unknown as { session: Session }).session;
  const reserved = await session.client.reserve();
  // Every statement through the reserved connection is prepared, as on the pool (engine.ts).
  const client = env.DATABASE_PREPARE === "1" ? preparedStatements(reserved) : reserved;
  const send = (query: string, params: unknown[] = [], options?: object) => {
    const q = client.unsafe(query, params, options);
    q.execute();
    return q as unknown as Promise<Rows>;
  };
  // The connection may close under the transaction (server restart, terminated backend). postgres.js
  // rejects what is in flight, but a reserved connection has no guard of its own: a statement sent on it
  // afterwards would crash the process, and releasing it would put a dead connection back in the pool.
  // Its close hook (the one postgres.js's own `begin` uses) tells us; the pool reconnects it later.
  // Whatever withTenant awaits is raced against the close, so a lost connection never leaves it hanging
  // (postgres.js does not answer statements queued on a connection that closed with an error).
  let connection: PoolConnection | null = null;
  let lost: Error | null = null;
  let onLost: () => void = () => {};
  const closed = new Promise<never>((_, reject) => {
    onLost = () => reject(lost);
  });
  closed.catch(() => {});
  const watch = (c: PoolConnection) => {
    connection = c;
    c.onclose = (error) => {
      lost = error instanceof Error ? error : new Error("withTenant: connessione al database persa");
      onLost();
    };
    return true; // keeps the connection pipelining (postgres.js reads a falsy answer as "busy")
  };
  const unlessLost = <R>(work: Promise<R>): Promise<R> => Promise.race([work, closed]);
  // fn's handle: once pipeline() has sent COMMIT with fn's last writes, anything more fn sends would run
  // outside the transaction — without the tenant context — so it is refused instead; so is anything sent
  // on a lost connection.
  let committed = false;
  const guarded = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe" && (committed || lost)) {
        return () => {
          throw lost ?? new Error("withTenant: la transazione è già conclusa");
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  committers.set(guarded, () => {
    if (lost) return Promise.reject(lost);
    committed = true;
    return unlessLost(send("commit"));
  });
  try {
    // `before` with genericPlans runs in a little transaction of its own that plans it once per
    // connection too (the pool's default is a custom plan per execution: ≈ 80 µs of planning for the
    // rate-limit upserts, more than running them). Its COMMIT leads the message that opens fn's
    // transaction: still one write; a failed `before` is rolled back by that COMMIT and fn's
    // transaction starts all the same.
    const ownTransaction = Boolean(options.before && options.genericPlans);
    if (ownTransaction) send(GENERIC_PLANS_TRANSACTION).catch(() => {});
    const before = options.before ? send(...queryOf(session, options.before)) : Promise.resolve([]);
    // fn may never look at it: a failure must not surface as an unhandled rejection (fn's own statements
    // do not depend on it — it ran outside the transaction).
    before.catch(() => {});
    const begin = send(`${ownTransaction ? "commit; " : ""}${beginWithContext(tenantId, options.genericPlans)}`, [], { onexecute: watch });
    const txSession = new PostgresJsSession(guarded as never, session.dialect as never, session.schema as never, session.options);
    const tx = new PostgresJsTransaction(session.dialect as never, txSession, session.schema as never) as unknown as Tx;
    const [, result] = await unlessLost(Promise.all([begin, fn(tx, before)]));
    if (lost) throw lost;
    if (!committed) await unlessLost(send("commit"));
    return result;
  } catch (error) {
    // The server ending this backend (57P0x) answers with an error before the socket closes: the
    // connection is as good as closed, even if postgres.js has not seen the close yet.
    if (!lost && connectionEnded(error)) lost = error as Error;
    // Queued behind whatever fn still has in flight; harmless if BEGIN itself failed.
    if (!lost) await unlessLost(reserved.unsafe("rollback", [])).catch(() => {});
    throw error;
  } finally {
    const c = connection as PoolConnection | null;
    if (c) c.onclose = null;
    if (!lost) reserved.release();
  }
}

/** PostgreSQL ended the backend (admin shutdown, terminated, crash) or the socket went away. */
function connectionEnded(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 4 && e; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (/^57P0[123]$/.test(code) || /^(CONNECTION_(CLOSED|DESTROYED|ENDED)|ECONNRESET|EPIPE)$/.test(code))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** The part of a postgres.js connection withTenant uses: its close hook. */
type PoolConnection = { onclose: ((error: unknown) => void) | null };

/** The transactions pipelinedTransaction runs, by fn's client: sends COMMIT and closes the handle. */
const committers = new WeakMap<object, () => Promise<Rows>>();

function queryOf(session: Session, statement: SQL): [string, unknown[]] {
  const q = session.dialect.sqlToQuery(statement);
  return [q.sql, q.params];
}

/** The rows of `db.execute` on either engine: postgres.js answers an array, PGlite `{ rows }`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** postgres.js's transaction handle under a drizzle transaction (drizzle keeps it as `session.client`). */
function clientOf(tx: Tx): PostgresJsClient {
  return (tx as unknown as { session: { client: PostgresJsClient } }).session.client;
}

/** A statement for pipeline(): a drizzle query builder (insert/update/select) or an `sql` template. */
export type Statement = SQL | (PromiseLike<unknown> & { toSQL(): { sql: string; params: unknown[] } });
type PostgresJsClient = { unsafe(query: string, params: unknown[], options?: object): Promise<unknown> & { execute(): unknown } };

/**
 * Runs statements of one transaction in the given order and in ONE round trip: on PostgreSQL they are
 * handed to postgres.js synchronously, one after the other, so it writes them to the connection together
 * (pipelining) and the server runs them in that order — later statements may depend on earlier ones
 * (a row and the rows referencing it). If one fails, the rest fail with it and the transaction rolls
 * back. On the embedded PGlite (one connection, no network) they simply run one after the other.
 * Results are not mapped: use it for writes whose outcome the caller already knows.
 *
 * `commit: true` — these are the transaction's last statements: on PostgreSQL COMMIT goes out in the
 * same write (should a statement fail, the server turns that COMMIT into a rollback and the call fails).
 * The transaction's handle refuses anything sent after it. Elsewhere withTenant commits as usual.
 */
export async function pipeline(tx: Tx, statements: Statement[], options: { commit?: boolean } = {}): Promise<void> {
  const { kind } = await getEngine();
  if (kind !== "postgres") {
    for (const s of statements) await (isSQL(s) ? tx.execute(s) : s);
    return;
  }
  const dialect = (tx as unknown as { dialect: { sqlToQuery(s: SQL): { sql: string; params: unknown[] } } }).dialect;
  const each = statements.map((s) => (isSQL(s) ? dialect.sqlToQuery(s) : s.toSQL()));
  // Only inserts: one statement (see oneStatement). Anything else keeps its own statement and order.
  const queries = each.length > 1 && statements.every((s) => s instanceof InsertRow) ? [oneStatement(each)] : each;
  const client = clientOf(tx);
  const running: Promise<unknown>[] = queries.map((q) => {
    const query = client.unsafe(q.sql, q.params);
    query.execute();
    return query;
  });
  const commit = options.commit ? committers.get(client) : undefined;
  if (commit) running.push(commit());
  await Promise.all(running);
}

/**
 * Several single-row inserts as ONE statement: `with w0 as (insert …), w1 as (insert …) select 1`.
 * PostgreSQL runs every data-modifying WITH to completion, each under the same RLS checks as on its own;
 * foreign keys are checked at the end of the statement, so a row and the rows referencing it may go
 * together; one failing fails the statement, as in a pipeline. Per statement postgres.js builds, sends
 * and parses a message set and the server binds and executes a portal: a report's six inserts as one
 * cost both sides less (docs/BENCHMARKS.md). The text, renumbered, is cached per sequence of texts.
 */
function oneStatement(queries: { sql: string; params: unknown[] }[]): { sql: string; params: unknown[] } {
  const key = queries.map((q) => q.sql).join("\n");
  let text = combinedTexts.get(key);
  if (text === undefined) {
    let offset = 0;
    const parts = queries.map((q, i) => {
      const part = q.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      offset += q.params.length;
      return `w${i} as (${part})`;
    });
    text = `with ${parts.join(", ")} select 1`;
    // A handful of shapes in practice (which optional rows a report has); bounded all the same.
    if (combinedTexts.size >= 256) combinedTexts.clear();
    combinedTexts.set(key, text);
  }
  return { sql: text, params: queries.flatMap((q) => q.params) };
}
const combinedTexts = new Map<string, string>();

function isSQL(s: Statement): s is SQL {
  return s instanceof SQL;
}
