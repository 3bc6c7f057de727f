import { and, count, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { membershipOffices, memberships, ROLES } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import { parseInput } from "@/lib/config/parse";
import type { Ctx } from "@/lib/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { checkRoleScope } from "./roles";

export const updateMemberInput = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(ROLES, "required"),
  officeIds: z.array(z.string().uuid()).max(50).default([]),
  organisationId: z.string().uuid().optional().nullable().or(z.literal("").transform(() => null)),
  title: z.string().trim().max(120, "too_long").optional(),
});
export type UpdateMemberInput = z.input<typeof updateMemberInput>;

/** Guards the comune against locking itself out: true when no other admin than `userId` exists. */
export async function isLastAdmin(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, "admin"), ne(memberships.userId, userId)));
  return Number(row?.n ?? 0) === 0;
}

/** Changes a member's role, offices, organisation and title; the last admin cannot be demoted. Audited. */
export async function updateMember({ ctx, input }: { ctx: Ctx; input: UpdateMemberInput }) {
  const actor = staffWith(ctx, "staff.manage");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(updateMemberInput, input);
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const [member] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, data.userId)));
    if (!member) throw new NotFoundError("member");
    if (member.role === "admin" && data.role !== "admin" && (await isLastAdmin(tx, tenantId, member.userId))) {
      throw new ConflictError("last_admin");
    }
    const scope = await checkRoleScope(tx, tenantId, data.role, data.officeIds, data.organisationId);
    await tx
      .update(memberships)
      .set({ role: data.role, organisationId: scope.organisationId, title: data.title?.trim() || null })
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, member.userId)));
    await tx
      .delete(membershipOffices)
      .where(and(eq(membershipOffices.tenantId, tenantId), eq(membershipOffices.userId, member.userId)));
    if (scope.officeIds.length > 0) {
      await tx
        .insert(membershipOffices)
        .values(scope.officeIds.map((officeId) => ({ tenantId, userId: member.userId, officeId })));
    }
    await recordAudit(tx, ctx, actor, {
      action: "staff.update",
      targetType: "user",
      targetId: member.userId,
      data: { from: member.role, role: data.role, officeIds: scope.officeIds },
    });
    return { userId: member.userId };
  });
}
