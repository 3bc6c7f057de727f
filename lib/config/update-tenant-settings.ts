import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { tenants } from "@/db/schema";
// System handle: `tenants` is a platform table (app_user cannot write it); the audit row is written in the
// same system transaction with the tenant id set explicitly.
import { getSystemDb } from "@/db/system";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { parseInput } from "./parse";
import { recordAudit } from "@/lib/audit/record-audit";
import { writingTenants } from "@/lib/tenancy/get-tenant";

const input = z
  .object({
    mfaRequired: z.boolean().optional(),
    /** Longest description a citizen may write (the comune's choice, 200–5,000 characters). */
    descriptionMaxLength: z.coerce
      .number()
      .int("limit_invalid")
      .min(200, "limit_invalid")
      .max(5000, "limit_invalid")
      .optional(),
    /** Citizens' comments on the public report pages (each category can also switch them off). */
    commentsEnabled: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "nothing_to_save");

/**
 * The comune's settings: "second factor mandatory for staff", the citizens' description limit and the
 * comments switch. Only the given keys change (merged into tenants.settings). Audited.
 */
export async function updateTenantSettings({ ctx, input: raw }: { ctx: Ctx; input: z.input<typeof input> }) {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(input, raw);
  const db = await getSystemDb();
  await writingTenants(db.transaction(async (tx) => {
    await tx
      .update(tenants)
      .set({
        settings: sql`${tenants.settings} || ${JSON.stringify(data)}::jsonb`,
        updatedAt: new Date(),
      })
      .where(eq(tenants.id, ctx.tenant.id));
    await recordAudit(tx, ctx, actor, {
      action: data.mfaRequired !== undefined ? "settings.mfa" : "settings.reports",
      targetType: "tenant",
      targetId: ctx.tenant.id,
    });
  }));
  return data;
}
