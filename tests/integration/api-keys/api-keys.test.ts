import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { apiKeys, auditEvents } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { StaffActor } from "@/lib/context";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { hashToken } from "@/lib/security/tokens";
import { caught } from "../../support/db";
import { createStaff, createTenant, type Tenant } from "../../support/factories";
import { actorOf } from "../open311/support";

let a: Tenant;
let b: Tenant;
let admin: StaffActor;
let bAdmin: StaffActor;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  admin = actorOf(await createStaff(a, "admin"));
  bAdmin = actorOf(await createStaff(b, "admin"));
});
afterAll(closeDb);

describe("createApiKey", () => {
  it("returns the key once, stores only its sha256 and a prefix, audits", async () => {
    const created = await createApiKey({ ctx: { tenant: a, actor: admin }, input: { name: "  App Segnala  " } });
    expect(created.key).toMatch(/^pzk_[A-Za-z0-9_-]{40}$/);
    expect(created.name).toBe("App Segnala");
    const db = await getSystemDb();
    const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.tenantId, a.id), eq(apiKeys.id, created.id)));
    expect(row!.keyHash).toBe(hashToken(created.key));
    expect(row!.prefix).toBe(created.key.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(created.key);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, a.id), eq(auditEvents.targetId, created.id)));
    expect(audit.map((e) => [e.action, e.actorUserId])).toEqual([["api_key.create", admin.userId]]);
    expect(await authenticateApiKey(a, created.key)).toMatchObject({ kind: "api", apiKeyId: created.id });
    // A comune's key is unknown to every other comune.
    expect(await authenticateApiKey(b, created.key)).toBeNull();
  });

  it("is forbidden to roles without api_keys.manage, and rejects a blank name", async () => {
    for (const role of ["supervisor", "operator", "politician", "external"] as const) {
      const actor = actorOf(await createStaff(a, role));
      expect(await caught(() => createApiKey({ ctx: { tenant: a, actor }, input: { name: "x" } }))).toBeInstanceOf(ForbiddenError);
    }
    expect(await caught(() => createApiKey({ ctx: { tenant: a, actor: { kind: "anonymous" } }, input: { name: "x" } }))).toBeInstanceOf(ForbiddenError);
    const error = await caught(() => createApiKey({ ctx: { tenant: a, actor: admin }, input: { name: "   " } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ name: ["name_required"] });
  });
});

describe("revokeApiKey and listApiKeys", () => {
  it("revokes at once (authentication fails), idempotently, audited; lists without hashes", async () => {
    const created = await createApiKey({ ctx: { tenant: a, actor: admin }, input: { name: "Da revocare" } });
    const first = await revokeApiKey({ ctx: { tenant: a, actor: admin }, input: { id: created.id } });
    const again = await revokeApiKey({ ctx: { tenant: a, actor: admin }, input: { id: created.id } });
    expect(again.revokedAt.getTime()).toBe(first.revokedAt.getTime());
    expect(await authenticateApiKey(a, created.key)).toBeNull();
    const db = await getSystemDb();
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, a.id), eq(auditEvents.targetId, created.id), eq(auditEvents.action, "api_key.revoke")));
    expect(audit).toHaveLength(1);
    const list = await listApiKeys({ ctx: { tenant: a, actor: admin } });
    const listed = list.find((k) => k.id === created.id)!;
    expect(listed.revokedAt).not.toBeNull();
    expect(Object.keys(listed).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt"]);
  });

  it("another comune's key is not found; other comuni's lists do not include it; wrong role forbidden", async () => {
    const created = await createApiKey({ ctx: { tenant: a, actor: admin }, input: { name: "Di A" } });
    expect(await caught(() => revokeApiKey({ ctx: { tenant: b, actor: bAdmin }, input: { id: created.id } }))).toBeInstanceOf(NotFoundError);
    expect((await listApiKeys({ ctx: { tenant: b, actor: bAdmin } })).map((k) => k.id)).not.toContain(created.id);
    const operator = actorOf(await createStaff(a, "operator"));
    expect(await caught(() => revokeApiKey({ ctx: { tenant: a, actor: operator }, input: { id: created.id } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => listApiKeys({ ctx: { tenant: a, actor: operator } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => revokeApiKey({ ctx: { tenant: a, actor: admin }, input: { id: "x" } }))).toBeInstanceOf(ValidationError);
    expect(await authenticateApiKey(a, created.key)).not.toBeNull();
  });
});
