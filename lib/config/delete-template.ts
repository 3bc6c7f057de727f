import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { responseTemplates } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { parseInput } from "./parse";

const input = z.object({ id: z.string().uuid() });

/** Deletes a response template (replies already sent keep their text). Audited. */
export async function deleteTemplate({ ctx, input: raw }: { ctx: Ctx; input: { id: string } }) {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const { id } = parseInput(input, raw);
  return withTenant(ctx.tenant.id, async (tx) => {
    const [deleted] = await tx
      .delete(responseTemplates)
      .where(and(eq(responseTemplates.tenantId, ctx.tenant.id), eq(responseTemplates.id, id)))
      .returning({ title: responseTemplates.title });
    if (!deleted) throw new NotFoundError("template");
    await recordAudit(tx, ctx, actor, {
      action: "template.delete",
      targetType: "template",
      targetId: id,
      data: { title: deleted.title },
    });
    return { id };
  });
}
