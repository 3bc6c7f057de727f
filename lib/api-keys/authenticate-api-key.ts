import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { apiKeys } from "@/db/schema";
import type { ApiActor, TenantRef } from "@/lib/context";
import { hashToken } from "@/lib/security/tokens";
import { API_KEY_PREFIX } from "./create-api-key";

/**
 * Guards API writes: the key must be one of THIS comune's keys (compared by sha256, so the table never
 * holds a usable key) and not revoked. A key of another comune is simply unknown here. Records when the
 * key was last used, at most once a minute, so reads do not turn into a write per request.
 */
export async function authenticateApiKey(tenant: Pick<TenantRef, "id">, key: string | null | undefined): Promise<ApiActor | null> {
  if (!key || !key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const keyHash = hashToken(key);
  return withTenant(tenant.id, async (tx) => {
    const [row] = await tx
      .select({ id: apiKeys.id, name: apiKeys.name })
      .from(apiKeys)
      .where(and(eq(apiKeys.tenantId, tenant.id), eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
    if (!row) return null;
    await tx
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(
        and(
          eq(apiKeys.tenantId, tenant.id),
          eq(apiKeys.id, row.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
        ),
      );
    return { kind: "api", apiKeyId: row.id, name: row.name };
  });
}
