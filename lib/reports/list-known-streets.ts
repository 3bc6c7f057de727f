import { and, asc, avg, count, eq, isNotNull, sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { reports } from "@/db/schema";

export type KnownStreet = { name: string; lat: number; lng: number; reports: number };

/**
 * Streets of the comune derived from the addresses of its public reports (the civic number stripped),
 * each with the mean position of those reports. There is no offline geocoder: this list is the honest
 * non-map way to put a pin roughly in the right street, for people who cannot use the map.
 */
export async function listKnownStreets(tenantId: string, limit = 400): Promise<KnownStreet[]> {
  const street = sql<string>`trim(regexp_replace(${reports.address}, '[\\s,]+[0-9]+[a-zA-Z/]*\\s*$', ''))`;
  const rows = await withTenant(tenantId, (tx) =>
    tx
      .select({ name: street, lat: avg(reports.lat), lng: avg(reports.lng), reports: count() })
      .from(reports)
      .where(and(eq(reports.tenantId, tenantId), eq(reports.isPublic, true), isNotNull(reports.address)))
      .groupBy(street)
      .orderBy(asc(street))
      .limit(limit),
  );
  return rows
    .filter((r) => r.name && r.lat != null && r.lng != null)
    .map((r) => ({ name: r.name, lat: Number(r.lat), lng: Number(r.lng), reports: r.reports }));
}
