import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { ORGANISATION_KINDS, organisations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { blankToNull, parseInput } from "./parse";

export const saveOrganisationInput = z.object({
  id: z.string().uuid().optional(),
  name: z.string().trim().min(2, "too_short").max(160, "too_long"),
  kind: z.enum(ORGANISATION_KINDS, "required"),
  email: z.string().trim().toLowerCase().email("email_invalid").max(254).optional().or(z.literal("")),
  phone: z.string().trim().max(40, "too_long").optional(),
});
export type SaveOrganisationInput = z.input<typeof saveOrganisationInput>;

/** Creates or updates an external organisation (contractor, utility, police, school…). Audited. */
export async function saveOrganisation({ ctx, input }: { ctx: Ctx; input: SaveOrganisationInput }): Promise<{ id: string }> {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(saveOrganisationInput, input);
  const values = { name: data.name, kind: data.kind, email: blankToNull(data.email), phone: blankToNull(data.phone) };
  return withTenant(ctx.tenant.id, async (tx) => {
    let id = data.id;
    if (id) {
      const updated = await tx
        .update(organisations)
        .set(values)
        .where(and(eq(organisations.tenantId, ctx.tenant.id), eq(organisations.id, id)))
        .returning({ id: organisations.id });
      if (updated.length === 0) throw new NotFoundError("organisation");
    } else {
      const [created] = await tx
        .insert(organisations)
        .values({ tenantId: ctx.tenant.id, ...values })
        .returning({ id: organisations.id });
      id = created!.id;
    }
    await recordAudit(tx, ctx, actor, {
      action: data.id ? "organisation.update" : "organisation.create",
      targetType: "organisation",
      targetId: id,
      data: { name: values.name, kind: values.kind },
    });
    return { id };
  });
}
