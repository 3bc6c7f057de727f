import { sql } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
// System handle: rate-limit counters are platform rows keyed by "<tenant>:<action>:<ip|email>".
import { getSystemDb } from "@/db/system";
import { RateLimitedError } from "@/lib/errors";

export type RateLimitRule = { limit: number; windowSeconds: number };

/**
 * Fixed-window counter in the database, so the limit holds across all app instances. One upsert per
 * check: the window restarts when expired, otherwise the count grows. Throws RateLimitedError when over.
 */
export async function checkRateLimit(key: string, rule: RateLimitRule): Promise<void> {
  const db = await getSystemDb();
  const interval = sql.raw(`interval '${Math.floor(rule.windowSeconds)} seconds'`);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, windowStart: new Date() })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < now() - ${interval} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < now() - ${interval} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  if (row && row.count > rule.limit) {
    const elapsed = (Date.now() - row.windowStart.getTime()) / 1000;
    throw new RateLimitedError(Math.max(1, Math.ceil(rule.windowSeconds - elapsed)));
  }
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
