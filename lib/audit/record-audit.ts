import type { Tx } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Ctx, StaffActor } from "@/lib/context";

export type AuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Writes the audit row of a back-office change. Call it with the same transaction as the change, so the
 * trail and the data can never disagree. A vendor acting through support access is recorded as "vendor"
 * with the grant id, so the comune can see what the vendor did on its behalf.
 */
export async function recordAudit(tx: Tx, ctx: Ctx, actor: StaffActor | null, entry: AuditEntry): Promise<void> {
  const vendor = Boolean(actor?.supportGrantId);
  await tx.insert(auditEvents).values({
    tenantId: ctx.tenant.id,
    actorUserId: actor?.userId ?? null,
    actorKind: actor ? (vendor ? "vendor" : "staff") : "system",
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    data: { ...(entry.data ?? {}), ...(vendor ? { supportGrantId: actor!.supportGrantId } : {}) },
    ip: ctx.ip ?? null,
  });
}
