import { env } from "@/lib/env";
import { getTenant, type Tenant } from "@/lib/tenancy/get-tenant";
import { requestHost } from "@/lib/tenancy/request-host";
import { resolveHost } from "@/lib/tenancy/resolve-host";

type HeaderBag = { get(name: string): string | null };

/**
 * The comune of a route handler that the proxy does not rewrite (/api/…): from the validated Host, through
 * the same resolveHost as the proxy. Null for the apex, the vendor console and unknown hosts: callers
 * answer 404 (fail closed, no default tenant).
 */
export async function tenantFromHeaders(headers: HeaderBag): Promise<Tenant | null> {
  const resolved = resolveHost(requestHost(headers), env.ROOT_DOMAIN);
  if (resolved.kind === "tenant") return getTenant(resolved.slug);
  if (resolved.kind === "custom") return getTenant(resolved.host);
  return null;
}
