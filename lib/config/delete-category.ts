import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { categories, reports } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { parseInput } from "./parse";

const input = z.object({ id: z.string().uuid() });

/** Removes a category created by mistake. One with reports or sub-categories is refused: deactivate it instead. */
export async function deleteCategory({ ctx, input: raw }: { ctx: Ctx; input: { id: string } }) {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const { id } = parseInput(input, raw);
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const [category] = await tx
      .select()
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)));
    if (!category) throw new NotFoundError("category");
    const [report] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.tenantId, tenantId), eq(reports.categoryId, id)))
      .limit(1);
    if (report) throw new ConflictError("category_has_reports");
    const [child] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.parentId, id)))
      .limit(1);
    if (child) throw new ConflictError("category_has_children");
    await tx.delete(categories).where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)));
    await recordAudit(tx, ctx, actor, {
      action: "category.delete",
      targetType: "category",
      targetId: id,
      data: { name: category.name },
    });
    return { id };
  });
}
