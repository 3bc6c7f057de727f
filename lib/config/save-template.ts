import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { REPORT_STATUSES, responseTemplates } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { parseInput } from "./parse";

export const saveTemplateInput = z.object({
  id: z.string().uuid().optional(),
  title: z.string().trim().min(2, "too_short").max(120, "too_long"),
  body: z.string().trim().min(5, "too_short").max(5000, "too_long"),
  /** The status the template fits (offered first when moving a report there); empty = any. */
  status: z.enum(REPORT_STATUSES).optional().nullable().or(z.literal("").transform(() => null)),
});
export type SaveTemplateInput = z.input<typeof saveTemplateInput>;

/** Creates or updates a response template. Audited. */
export async function saveTemplate({ ctx, input }: { ctx: Ctx; input: SaveTemplateInput }): Promise<{ id: string }> {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(saveTemplateInput, input);
  const values = { title: data.title, body: data.body, status: data.status ?? null };
  return withTenant(ctx.tenant.id, async (tx) => {
    let id = data.id;
    if (id) {
      const updated = await tx
        .update(responseTemplates)
        .set(values)
        .where(and(eq(responseTemplates.tenantId, ctx.tenant.id), eq(responseTemplates.id, id)))
        .returning({ id: responseTemplates.id });
      if (updated.length === 0) throw new NotFoundError("template");
    } else {
      const [created] = await tx
        .insert(responseTemplates)
        .values({ tenantId: ctx.tenant.id, ...values })
        .returning({ id: responseTemplates.id });
      id = created!.id;
    }
    await recordAudit(tx, ctx, actor, {
      action: data.id ? "template.update" : "template.create",
      targetType: "template",
      targetId: id,
      data: { title: values.title },
    });
    return { id };
  });
}
