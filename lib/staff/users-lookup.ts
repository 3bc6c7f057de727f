import { eq, inArray } from "drizzle-orm";
import { users } from "@/db/schema";
// System handle: `users` is a platform table; app_user may read only (id, name). Staff management needs the
// email of people it already has a membership row for (or is inviting), nothing more.
import { getSystemDb } from "@/db/system";

export async function userIdByEmail(email: string): Promise<string | null> {
  const db = await getSystemDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row?.id ?? null;
}

/** Name, email and second-factor status of the given users (ids from this comune's memberships). */
export async function usersByIds(ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string | null; email: string; totp: boolean }>();
  const db = await getSystemDb();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, totpSecret: users.totpSecret })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email, totp: Boolean(r.totpSecret) }]));
}
