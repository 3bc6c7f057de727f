import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Unit and integration tests. Integration tests hit a real database:
 * - DATABASE_URL unset → each test file opens its own in-memory PGlite (migrated at first open, ≈ 3 s);
 * - DATABASE_URL set → every file and worker shares that one PostgreSQL database, so tests create their own
 *   tenants with random slugs and never assume the database is empty.
 */
const usesPostgres = Boolean(process.env.DATABASE_URL);

/**
 * Vitest 5 targets Node ≥ 22 and these machines run Node 20: its runner process calls Map.groupBy when it
 * prints failures (without it a failing run crashes and shows no error at all), Object.groupBy when it
 * writes snapshots and Promise.withResolvers in watch mode. This config is loaded in that process, so it
 * supplies the three (spec behaviour) when they are missing. Delete once Node 22 is the minimum.
 */
function supplyNode22Builtins(): void {
  const group = <T, K>(
    items: Iterable<T>,
    keyOf: (item: T, index: number) => K,
    add: (k: K, item: T) => void,
  ) => {
    let index = 0;
    for (const item of items) add(keyOf(item, index++), item);
  };
  if (typeof Map.groupBy !== "function") {
    Object.defineProperty(Map, "groupBy", {
      configurable: true,
      writable: true,
      value<T, K>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]> {
        const groups = new Map<K, T[]>();
        group(items, keyOf, (k, item) => {
          const list = groups.get(k);
          if (list) list.push(item);
          else groups.set(k, [item]);
        });
        return groups;
      },
    });
  }
  if (typeof Object.groupBy !== "function") {
    Object.defineProperty(Object, "groupBy", {
      configurable: true,
      writable: true,
      value<T>(items: Iterable<T>, keyOf: (item: T, index: number) => PropertyKey): Record<PropertyKey, T[]> {
        const groups: Record<PropertyKey, T[]> = Object.create(null);
        group(items, keyOf, (k, item) => {
          (groups[k] ??= []).push(item);
        });
        return groups;
      },
    });
  }
  if (typeof Promise.withResolvers !== "function") {
    Object.defineProperty(Promise, "withResolvers", {
      configurable: true,
      writable: true,
      value<T>() {
        let resolve!: (value: T | PromiseLike<T>) => void;
        let reject!: (reason?: unknown) => void;
        const promise = new Promise<T>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        return { promise, resolve, reject };
      },
    });
  }
}
supplyNode22Builtins();

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    env: {
      NODE_ENV: "test",
      // Tests build their own tenants; a developer's SEED_DEMO=1 must not add demo comuni underneath them.
      SEED_DEMO: "0",
      ...(usesPostgres ? {} : { PGLITE_DIR: "memory://" }),
    },
    globalSetup: ["tests/support/global-setup.ts"],
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses: let Vite
    // resolve it (tests of the real session decoding, tests/integration/auth/session-tenant.test.ts).
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 60_000,
    // The first database access of a file opens the engine and runs the migrations.
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores, which is a single worker on the 2-core machines.
    // Files are independent (own PGlite, or own tenants in the shared PostgreSQL database): use every core.
    fileParallelism: true,
    maxWorkers: availableParallelism(),
  },
});
