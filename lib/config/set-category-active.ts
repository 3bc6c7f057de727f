import { and, eq, or } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { categories } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { parseInput } from "./parse";

const input = z.object({ id: z.string().uuid(), active: z.boolean() });

/**
 * Deactivates (or reactivates) a category: it disappears from the citizens' form but its reports keep
 * it. Deactivating a top-level category deactivates its children too. Categories are never hard-deleted
 * once they have reports (see deleteCategory).
 */
export async function setCategoryActive({ ctx, input: raw }: { ctx: Ctx; input: z.input<typeof input> }) {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(input, raw);
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const [category] = await tx
      .select()
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.id, data.id)));
    if (!category) throw new NotFoundError("category");
    const scope = data.active
      ? eq(categories.id, data.id)
      : or(eq(categories.id, data.id), eq(categories.parentId, data.id));
    await tx
      .update(categories)
      .set({ active: data.active })
      .where(and(eq(categories.tenantId, tenantId), scope));
    await recordAudit(tx, ctx, actor, {
      action: data.active ? "category.activate" : "category.deactivate",
      targetType: "category",
      targetId: data.id,
      data: { name: category.name },
    });
    return { id: data.id };
  });
}
