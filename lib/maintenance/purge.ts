import { and, isNull, lt, sql } from "drizzle-orm";
import { emailConfirmations, outbox, rateLimits, uploads, verificationTokens } from "@/db/schema";
// System handle: housekeeping spans every comune (expired or abandoned rows only, never live data).
import { getSystemDb } from "@/db/system";
import { getStorage } from "@/lib/storage";

const DAY = 24 * 60 * 60 * 1000;

export type PurgeResult = {
  uploads: number;
  outboxSent: number;
  rateLimits: number;
  signInTokens: number;
  confirmations: number;
};

/**
 * Housekeeping: photos uploaded for a report that was never submitted (older than a day: their files are
 * deleted too, as the privacy notice promises), delivered emails older than 30 days (dead ones are kept for
 * inspection), expired rate-limit windows, sign-in/reset tokens and email confirmations.
 */
export async function purgeExpired(now = new Date()): Promise<PurgeResult> {
  const db = await getSystemDb();
  const abandoned = await db
    .delete(uploads)
    .where(and(isNull(uploads.claimedAt), lt(uploads.createdAt, new Date(now.getTime() - DAY))))
    .returning({ storageKey: uploads.storageKey, thumbKey: uploads.thumbKey });
  const storage = getStorage();
  for (const file of abandoned) {
    await storage.delete(file.storageKey);
    if (file.thumbKey) await storage.delete(file.thumbKey);
  }
  const sent = await db
    .delete(outbox)
    .where(and(sql`${outbox.status} = 'sent'`, lt(outbox.sentAt, new Date(now.getTime() - 30 * DAY))))
    .returning({ id: outbox.id });
  const limits = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - DAY)))
    .returning({ key: rateLimits.key });
  const tokens = await db.delete(verificationTokens).where(lt(verificationTokens.expires, now)).returning({ t: verificationTokens.token });
  const confirmations = await db
    .delete(emailConfirmations)
    .where(lt(emailConfirmations.expiresAt, new Date(now.getTime() - 7 * DAY)))
    .returning({ id: emailConfirmations.id });
  return {
    uploads: abandoned.length,
    outboxSent: sent.length,
    rateLimits: limits.length,
    signInTokens: tokens.length,
    confirmations: confirmations.length,
  };
}
