import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { auditEvents, tenants } from "@/db/schema";
// System handle: `tenants` is a platform table (app_user cannot write it); the audit row is written in the
// same system transaction with the tenant id set explicitly.
import { getSystemDb } from "@/db/system";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { parseInput } from "./parse";

const input = z.object({ mfaRequired: z.boolean() });

/** The comune's security settings: "second factor mandatory for staff". Audited. */
export async function updateTenantSettings({ ctx, input: raw }: { ctx: Ctx; input: z.input<typeof input> }) {
  const actor = staffWith(ctx, "config.write");
  const data = parseInput(input, raw);
  const db = await getSystemDb();
  await db.transaction(async (tx) => {
    await tx
      .update(tenants)
      .set({
        settings: sql`${tenants.settings} || ${JSON.stringify({ mfaRequired: data.mfaRequired })}::jsonb`,
        updatedAt: new Date(),
      })
      .where(eq(tenants.id, ctx.tenant.id));
    await tx.insert(auditEvents).values({
      tenantId: ctx.tenant.id,
      actorUserId: actor.userId,
      actorKind: actor.supportGrantId ? "vendor" : "staff",
      action: "settings.mfa",
      targetType: "tenant",
      targetId: ctx.tenant.id,
      data: { mfaRequired: data.mfaRequired },
      ip: ctx.ip ?? null,
    });
  });
  return data;
}
