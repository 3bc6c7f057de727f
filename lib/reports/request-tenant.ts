import { env } from "@/lib/env";
import { getTenant, isServiceSuspended, type Tenant } from "@/lib/tenancy/get-tenant";
import { requestHost } from "@/lib/tenancy/request-host";
import { resolveHost } from "@/lib/tenancy/resolve-host";

type HeaderBag = { get(name: string): string | null };

/**
 * The comune of a request that the proxy does not rewrite (route handlers under /api, server actions):
 * resolved from the validated Host exactly as the proxy does. Apex, vendor, unknown, suspended → null,
 * and callers answer 404: there is no default tenant.
 */
export async function tenantFromHeaders(headers: HeaderBag): Promise<Tenant | null> {
  const target = resolveHost(requestHost(headers), env.ROOT_DOMAIN);
  const segment = target.kind === "tenant" ? target.slug : target.kind === "custom" ? target.host : null;
  if (!segment) return null;
  const tenant = await getTenant(segment);
  if (!tenant || isServiceSuspended(tenant)) return null;
  return tenant;
}

/**
 * The client's address for per-IP rate limits. Behind a trusted proxy the first X-Forwarded-For entry is
 * the client; otherwise only the last entry is trustworthy (the one `next start` appends itself from the
 * socket): earlier entries are whatever the client chose to send.
 */
export function clientIp(headers: HeaderBag): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const parts = forwarded.split(",").map((p) => p.trim()).filter(Boolean);
    const ip = env.TRUST_PROXY ? parts[0] : parts[parts.length - 1];
    if (ip && /^[0-9a-f.:]+$/i.test(ip)) return ip;
  }
  const real = headers.get("x-real-ip");
  return real && /^[0-9a-f.:]+$/i.test(real) && env.TRUST_PROXY ? real : null;
}
