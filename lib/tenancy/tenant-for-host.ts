import { env } from "@/lib/env";
import { getTenant, type Tenant } from "./get-tenant";
import { resolveHost } from "./resolve-host";

/** The comune served on a Host (subdomain or custom domain), or null on the apex, the console, or unknown hosts. */
export async function tenantForHost(host: string | null | undefined): Promise<Tenant | null> {
  const target = resolveHost(host, env.ROOT_DOMAIN);
  if (target.kind === "tenant") return getTenant(target.slug);
  if (target.kind === "custom") return getTenant(target.host);
  return null;
}
