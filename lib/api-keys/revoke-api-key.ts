import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { isStaff, type Ctx } from "@/lib/context";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { toValidationError } from "@/lib/reports/create-report";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { recordAudit } from "@/lib/audit/record-audit";

export const revokeApiKeyInput = z.object({ id: z.string().uuid("invalid") });

/**
 * Revokes a key at once: authentication ignores revoked keys from the next request on. Revoking twice is
 * a no-op (the first revocation time stays); another comune's key is not found.
 */
export async function revokeApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.input<typeof revokeApiKeyInput>;
}): Promise<{ id: string; revokedAt: Date }> {
  if (!isStaff(ctx.actor)) throw new ForbiddenError("api_keys.manage");
  requirePermission(ctx.actor, "api_keys.manage");
  assertTenantWritable(ctx.tenant);
  const parsed = revokeApiKeyInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const actor = ctx.actor;
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const where = and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, parsed.data.id));
    const [key] = await tx.select().from(apiKeys).where(where).for("update");
    if (!key) throw new NotFoundError("api_key");
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(where)
      .returning({ id: apiKeys.id, revokedAt: apiKeys.revokedAt });
    await recordAudit(tx, ctx, actor, {
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: key.id,
      data: { name: key.name, prefix: key.prefix },
    });
    return { id: row!.id, revokedAt: row!.revokedAt! };
  });
}
