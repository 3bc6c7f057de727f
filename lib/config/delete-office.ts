import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { categories, offices, reports } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { parseInput } from "./parse";

export const deleteOfficeInput = z.object({
  id: z.string().uuid(),
  /** Where the office's reports and categories go; required when it still has reports. */
  reassignToOfficeId: z.string().uuid().optional().or(z.literal("").transform(() => undefined)),
});

/**
 * Deletes an office. Reports are never orphaned: an office that still has reports can only be deleted by
 * moving them (and the categories routed to it) to another office of the comune, in the same transaction.
 */
export async function deleteOffice({ ctx, input }: { ctx: Ctx; input: z.input<typeof deleteOfficeInput> }) {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(deleteOfficeInput, input);
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const [office] = await tx
      .select()
      .from(offices)
      .where(and(eq(offices.tenantId, tenantId), eq(offices.id, data.id)));
    if (!office) throw new NotFoundError("office");
    const target = data.reassignToOfficeId;
    if (target) {
      if (target === office.id) throw new ValidationError("validation", { reassignToOfficeId: ["invalid"] });
      const [other] = await tx
        .select({ id: offices.id })
        .from(offices)
        .where(and(eq(offices.tenantId, tenantId), eq(offices.id, target)));
      if (!other) throw new ValidationError("validation", { reassignToOfficeId: ["invalid"] });
    }
    const [{ n }] = (await tx
      .select({ n: count() })
      .from(reports)
      .where(and(eq(reports.tenantId, tenantId), eq(reports.officeId, office.id)))) as [{ n: number }];
    if (n > 0 && !target) throw new ConflictError("office_has_reports");
    let moved = 0;
    if (target) {
      const rows = await tx
        .update(reports)
        .set({ officeId: target, updatedAt: new Date() })
        .where(and(eq(reports.tenantId, tenantId), eq(reports.officeId, office.id)))
        .returning({ id: reports.id });
      moved = rows.length;
    }
    await tx
      .update(categories)
      .set({ defaultOfficeId: target ?? null })
      .where(and(eq(categories.tenantId, tenantId), eq(categories.defaultOfficeId, office.id)));
    await tx.delete(offices).where(and(eq(offices.tenantId, tenantId), eq(offices.id, office.id)));
    await recordAudit(tx, ctx, actor, {
      action: "office.delete",
      targetType: "office",
      targetId: office.id,
      data: { name: office.name, reassignedTo: target ?? null, reportsMoved: moved },
    });
    return { id: office.id, reportsMoved: moved };
  });
}
