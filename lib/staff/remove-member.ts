import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { memberships } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import { parseInput } from "@/lib/config/parse";
import type { Ctx } from "@/lib/context";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { isLastAdmin } from "./update-member";

const input = z.object({ userId: z.string().min(1).max(100) });

/**
 * Removes a person from the comune's staff (their offices go with the membership; their past work stays in
 * the timeline). Access ends at once: getStaffActor reads the membership on every request. The last admin
 * cannot be removed. Audited.
 */
export async function removeMember({ ctx, input: raw }: { ctx: Ctx; input: { userId: string } }) {
  const actor = staffWith(ctx, "staff.manage");
  assertTenantWritable(ctx.tenant);
  const { userId } = parseInput(input, raw);
  const tenantId = ctx.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const [member] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
    if (!member) throw new NotFoundError("member");
    if (member.role === "admin" && (await isLastAdmin(tx, tenantId, userId))) throw new ConflictError("last_admin");
    await tx.delete(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
    await recordAudit(tx, ctx, actor, { action: "staff.remove", targetType: "user", targetId: userId, data: { role: member.role } });
    return { userId };
  });
}
