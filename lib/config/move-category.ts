import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { categories } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { parseInput } from "./parse";

const input = z.object({ id: z.string().uuid(), direction: z.enum(["up", "down"]) });

/**
 * Moves a category one place up or down among its siblings (the order citizens see). Siblings are
 * renumbered 10, 20, 30… in the same transaction, so the order stays total even after imports.
 */
export async function moveCategory({ ctx, input: raw }: { ctx: Ctx; input: z.input<typeof input> }) {
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
    const siblings = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(
        and(
          eq(categories.tenantId, tenantId),
          category.parentId ? eq(categories.parentId, category.parentId) : isNull(categories.parentId),
        ),
      )
      .orderBy(asc(categories.sortOrder), asc(categories.name));
    const ids = siblings.map((s) => s.id);
    const from = ids.indexOf(data.id);
    const to = data.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return { id: data.id, moved: false };
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    for (const [i, id] of ids.entries()) {
      await tx
        .update(categories)
        .set({ sortOrder: (i + 1) * 10 })
        .where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)));
    }
    await recordAudit(tx, ctx, actor, {
      action: "category.reorder",
      targetType: "category",
      targetId: data.id,
      data: { name: category.name, direction: data.direction },
    });
    return { id: data.id, moved: true };
  });
}
