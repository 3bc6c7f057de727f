import { eq, or } from "drizzle-orm";
import { tenants } from "@/db/schema";
// System handle: whether a subdomain or comune is taken is a question about all tenants.
import { getSystemDb } from "@/db/system";
import { isAvailableSlugShape } from "@/lib/tenancy/resolve-host";

export type SlugCheck = { ok: true } | { ok: false; reason: "invalid" | "reserved" | "taken" };

/** Shape, reserved names and existing comuni; used by the live check and again inside the transaction. */
export async function checkSlug(slug: string): Promise<SlugCheck> {
  const value = slug.trim().toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(value) || /^\d+$/.test(value)) return { ok: false, reason: "invalid" };
  if (!isAvailableSlugShape(value)) return { ok: false, reason: "reserved" };
  const db = await getSystemDb();
  const [taken] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, value)).limit(1);
  return taken ? { ok: false, reason: "taken" } : { ok: true };
}

export async function isComuneTaken(istat: string): Promise<boolean> {
  const db = await getSystemDb();
  const [row] = await db.select({ id: tenants.id }).from(tenants).where(or(eq(tenants.istatCode, istat))).limit(1);
  return Boolean(row);
}
