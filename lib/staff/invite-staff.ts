import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { invitations, memberships, ROLES } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import { parseInput } from "@/lib/config/parse";
import type { Ctx } from "@/lib/context";
import { ConflictError } from "@/lib/errors";
import { enqueue } from "@/lib/outbox/enqueue";
import { newToken } from "@/lib/security/tokens";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { checkRoleScope } from "./roles";
import { userIdByEmail } from "./users-lookup";

export const INVITATION_TTL_DAYS = 7;

export const inviteStaffInput = z.object({
  email: z.string().trim().toLowerCase().email("email_invalid").max(254),
  role: z.enum(ROLES, "required"),
  officeIds: z.array(z.string().uuid()).max(50).default([]),
  organisationId: z.string().uuid().optional().nullable().or(z.literal("").transform(() => null)),
});
export type InviteStaffInput = z.input<typeof inviteStaffInput>;

/**
 * Invites a person to the comune's staff: an invitation row holding only the sha256 of the token, and the
 * emailed link (outbox, same transaction). A newer invitation to the same address replaces pending ones.
 */
export async function inviteStaff({ ctx, input }: { ctx: Ctx; input: InviteStaffInput }): Promise<{ id: string }> {
  const actor = staffWith(ctx, "staff.manage");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(inviteStaffInput, input);
  const tenantId = ctx.tenant.id;
  const { token, hash } = newToken();
  const existingUserId = await userIdByEmail(data.email);
  return withTenant(tenantId, async (tx) => {
    const scope = await checkRoleScope(tx, tenantId, data.role, data.officeIds, data.organisationId);
    if (existingUserId) {
      const [member] = await tx
        .select({ id: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, existingUserId)));
      if (member) throw new ConflictError("already_member");
    }
    await tx
      .delete(invitations)
      .where(and(eq(invitations.tenantId, tenantId), eq(invitations.email, data.email), isNull(invitations.acceptedAt)));
    const [invitation] = await tx
      .insert(invitations)
      .values({
        tenantId,
        email: data.email,
        role: data.role,
        officeIds: scope.officeIds,
        organisationId: scope.organisationId,
        invitedBy: actor.userId,
        tokenHash: hash,
        expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600 * 1000),
      })
      .returning({ id: invitations.id });
    await enqueue(
      tx,
      tenantId,
      {
        kind: "email",
        tenantSlug: ctx.tenant.slug,
        message: {
          template: "settings.invitation",
          to: data.email,
          brand: { tenantName: `Comune di ${ctx.tenant.name}`, primaryColor: ctx.tenant.primaryColor },
          values: { role: data.role, inviter: actor.name, days: INVITATION_TTL_DAYS },
          action: { url: `${tenantBaseUrl(ctx.tenant.slug)}/accedi/invito?token=${encodeURIComponent(token)}` },
        },
      },
      `invitation:${invitation!.id}`,
    );
    await recordAudit(tx, ctx, actor, {
      action: "staff.invite",
      targetType: "invitation",
      targetId: invitation!.id,
      data: { email: data.email, role: data.role, officeIds: scope.officeIds },
    });
    return { id: invitation!.id };
  });
}
