import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env, isBuildPhase } from "@/lib/env";
import { logger } from "@/lib/logger";

export type Engine = {
  kind: "postgres" | "pglite";
  /**
   * Without drizzle's relational API (`db.query.*`, unused): given the schema, drizzle builds a query
   * builder per table for every transaction it opens — ≈ 1 % of a report submission's CPU.
   */
  db: PgDatabase<PgQueryResultHKT>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (tests snapshot a migrated database once). */
  dump?: () => Promise<Blob>;
};

export const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

/** Opens the configured engine and brings its schema up to date (migrations run at every start). */
export async function openEngine(options: { seedDemo?: boolean } = {}): Promise<Engine> {
  if (isBuildPhase) throw new Error("Il database non si apre durante `next build`");
  const engine = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : await openPglite(env.PGLITE_DIR);
  if (engine.kind === "pglite" && (options.seedDemo ?? shouldSeedDemo())) {
    const { seedDemoIfEmpty } = await import("./seed/demo");
    await seedDemoIfEmpty(engine.db);
  }
  return engine;
}

function shouldSeedDemo(): boolean {
  if (env.SEED_DEMO === "1") return true;
  if (env.SEED_DEMO === "0") return false;
  return env.NODE_ENV !== "test" && !env.PGLITE_DIR.startsWith("memory://");
}

async function openPostgres(url: string): Promise<Engine> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // A dedicated single connection migrates under an advisory lock, so several instances can start at once.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(727274)`;
    await migrate(drizzle(migrator), { migrationsFolder: MIGRATIONS_DIR });
    await migrator`select piazza_secure_tenant_tables()`;
  } finally {
    await migrator.end();
  }
  const prepare = env.DATABASE_PREPARE === "1";
  const client = postgres(url, {
    max: env.DATABASE_POOL_MAX,
    onnotice: () => {},
    // One socket write per burst of statements (below); not for multi-host URLs, whose failover
    // postgres.js only does on sockets it opens itself.
    ...(/^postgres(ql)?:\/\/[^/]*,/.test(url) ? {} : { socket: coalescingSocket as never }),
    // Prepared statements skip parsing, but a generic plan could be tuned for another comune's data
    // (a village vs a city): plan every execution for its own parameters, as unnamed statements are.
    ...(prepare ? { connection: { plan_cache_mode: "force_custom_plan" } } : {}),
  });
  // end() waits for pending statements; after 5 s it closes anyway (a statement queued on a connection
  // the server dropped is never answered: shutdown must not hang on it).
  return { kind: "postgres", db: drizzle(prepare ? preparedStatements(client) : client), close: () => client.end({ timeout: 5 }) };
}

/**
 * postgres.js writes a message to the socket as soon as its buffer passes 1 KB, so the statements of one
 * pipeline (a report's insert, its event, its outbox rows: each well over 1 KB with its parameters) went
 * out in one write syscall each — and on these machines a write that wakes PostgreSQL costs the Node
 * thread ≈ 0.15 ms (CPU profile, docs/BENCHMARKS.md). This socket corks itself at its first write and
 * uncorks two event-loop turns later: the big messages postgres.js writes at once and the small ones it
 * holds back until its own setImmediate leave together, in ONE writev. The delay is two turns of an
 * event loop that has work queued (microseconds); order and backpressure are Node's own.
 */
function coalescingSocket(options: { host: string[]; port: number[]; path?: string | false }): net.Socket {
  const socket = options.path ? net.connect(options.path) : net.connect(options.port[0]!, options.host[0]!);
  socket.setNoDelay(true);
  const write = socket.write;
  socket.write = function (this: net.Socket, ...args: Parameters<net.Socket["write"]>) {
    if (this.writableCorked === 0) {
      this.cork();
      setImmediate(() => setImmediate(() => this.uncork()));
    }
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as net.Socket["write"];
  return socket;
}

/**
 * drizzle sends every statement without a name (postgres.js `prepare: false`) unless the code names it;
 * for a statement with parameters postgres.js must then first ask the server for their types (Parse +
 * Describe, wait, then Bind + Execute): two round trips per statement, and nothing can be pipelined
 * behind it. On these machines a socket write to PostgreSQL costs the Node thread ≈ 0.2 ms — more than
 * most queries (docs/BENCHMARKS.md). This wrapper makes postgres.js prepare every statement drizzle
 * sends, on the pool and inside transactions: described once per connection, then one round trip, and
 * statements issued together go out together. Everything else passes through untouched.
 */
export function preparedStatements<T extends object>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (prop === "unsafe") {
        return (query: string, params?: unknown[], options?: object) => value.call(target, query, params ?? [], { ...options, prepare: true });
      }
      if (prop === "begin") {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: object) => unknown;
          return value.call(target, ...args, (tx: object) => fn(preparedStatements(tx)));
        };
      }
      return value;
    },
  });
}

async function openPglite(dir: string): Promise<Engine> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : acquireLock(dir);
  try {
    // Tests start every file from one migrated snapshot (tests/support/global-setup.ts) instead of
    // migrating a fresh database per file: minutes saved on 2 cores.
    const template = inMemory && env.PGLITE_TEMPLATE ? fs.readFileSync(env.PGLITE_TEMPLATE) : null;
    const client = template
      ? new PGlite({ loadDataDir: new Blob([template]) })
      : inMemory
        ? new PGlite()
        : new PGlite(path.resolve(dir));
    await client.waitReady;
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    await client.query("select piazza_secure_tenant_tables()");
    if (!inMemory) logger.info("database incorporato pronto", { dir });
    return {
      kind: "pglite",
      db,
      dump: () => client.dumpDataDir("none"),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite has no lock of its own: two processes on one directory silently lose writes. This lockfile makes
 * the second one fail loudly instead; a lock left by a dead process is taken over.
 */
function acquireLock(dir: string): () => void {
  fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const lockPath = `${path.resolve(dir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockPath, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `Il database incorporato ${dir} è già aperto dal processo ${owner}. ` +
            "Fermalo, oppure usa PGLITE_DIR diverso o DATABASE_URL.",
        );
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`Impossibile bloccare ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
