import { and, desc, eq, gte } from "drizzle-orm";
import { devMailbox } from "@/db/schema";
// System handle: the dev mailbox is a platform table (development and tests only).
import { getSystemDb } from "@/db/system";

export type DevMail = typeof devMailbox.$inferSelect;

/** Latest messages sent to an address (newest first); only reachable when devMailboxEnabled(). */
export async function listDevMail(to: string, since?: Date, limit = 20): Promise<DevMail[]> {
  const db = await getSystemDb();
  const conditions = [eq(devMailbox.to, to.toLowerCase())];
  if (since) conditions.push(gte(devMailbox.createdAt, since));
  return db.select().from(devMailbox).where(and(...conditions)).orderBy(desc(devMailbox.createdAt)).limit(limit);
}
