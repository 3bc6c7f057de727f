import type { Tx } from "@/db/client";
import { auditEvents, platformAuditEvents } from "@/db/schema";
import type { VendorActor } from "@/lib/auth/session";

/**
 * Every vendor action leaves a platform audit row, and, when it concerns a comune, a row in that comune's
 * own audit log (actor_kind "vendor") so its admins see what the vendor did. Same transaction as the change.
 */
export async function auditVendorAction(
  tx: Tx,
  actor: VendorActor,
  action: string,
  options: { tenantId?: string | null; data?: Record<string, unknown>; ip?: string | null },
): Promise<void> {
  const data = { ...options.data, vendorEmail: actor.email, vendorRole: actor.role };
  await tx.insert(platformAuditEvents).values({
    actorUserId: actor.userId,
    action,
    targetTenantId: options.tenantId ?? null,
    data,
    ip: options.ip ?? null,
  });
  if (options.tenantId) {
    await tx.insert(auditEvents).values({
      tenantId: options.tenantId,
      actorUserId: actor.userId,
      actorKind: "vendor",
      action,
      targetType: "tenant",
      targetId: options.tenantId,
      data,
      ip: options.ip ?? null,
    });
  }
}
