import { sql } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import type { ApiActor, TenantRef } from "@/lib/context";
import { rowsOf } from "@/lib/reports/list-public";
import { hashToken } from "@/lib/security/tokens";
import { API_KEY_PREFIX } from "./create-api-key";

/**
 * Guards API writes: the key must be one of THIS comune's keys (compared by sha256, so the table never
 * holds a usable key) and not revoked. A key of another comune is simply unknown here. Records when the
 * key was last used, at most once a minute, so reads do not turn into a write per request.
 */
export async function authenticateApiKey(tenant: Pick<TenantRef, "id">, key: string | null | undefined): Promise<ApiActor | null> {
  if (!isApiKeyShaped(key)) return null;
  return withTenant(tenant.id, (tx) => authenticateApiKeyIn(tx, tenant, key));
}

function isApiKeyShaped(key: string | null | undefined): key is string {
  return Boolean(key && key.startsWith(API_KEY_PREFIX) && key.length <= 200);
}

/**
 * As authenticateApiKey, inside the caller's tenant transaction (so it can share a round trip with other
 * reads): one statement finds the key and touches last_used_at when older than a minute.
 */
export async function authenticateApiKeyIn(tx: Tx, tenant: Pick<TenantRef, "id">, key: string | null | undefined): Promise<ApiActor | null> {
  if (!isApiKeyShaped(key)) return null;
  const result = await tx.execute(sql`
    with found as (
      select id, name from api_keys
      where tenant_id = ${tenant.id} and key_hash = ${hashToken(key)} and revoked_at is null
    ), touched as (
      update api_keys set last_used_at = now()
      where tenant_id = ${tenant.id} and id in (select id from found)
        and (last_used_at is null or last_used_at < now() - interval '1 minute')
      returning id
    )
    select id, name from found`);
  const row = rowsOf<{ id: string; name: string }>(result)[0];
  return row ? { kind: "api", apiKeyId: row.id, name: row.name } : null;
}
