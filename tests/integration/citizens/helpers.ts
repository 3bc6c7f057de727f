import { and, eq, like } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import type { Ctx } from "@/lib/context";
import type { Tenant } from "../../support/factories";

/** An anonymous visitor of the comune, from a given IP. */
export function anonCtx(tenant: Tenant, ip = "203.0.113.7"): Ctx {
  return { tenant, actor: { kind: "anonymous" }, ip };
}

/** The token of the newest confirmation link emailed to `to` in this comune (read from the outbox). */
export async function lastConfirmToken(tenant: Tenant, to: string): Promise<string> {
  const db = await getSystemDb();
  const rows = await db
    .select({ payload: outbox.payload, createdAt: outbox.createdAt })
    .from(outbox)
    .where(and(eq(outbox.tenantId, tenant.id), like(outbox.dedupeKey, "confirm:%")));
  const mine = rows
    .map((r) => r.payload as { message: { to: string; action: { url: string } } })
    .filter((p) => p.message.to === to);
  const url = mine.at(-1)?.message.action.url;
  if (!url) throw new Error(`nessun link di conferma per ${to}`);
  return url.split("/conferma/")[1]!;
}

export async function outboxOf(tenant: Tenant) {
  const db = await getSystemDb();
  return db.select().from(outbox).where(eq(outbox.tenantId, tenant.id));
}
