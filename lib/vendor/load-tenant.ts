import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db/client";
import { tenants } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";

/** Locks and returns a comune for a console action (unknown or malformed id → NotFoundError). */
export async function lockTenant(tx: Tx, tenantId: string) {
  if (!z.string().uuid().safeParse(tenantId).success) throw new NotFoundError("tenant");
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update");
  if (!tenant) throw new NotFoundError("tenant");
  return tenant;
}

export const reasonSchema = z.string().trim().min(5, "reason_required").max(500, "too_long");
