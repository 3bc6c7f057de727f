import { and, eq, isNull } from "drizzle-orm";
import { users } from "@/db/schema";
// System handle: the second factor lives on the platform users row.
import { getSystemDb } from "@/db/system";
import type { VendorActor } from "@/lib/auth/session";
import { verifyTotp } from "@/lib/auth/totp";
import { ForbiddenError, ValidationError } from "@/lib/errors";

/**
 * Mandatory TOTP enrolment of vendor staff: the secret shown on the page is stored only once a code from it
 * verifies, and only if none was set before (an enrolled factor is never replaced from a half-signed-in
 * session). The person then signs in again with the code.
 */
export async function enrolVendorTotp({ actor, secret, code }: { actor: VendorActor | null; secret: string; code: string }): Promise<void> {
  if (!actor || actor.kind !== "vendor") throw new ForbiddenError("vendor");
  if (!/^[A-Z2-7]{32}$/.test(secret) || !verifyTotp(secret, code.trim())) throw new ValidationError("totp_invalid");
  const db = await getSystemDb();
  const updated = await db
    .update(users)
    .set({ totpSecret: secret })
    .where(and(eq(users.id, actor.userId), isNull(users.totpSecret)))
    .returning({ id: users.id });
  if (updated.length === 0) throw new ValidationError("totp_already_enrolled");
}
