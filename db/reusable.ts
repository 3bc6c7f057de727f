import type { Tx } from "./client";

type Prepared<T> = { execute(values?: Record<string, unknown>): Promise<T> };

/**
 * A drizzle query assembled ONCE per process — with `sql.placeholder(…)` where values vary — then run on
 * whichever transaction asks, for statements on the hot path of report submission (the service catalog,
 * the category, the next number): drizzle otherwise re-assembles the text and re-checks every chunk on
 * every request (≈ 17 % of a submission's CPU with the inserts, docs/BENCHMARKS.md). The prepared query
 * keeps drizzle's own parameter mapping and row mapping; only its connection is swapped for the
 * transaction's, so RLS and the tenant context apply as for any statement of that transaction. One
 * prepared query per driver (PostgreSQL, PGlite): they differ in how they talk to their client.
 */
export function reusable<T>(name: string, build: (tx: Tx) => { prepare(name: string): Prepared<T> }) {
  const byDriver = new Map<unknown, Prepared<T>>();
  return (tx: Tx, values: Record<string, unknown>): Promise<T> => {
    const session = (tx as unknown as { session: { client: unknown; constructor: unknown } }).session;
    let prepared = byDriver.get(session.constructor);
    if (!prepared) {
      prepared = build(tx).prepare(name);
      byDriver.set(session.constructor, prepared);
    }
    const bound = Object.create(prepared as object) as Prepared<T> & { client: unknown };
    bound.client = session.client;
    return bound.execute(values);
  };
}
