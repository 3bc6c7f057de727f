import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { categories, invitations, memberships, organisations, reports } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { parseInput } from "./parse";

const deleteOrganisationInput = z.object({ id: z.string().uuid() });

/**
 * Deletes an organisation nobody depends on: one with reports or staff members is refused (the history of
 * who worked on what must stay readable). Categories routed to it stop routing there.
 */
export async function deleteOrganisation({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const { id } = parseInput(deleteOrganisationInput, input);
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const [org] = await tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, id)));
    if (!org) throw new NotFoundError("organisation");
    const [report] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.tenantId, tenantId), eq(reports.organisationId, id)))
      .limit(1);
    const [member] = await tx
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.organisationId, id)))
      .limit(1);
    if (report || member) throw new ConflictError("organisation_in_use");
    await tx
      .update(categories)
      .set({ defaultOrganisationId: null })
      .where(and(eq(categories.tenantId, tenantId), eq(categories.defaultOrganisationId, id)));
    await tx.delete(invitations).where(and(eq(invitations.tenantId, tenantId), eq(invitations.organisationId, id)));
    await tx.delete(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, id)));
    await recordAudit(tx, ctx, actor, {
      action: "organisation.delete",
      targetType: "organisation",
      targetId: id,
      data: { name: org.name },
    });
    return { id };
  });
}
