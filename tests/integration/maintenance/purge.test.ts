import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, uploads } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { purgeExpired } from "@/lib/maintenance/purge";
import { getStorage } from "@/lib/storage";
import { createOutboxMessage, createTenant } from "../../support/factories";

const DAY = 24 * 60 * 60 * 1000;

async function upload(tenantId: string, ageMs: number, claimed: boolean) {
  const key = `${tenantId}/${randomUUID()}.jpg`;
  await getStorage().put(key, Buffer.from("jpeg"));
  const db = await getSystemDb();
  const [row] = await db
    .insert(uploads)
    .values({
      tenantId,
      kind: "photo",
      storageKey: key,
      mimeType: "image/jpeg",
      sizeBytes: 4,
      ownerKeyHash: randomUUID(),
      createdAt: new Date(Date.now() - ageMs),
      claimedAt: claimed ? new Date() : null,
    })
    .returning();
  return row!;
}

describe("purgeExpired", () => {
  it("deletes abandoned uploads with their files, keeps recent and claimed ones", async () => {
    const tenant = await createTenant();
    const abandoned = await upload(tenant.id, 2 * DAY, false);
    const recent = await upload(tenant.id, 60_000, false);
    const claimed = await upload(tenant.id, 2 * DAY, true);
    const result = await purgeExpired();
    expect(result.uploads).toBeGreaterThanOrEqual(1);
    const db = await getSystemDb();
    const left = (await db.select().from(uploads).where(eq(uploads.tenantId, tenant.id))).map((u) => u.id).sort();
    expect(left).toEqual([recent.id, claimed.id].sort());
    expect(await getStorage().get(abandoned.storageKey)).toBeNull();
    expect(await getStorage().get(recent.storageKey)).not.toBeNull();
  });

  it("deletes delivered emails older than 30 days, keeps recent and dead ones", async () => {
    const tenant = await createTenant();
    const old = await createOutboxMessage(tenant, { status: "sent", sentAt: new Date(Date.now() - 40 * DAY) });
    const fresh = await createOutboxMessage(tenant, { status: "sent", sentAt: new Date() });
    const dead = await createOutboxMessage(tenant, { status: "dead", createdAt: new Date(Date.now() - 40 * DAY) });
    await purgeExpired();
    const db = await getSystemDb();
    const left = (await db.select().from(outbox).where(eq(outbox.tenantId, tenant.id))).map((o) => o.id).sort();
    expect(left).toEqual([fresh.id, dead.id].sort());
    expect(left).not.toContain(old.id);
  });
});
