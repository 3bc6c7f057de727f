import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { withTenant } from "@/db/client";
import { invitations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import { parseInput } from "@/lib/config/parse";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";

const input = z.object({ id: z.string().uuid() });

/** Revokes a pending invitation: its link stops working at once. Audited. */
export async function revokeInvitation({ ctx, input: raw }: { ctx: Ctx; input: { id: string } }) {
  const actor = staffWith(ctx, "staff.manage");
  assertTenantWritable(ctx.tenant);
  const { id } = parseInput(input, raw);
  return withTenant(ctx.tenant.id, async (tx) => {
    const [row] = await tx
      .delete(invitations)
      .where(and(eq(invitations.tenantId, ctx.tenant.id), eq(invitations.id, id), isNull(invitations.acceptedAt)))
      .returning({ email: invitations.email });
    if (!row) throw new NotFoundError("invitation");
    await recordAudit(tx, ctx, actor, { action: "staff.revoke", targetType: "invitation", targetId: id, data: { email: row.email } });
    return { id };
  });
}
