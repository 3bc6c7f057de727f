import { env } from "@/lib/env";
import { getTenant, isServiceSuspended, type Tenant } from "./get-tenant";
import { requestHost } from "./request-host";
import { resolveHost } from "./resolve-host";

type HeaderBag = { get(name: string): string | null };

/** The comune served on a Host (subdomain or custom domain), or null on the apex, the console, or unknown hosts. */
export async function tenantForHost(host: string | null | undefined): Promise<Tenant | null> {
  const target = resolveHost(host, env.ROOT_DOMAIN);
  if (target.kind === "tenant") return getTenant(target.slug);
  if (target.kind === "custom") return getTenant(target.host);
  return null;
}

/**
 * The comune of a request the proxy does not rewrite (route handlers under /api, server actions), from
 * the validated Host exactly as the proxy resolves it. Null for the apex, the console and unknown hosts:
 * callers answer 404 (fail closed, no default tenant).
 */
export async function tenantFromHeaders(headers: HeaderBag): Promise<Tenant | null> {
  return tenantForHost(requestHost(headers));
}

/** As tenantFromHeaders, but a suspended or cancelled comune counts as none (public reads answer 404). */
export async function liveTenantFromHeaders(headers: HeaderBag): Promise<Tenant | null> {
  const tenant = await tenantFromHeaders(headers);
  return tenant && !isServiceSuspended(tenant) ? tenant : null;
}
