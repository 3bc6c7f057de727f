import { sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { createTtlCache } from "@/lib/geocoding/ttl-cache";
import { rowsOf } from "./list-public";
import { publicReportPredicates } from "./public-filters";

export type KnownStreet = { name: string; lat: number; lng: number; reports: number };

/** The newest public reports with an address that feed the list: bounds the work for the largest comuni. */
const SAMPLE = 5000;
const streetsCache = createTtlCache<KnownStreet[]>({ ttlMs: 10 * 60 * 1000, maxEntries: 500 });

/**
 * Streets of the comune derived from the addresses of its public reports of public categories (the civic
 * number stripped), each with the mean position of those reports: the offline stand-in for a geocoder
 * (lib/geocoding) when none is configured or it is down. Private reports and internal-only categories never
 * contribute, so no street or position of theirs leaks. Cached per comune for ten minutes: it aggregates
 * thousands of rows and a new street appearing a few minutes late harms nobody.
 */
export async function listKnownStreets(tenantId: string, limit = 400): Promise<KnownStreet[]> {
  const key = `${tenantId}:${limit}`;
  const cached = streetsCache.get(key);
  if (cached) return cached;
  const result = await withTenant(tenantId, (tx) =>
    tx.execute(sql`
      with sample as (
        select r.address, r.lat, r.lng
        from reports r
        join categories c on c.tenant_id = r.tenant_id and c.id = r.category_id
        where ${publicReportPredicates(tenantId, {})} and r.address is not null
        order by r.created_at desc nulls last
        limit ${SAMPLE}
      ), named as (
        select trim(regexp_replace(address, '[\\s,]+[0-9]+[a-zA-Z/]*\\s*$', '')) as name, lat, lng from sample
      )
      select name, avg(lat)::float8 as lat, avg(lng)::float8 as lng, count(*)::int as reports
      from named where name <> ''
      group by name
      order by name
      limit ${limit}`),
  );
  const streets = rowsOf<{ name: string; lat: number | string; lng: number | string; reports: number | string }>(result).map((r) => ({
    name: r.name,
    lat: Number(r.lat),
    lng: Number(r.lng),
    reports: Number(r.reports),
  }));
  streetsCache.set(key, streets);
  return streets;
}
