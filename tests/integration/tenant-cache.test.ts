import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { tenants, vendorStaff } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import type { VendorActor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { resolveJurisdiction } from "@/lib/open311/jurisdiction";
import { forgetTenants, getTenant } from "@/lib/tenancy/get-tenant";
import { addCustomDomain } from "@/lib/vendor/add-domain";
import { removeCustomDomain } from "@/lib/vendor/remove-domain";
import { setTenantStatus } from "@/lib/vendor/set-tenant-status";
import { caught } from "../support/db";
import { createTenant, createUser } from "../support/factories";

/**
 * The in-process cache of comuni (lib/tenancy/get-tenant.ts), on as in production (tests run with it off
 * because they write rows directly): what it keeps, and that a change made through the application is
 * seen at once — suspension, custom domains — while one made behind its back waits for the TTL.
 */
afterAll(closeDb);
const ttl = env.TENANT_CACHE_SECONDS;
beforeEach(() => {
  env.TENANT_CACHE_SECONDS = 60;
  forgetTenants();
});
afterEach(() => {
  env.TENANT_CACHE_SECONDS = ttl;
  forgetTenants();
});

async function owner(): Promise<{ actor: VendorActor }> {
  const user = await createUser({ name: "Vendor owner" });
  await (await getSystemDb()).insert(vendorStaff).values({ userId: user.id, role: "owner" });
  return { actor: { kind: "vendor", userId: user.id, name: user.name!, email: user.email, role: "owner", mfa: true } };
}

describe("cached comuni", () => {
  it("keeps a comune's row for the TTL: a change written behind the application's back is not seen until then", async () => {
    const tenant = await createTenant();
    expect((await getTenant(tenant.slug))?.name).toBe(tenant.name);
    await (await getSystemDb()).update(tenants).set({ name: "Nome cambiato a mano" }).where(eq(tenants.id, tenant.id));
    expect((await getTenant(tenant.slug))?.name).toBe(tenant.name);
    env.TENANT_CACHE_SECONDS = 0;
    expect((await getTenant(tenant.slug))?.name).toBe("Nome cambiato a mano");
  });

  it("a suspension through the vendor console takes effect at once: the API stops answering for that comune", async () => {
    const tenant = await createTenant();
    const vendor = await owner();
    expect((await resolveJurisdiction({ kind: "tenant", segment: tenant.slug }, null)).id).toBe(tenant.id);
    await setTenantStatus({ ctx: vendor, input: { tenantId: tenant.id, action: "suspend", reason: "prova della cache" } });
    expect((await getTenant(tenant.slug))?.status).toBe("suspended");
    const error = await caught(() => resolveJurisdiction({ kind: "tenant", segment: tenant.slug }, null));
    expect(error).toMatchObject({ status: 404 });
    await setTenantStatus({ ctx: vendor, input: { tenantId: tenant.id, action: "reactivate", reason: "fine della prova", trialDays: 30 } });
    expect((await resolveJurisdiction({ kind: "tenant", segment: tenant.slug }, null)).id).toBe(tenant.id);
  });

  it("custom domains: added, found; removed, gone at once", async () => {
    const tenant = await createTenant();
    const vendor = await owner();
    const host = `segnalazioni-${randomUUID().slice(0, 8)}.comune.example.it`;
    expect(await getTenant(host)).toBeNull();
    await addCustomDomain({ ctx: vendor, input: { tenantId: tenant.id, host } });
    expect((await getTenant(host))?.id).toBe(tenant.id);
    await removeCustomDomain({ ctx: vendor, input: { tenantId: tenant.id, host, reason: "dominio dismesso" } });
    expect(await getTenant(host)).toBeNull();
  });

  it("never caches an unknown name (a comune created a moment later is found), and shares rows read-only", async () => {
    const slug = `nuovo-${randomUUID().slice(0, 8)}`;
    expect(await getTenant(slug)).toBeNull();
    const tenant = await createTenant({ slug });
    expect((await getTenant(slug))?.id).toBe(tenant.id);
    const row = (await getTenant(slug))!;
    expect(() => {
      (row as { name: string }).name = "altro";
    }).toThrow(TypeError);
    expect((await getTenant(slug))?.name).toBe(tenant.name);
  });
});
