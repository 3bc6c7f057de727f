import { desc, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { isStaff, type Ctx } from "@/lib/context";
import { ForbiddenError } from "@/lib/errors";

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The comune's API keys, newest first, without their hashes (the keys themselves are never stored). */
export async function listApiKeys({ ctx }: { ctx: Ctx }): Promise<ApiKeySummary[]> {
  if (!isStaff(ctx.actor)) throw new ForbiddenError("api_keys.manage");
  requirePermission(ctx.actor, "api_keys.manage");
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, (tx) =>
    tx
      .select({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        createdAt: apiKeys.createdAt,
        lastUsedAt: apiKeys.lastUsedAt,
        revokedAt: apiKeys.revokedAt,
      })
      .from(apiKeys)
      .where(eq(apiKeys.tenantId, tenantId))
      .orderBy(desc(apiKeys.createdAt)),
  );
}
