import { eq } from "drizzle-orm";
import { cache } from "react";
import { tenantDomains, tenants } from "@/db/schema";
// System handle: host → tenant lookup happens before any tenant is known (db/system.ts).
import { getSystemDb } from "@/db/system";
import { broadcast, onBroadcast } from "@/lib/cluster/broadcast";
import { env } from "@/lib/env";
import { isValidSlug } from "./resolve-host";

export type Tenant = typeof tenants.$inferSelect;

/**
 * Loads a comune from the internal route segment: a slug, or a custom host (contains a dot). Null when
 * there is none: callers fail closed with notFound(). Cached per request (React) and, for
 * TENANT_CACHE_SECONDS, in the process: every API call and page starts here, and the row (boundary
 * included) changes a few times a year. A change made through this server (settings, area, branding,
 * status, plan, domains: writingTenants — every worker is told) is seen at once; one made by another
 * machine within the TTL.
 * Unknown names are never cached (a comune just created is found at once). The row is frozen: it is
 * shared by every request that reads it.
 */
export const getTenant = cache(async (segment: string): Promise<Tenant | null> => {
  const key = decodeURIComponent(segment).toLowerCase();
  const ttl = env.TENANT_CACHE_SECONDS * 1000;
  const hit = ttl > 0 ? state.cached.get(key) : undefined;
  if (hit && hit.until > Date.now() && hit.generation === state.generation) return hit.tenant;
  const started = state.generation;
  const tenant = await loadTenant(key);
  if (tenant && ttl > 0 && started === state.generation) {
    if (state.cached.size >= MAX_CACHED) state.cached.clear();
    state.cached.set(key, { tenant, until: Date.now() + ttl, generation: started });
  }
  return tenant;
});

type Entry = { tenant: Tenant; until: number; generation: number };
const MAX_CACHED = 5000;
/**
 * The cache and its generation (bumped by every tenant write: a load that started before it is not
 * cached, it may be the old row). Kept on globalThis: the server's bundles may each hold a copy of this
 * module, and a write through one must be seen by all.
 */
type State = { cached: Map<string, Entry>; generation: number };
const STATE = Symbol.for("piazza.tenants.cache");
const state = ((globalThis as Record<symbol, unknown>)[STATE] ??= { cached: new Map(), generation: 0 }) as State;

function forgetHere(): void {
  state.generation++;
  state.cached.clear();
}
onBroadcast("forget-tenants", forgetHere);

/**
 * Forgets every cached comune (a tenant row or a custom domain changed), in this process and in the
 * other workers of this machine's server (lib/cluster/broadcast.ts).
 */
export function forgetTenants(): void {
  forgetHere();
  broadcast("forget-tenants");
}

/** Runs a write to tenants or tenant_domains and forgets the cached comuni once it is over (either way). */
export async function writingTenants<T>(work: Promise<T>): Promise<T> {
  forgetTenants();
  try {
    return await work;
  } finally {
    forgetTenants();
  }
}

async function loadTenant(key: string): Promise<Tenant | null> {
  const db = await getSystemDb();
  if (key.includes(".")) {
    const rows = await db
      .select({ tenant: tenants })
      .from(tenantDomains)
      .innerJoin(tenants, eq(tenants.id, tenantDomains.tenantId))
      .where(eq(tenantDomains.host, key))
      .limit(1);
    return freeze(rows[0]?.tenant ?? null);
  }
  if (!isValidSlug(key)) return null;
  const rows = await db.select().from(tenants).where(eq(tenants.slug, key)).limit(1);
  return freeze(rows[0] ?? null);
}

function freeze(tenant: Tenant | null): Tenant | null {
  if (!tenant) return null;
  if (tenant.settings) Object.freeze(tenant.settings);
  if (tenant.boundary) Object.freeze(tenant.boundary);
  return Object.freeze(tenant);
}

/** Suspended and cancelled comuni show a notice instead of their public site. */
export function isServiceSuspended(tenant: Pick<Tenant, "status">): boolean {
  return tenant.status === "suspended" || tenant.status === "cancelled";
}
