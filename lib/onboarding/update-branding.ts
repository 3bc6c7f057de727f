import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { z } from "zod";
import { tenants } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
// System handle: colour and emblem live on the platform tenants row (read by host lookup).
import { getSystemDb } from "@/db/system";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { isAccessibleBrandColor } from "./contrast";
import { writingTenants } from "@/lib/tenancy/get-tenant";

export const MAX_EMBLEM_BYTES = 2 * 1024 * 1024;
export const brandingInput = z.object({
  primaryColor: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "color_invalid"),
});

/** Storage key of a comune's emblem; served publicly by /ufficio/benvenuto/emblema/<file>. */
export const emblemKey = (tenantId: string, file: string) => `emblems/${tenantId}/${file}`;

/**
 * Sets the comune's colour (white text on it must reach 4.5:1) and, optionally, its emblem: the upload is
 * checked by content (sharp decodes it; anything that is not an image is refused), flattened to a 256 px
 * PNG without metadata, and stored; the tenant row points at its public URL.
 */
export async function updateBranding({
  ctx,
  input,
  emblem,
}: {
  ctx: Ctx;
  input: z.input<typeof brandingInput>;
  emblem?: Buffer | null;
}): Promise<{ emblemUrl: string | null }> {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("config.write");
  requirePermission(ctx.actor, "config.write");
  assertTenantWritable(ctx.tenant);
  const parsed = brandingInput.safeParse(input);
  if (!parsed.success) throw new ValidationError("validation", { primaryColor: ["color_invalid"] });
  if (!isAccessibleBrandColor(parsed.data.primaryColor))
    throw new ValidationError("validation", { primaryColor: ["color_low_contrast"] });

  let emblemUrl: string | null = null;
  if (emblem && emblem.length > 0) {
    if (emblem.length > MAX_EMBLEM_BYTES)
      throw new ValidationError("validation", { emblem: ["emblem_too_large"] });
    let png: Buffer;
    try {
      png = await sharp(emblem, { limitInputPixels: 40_000_000 })
        .resize(256, 256, { fit: "inside", withoutEnlargement: true })
        .png()
        .toBuffer();
    } catch {
      throw new ValidationError("validation", { emblem: ["emblem_invalid"] });
    }
    const file = `${randomUUID()}.png`;
    await getStorage().put(emblemKey(ctx.tenant.id, file), png);
    emblemUrl = `/ufficio/benvenuto/emblema/${file}`;
  }
  const actor = ctx.actor;
  const db = await getSystemDb();
  // One transaction for the platform row and the comune's audit row (the system handle writes both).
  await writingTenants(db.transaction(async (tx) => {
    await tx
      .update(tenants)
      .set({
        primaryColor: parsed.data.primaryColor.toLowerCase(),
        ...(emblemUrl ? { emblemUrl } : {}),
        updatedAt: new Date(),
      })
      .where(eq(tenants.id, ctx.tenant.id));
    await recordAudit(tx, ctx, actor, {
      action: "tenant.branding_updated",
      targetType: "tenant",
      targetId: ctx.tenant.id,
      data: { primaryColor: parsed.data.primaryColor, emblem: Boolean(emblemUrl) },
    });
  }));
  return { emblemUrl };
}
