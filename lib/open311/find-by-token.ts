import { and, eq, like, sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { reports } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { TOKEN_PATTERN } from "./post-service-request";

/**
 * GET tokens/{token}: the service_request_id of a request POSTed with that Idempotency-Key (stored as
 * "open311:<api key id>:<token>"). Only the code leaves: a client that lost the POST response (flaky
 * network) recovers it without filing twice. Tokens are client-chosen secrets (random UUIDs advised).
 */
export async function findRequestIdByToken(tenant: Pick<TenantRef, "id">, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await withTenant(tenant.id, (tx) =>
    tx
      .select({ code: reports.code })
      .from(reports)
      .where(
        and(
          eq(reports.tenantId, tenant.id),
          like(reports.idempotencyKey, "open311:%"),
          sql`right(${reports.idempotencyKey}, ${token.length + 1}) = ${`:${token}`}`,
        ),
      )
      .limit(1),
  );
  return row?.code ?? null;
}
