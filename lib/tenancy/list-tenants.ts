import { asc, inArray } from "drizzle-orm";
import { tenants } from "@/db/schema";
// System handle: the product site lists comuni across tenants (public fields only).
import { getSystemDb } from "@/db/system";

export type PublicTenant = { slug: string; name: string; province: string | null; region: string | null; population: number | null; primaryColor: string };

/** Comuni whose public site is live, for the product page. Only public fields leave this function. */
export async function listLiveTenants(): Promise<PublicTenant[]> {
  const db = await getSystemDb();
  return db
    .select({
      slug: tenants.slug,
      name: tenants.name,
      province: tenants.province,
      region: tenants.region,
      population: tenants.population,
      primaryColor: tenants.primaryColor,
    })
    .from(tenants)
    .where(inArray(tenants.status, ["trialing", "active", "past_due"]))
    .orderBy(asc(tenants.name));
}
