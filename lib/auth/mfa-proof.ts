import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
// System handle: the second-factor secret lives on the platform users row.
import { getSystemDb } from "@/db/system";
import { authSecret } from "@/lib/env";

/**
 * Guards the session upgrade after TOTP enrolment. Auth.js lets any client POST new session data; the JWT
 * callback therefore accepts "mfa done" only with this proof, computed server-side right after the person
 * typed a valid code, bound to the user, the comune and the secret now stored (so it is useless for any
 * other account, comune or enrolment). The proof never leaves the server (unstable_update runs in the action).
 */
export function mfaProof(userId: string, tenantId: string | null, secret: string): string {
  return createHmac("sha256", authSecret()).update(`mfa-enrolled:${userId}:${tenantId ?? "-"}:${secret}`).digest("base64url");
}

export function verifyMfaProof(proof: string, userId: string, tenantId: string | null, secret: string): boolean {
  const expected = Buffer.from(mfaProof(userId, tenantId, secret));
  const actual = Buffer.from(proof);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export async function currentTotpSecret(userId: string): Promise<string | null> {
  const db = await getSystemDb();
  const [row] = await db.select({ s: users.totpSecret }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.s ?? null;
}
