import { randomBytes } from "node:crypto";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { isStaff, type Ctx } from "@/lib/context";
import { ForbiddenError } from "@/lib/errors";
import { toValidationError } from "@/lib/reports/create-report";
import { hashToken } from "@/lib/security/tokens";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { recordAudit } from "@/lib/audit/record-audit";

export const API_KEY_PREFIX = "pzk_";
/** How much of the key is kept in clear to recognise it in the list ("pzk_Ab12Cd34…"). */
const VISIBLE_CHARS = API_KEY_PREFIX.length + 8;

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "name_required").max(80, "too_long"),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

export type CreatedApiKey = { id: string; name: string; prefix: string; key: string; createdAt: Date };

/**
 * Issues an API key for integrators of this comune. The full key is returned once, here, and never
 * stored: the table keeps its sha256 (what authentication compares) and a short prefix to recognise it.
 */
export async function createApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CreateApiKeyInput;
}): Promise<CreatedApiKey> {
  if (!isStaff(ctx.actor)) throw new ForbiddenError("api_keys.manage");
  requirePermission(ctx.actor, "api_keys.manage");
  assertTenantWritable(ctx.tenant);
  const parsed = createApiKeyInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const actor = ctx.actor;
  const key = `${API_KEY_PREFIX}${randomBytes(30).toString("base64url")}`;
  const prefix = key.slice(0, VISIBLE_CHARS);
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({ tenantId, name: parsed.data.name, prefix, keyHash: hashToken(key), createdBy: actor.userId })
      .returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
    await recordAudit(tx, ctx, actor, {
      action: "api_key.create",
      targetType: "api_key",
      targetId: row!.id,
      data: { name: parsed.data.name, prefix },
    });
    return { id: row!.id, name: parsed.data.name, prefix, key, createdAt: row!.createdAt };
  });
}
