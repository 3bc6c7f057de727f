import { sql, type SQL } from "drizzle-orm";
// System handle: rate-limit counters are platform rows keyed by "<tenant>:<action>:<ip|email>".
import { getSystemDb } from "@/db/system";
import { RateLimitedError } from "@/lib/errors";
import { rowsOf } from "@/lib/reports/list-public";

export type RateLimitRule = { limit: number; windowSeconds: number };

/**
 * Fixed-window counter in the database, so the limit holds across all app instances. One upsert per
 * check: the window restarts when expired, otherwise the count grows. Throws RateLimitedError when over.
 */
export async function checkRateLimit(key: string, rule: RateLimitRule): Promise<void> {
  await checkRateLimits([{ key, rule }]);
}

export type RateLimitCheck = { key: string; rule: RateLimitRule };
type CounterRow = { key: string; count: number; window_start: string | Date };

/**
 * Several counters in ONE statement (one round trip, one commit) — e.g. a request's address and its API
 * key. Every counter counts the request; the first one over its limit (in the order given) throws, with
 * the longest wait of those over. Rows are locked in key order, so two callers never deadlock.
 */
export async function checkRateLimits(checks: RateLimitCheck[]): Promise<void> {
  const statement = rateLimitStatement(checks);
  if (!statement) return;
  const db = await getSystemDb();
  assertWithinLimits(rowsOf<CounterRow>(await db.execute(statement)), checks);
}

/**
 * The counting statement of checkRateLimits, for a caller that sends it itself — withTenant's `before`,
 * which runs it on the transaction's connection in the same round trip (the Open311 POST). Null when
 * there is nothing to count. Platform rows: it must run as the platform role, outside tenant context.
 */
export function rateLimitStatement(checks: RateLimitCheck[]): SQL | null {
  const unique = uniqueChecks(checks);
  if (unique.length === 0) return null;
  const upserts = [...unique]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((c, i) => {
      const interval = sql.raw(`interval '${Math.floor(c.rule.windowSeconds)} seconds'`);
      return sql`${sql.raw(`u${i}`)} as (
        insert into rate_limits (key, count, window_start) values (${c.key}, 1, now())
        on conflict (key) do update set
          count = case when rate_limits.window_start < now() - ${interval} then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.window_start < now() - ${interval} then now() else rate_limits.window_start end
        returning key, count, window_start)`;
    });
  const selects = unique.map((_, i) => sql`select key, count, window_start from ${sql.raw(`u${i}`)}`);
  return sql`with ${sql.join(upserts, sql`, `)} ${sql.join(selects, sql` union all `)}`;
}

/** Throws RateLimitedError when a counter the statement returned is over its rule. */
export function assertWithinLimits(result: readonly Record<string, unknown>[], checks: RateLimitCheck[]): void {
  const rows = new Map((result as CounterRow[]).map((r) => [r.key, r]));
  let over: number | null = null;
  for (const { key, rule } of uniqueChecks(checks)) {
    const row = rows.get(key);
    if (!row || Number(row.count) <= rule.limit) continue;
    const elapsed = (Date.now() - new Date(row.window_start).getTime()) / 1000;
    over = Math.max(over ?? 0, Math.max(1, Math.ceil(rule.windowSeconds - elapsed)));
  }
  if (over !== null) throw new RateLimitedError(over);
}

function uniqueChecks(checks: RateLimitCheck[]): RateLimitCheck[] {
  return [...new Map(checks.map((c) => [c.key, c])).values()];
}

/** Standard limits of public endpoints (per comune and per IP or email). */
export const RATE_LIMITS = {
  reportPerIp: { limit: 10, windowSeconds: 3600 },
  reportPerEmail: { limit: 5, windowSeconds: 3600 },
  commentPerIp: { limit: 20, windowSeconds: 3600 },
  commentPerEmail: { limit: 10, windowSeconds: 3600 },
  uploadPerIp: { limit: 60, windowSeconds: 3600 },
  /** Address search while typing (debounced) and the pin's reverse lookup: generous, but no free geocoder. */
  geocodePerIp: { limit: 120, windowSeconds: 300 },
  /** The reporter adding information to their report: per IP and per report. */
  addInfoPerIp: { limit: 20, windowSeconds: 3600 },
  addInfoPerReport: { limit: 10, windowSeconds: 3600 },
  /** "È già stato segnalato?" runs as the pin moves: generous, but not a free scraper of the map. */
  nearbyPerIp: { limit: 120, windowSeconds: 600 },
  signInPerEmail: { limit: 5, windowSeconds: 900 },
  signInPerIp: { limit: 30, windowSeconds: 900 },
  apiPerKey: { limit: 600, windowSeconds: 60 },
  apiPerIp: { limit: 120, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;
