import type { TenantRef } from "@/lib/context";
import { env } from "@/lib/env";
import { getTenant, isServiceSuspended, type Tenant } from "@/lib/tenancy/get-tenant";
import { requestHost } from "@/lib/tenancy/request-host";
import { isValidSlug, resolveHost } from "@/lib/tenancy/resolve-host";
import { Open311Error } from "./errors";

/**
 * Where the request arrived: a comune's own host (its slug, or its custom domain), the shared endpoint on
 * the root domain, or a host that serves no API (the vendor console, unknown names).
 */
export type Open311Target = { kind: "tenant"; segment: string } | { kind: "shared" } | { kind: "none" };

type HeaderBag = { get(name: string): string | null };

/** The target of a request from its validated Host, exactly as the proxy resolves hosts for pages. */
export function open311Target(headers: HeaderBag): Open311Target {
  const resolved = resolveHost(requestHost(headers), env.ROOT_DOMAIN);
  if (resolved.kind === "tenant") return { kind: "tenant", segment: resolved.slug };
  if (resolved.kind === "custom") return { kind: "tenant", segment: resolved.host };
  if (resolved.kind === "apex") return { kind: "shared" };
  return { kind: "none" };
}

/**
 * A jurisdiction_id as clients send it: the comune's slug ("fossano"), its host on the platform
 * ("fossano.piazza.it", with or without port) or its custom domain. Unknown values resolve to nothing.
 */
async function tenantOfJurisdiction(value: string): Promise<Tenant | null> {
  const id = value.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  const resolved = resolveHost(id, env.ROOT_DOMAIN);
  if (resolved.kind === "tenant") return getTenant(resolved.slug);
  if (resolved.kind === "custom") return getTenant(resolved.host);
  if (!id.includes(".") && !id.includes(":") && isValidSlug(id)) return getTenant(id);
  return null;
}

/**
 * The comune a GeoReport request is for. On a comune's host the jurisdiction is the host itself and a
 * jurisdiction_id naming another comune is "not found" (never an answer from a different comune); on the
 * shared endpoint jurisdiction_id is required. Suspended or cancelled comuni do not serve the API.
 */
export async function resolveJurisdiction(target: Open311Target, jurisdictionId: string | null): Promise<TenantRef & Tenant> {
  let tenant: Tenant | null;
  if (target.kind === "none") {
    tenant = null;
  } else if (target.kind === "tenant") {
    tenant = await getTenant(target.segment);
    if (tenant && jurisdictionId) {
      const named = await tenantOfJurisdiction(jurisdictionId);
      if (named?.id !== tenant.id) tenant = null;
    }
  } else {
    if (!jurisdictionId) throw new Open311Error(400, "jurisdiction_required");
    tenant = await tenantOfJurisdiction(jurisdictionId);
  }
  if (!tenant || isServiceSuspended(tenant)) throw new Open311Error(404, "jurisdiction_not_found");
  return tenant;
}
