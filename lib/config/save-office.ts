import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { offices } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { isUniqueViolation } from "./unique-violation";
import { blankToNull, parseInput } from "./parse";

export const saveOfficeInput = z.object({
  id: z.string().uuid().optional(),
  name: z.string().trim().min(2, "too_short").max(120, "too_long"),
  email: z.string().trim().toLowerCase().email("email_invalid").max(254).optional().or(z.literal("")),
  phone: z.string().trim().max(40, "too_long").optional(),
  headName: z.string().trim().max(120, "too_long").optional(),
});
export type SaveOfficeInput = z.input<typeof saveOfficeInput>;

/** Creates an office (no id) or updates one of this comune; names are unique per comune. Audited. */
export async function saveOffice({ ctx, input }: { ctx: Ctx; input: SaveOfficeInput }): Promise<{ id: string }> {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(saveOfficeInput, input);
  const values = {
    name: data.name,
    email: blankToNull(data.email),
    phone: blankToNull(data.phone),
    headName: blankToNull(data.headName),
  };
  try {
    return await withTenant(ctx.tenant.id, async (tx) => {
      let id = data.id;
      if (id) {
        const updated = await tx
          .update(offices)
          .set(values)
          .where(and(eq(offices.tenantId, ctx.tenant.id), eq(offices.id, id)))
          .returning({ id: offices.id });
        if (updated.length === 0) throw new NotFoundError("office");
      } else {
        const [created] = await tx.insert(offices).values({ tenantId: ctx.tenant.id, ...values }).returning({ id: offices.id });
        id = created!.id;
      }
      await recordAudit(tx, ctx, actor, {
        action: data.id ? "office.update" : "office.create",
        targetType: "office",
        targetId: id,
        data: { name: values.name },
      });
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("name_taken");
    throw error;
  }
}
