import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { reports } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { linkToken, verifyLinkToken } from "@/lib/reports/links";
import type { ServiceCatalog } from "./services";

const UUID_HEX = /^[0-9a-f]{32}$/;

/**
 * The token returned by POST requests: the report's id (hex) followed by an HMAC of it (AUTH_SECRET,
 * purpose "open311-token"). Unguessable without the secret, the same on an Idempotency-Key replay, and
 * resolved by primary key — no table scan, no stored secret, no ambiguity between comuni or clients.
 */
export function requestToken(reportId: string): string {
  return `${reportId.replaceAll("-", "")}${linkToken("open311-token", reportId)}`;
}

/**
 * GET tokens/{token}: the service_request_id behind a token, or null. Guards visibility like GET requests:
 * a private report or one in a category that is not public resolves to nothing (404), so a token never
 * discloses a code that the API would refuse to show; another comune's report is not found either.
 */
export async function findRequestIdByToken(
  tenant: Pick<TenantRef, "id">,
  catalog: ServiceCatalog,
  token: string,
): Promise<string | null> {
  const hex = token.slice(0, 32).toLowerCase();
  if (token.length <= 32 || !UUID_HEX.test(hex)) return null;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  if (!verifyLinkToken("open311-token", id, token.slice(32))) return null;
  const [row] = await withTenant(tenant.id, (tx) =>
    tx
      .select({ code: reports.code, isPublic: reports.isPublic, categoryId: reports.categoryId })
      .from(reports)
      .where(and(eq(reports.tenantId, tenant.id), eq(reports.id, id))),
  );
  if (!row || !row.isPublic || !catalog.visibleCategoryIds.has(row.categoryId)) return null;
  return row.code;
}
