import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, rowsOf, withTenant } from "@/db/client";
import { catalogStamps, outbox, tenants } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { deleteCategory } from "@/lib/config/delete-category";
import { saveCategory } from "@/lib/config/save-category";
import { saveOffice } from "@/lib/config/save-office";
import { setCategoryActive } from "@/lib/config/set-category-active";
import {
  createCategory,
  createOffice,
  createOrganisation,
  createTenant,
  type Tenant,
} from "../../support/factories";
import { staffCtx } from "../backoffice-admin/helpers";
import { issueKey, open311Json } from "./support";

/**
 * The Open311 catalog is kept per process between changes (lib/open311/services.ts): every request reads
 * the comune's stamp, which a trigger moves with any change to its categories, offices or organisations
 * (migration 0013). A change made through the back office must be what the very next API request sees.
 */
let a: Tenant;
let b: Tenant;
let key: string;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  key = (await issueKey(a, "App")).key;
});

afterAll(closeDb);

type Service = { service_code: string; service_name: string };
const services = async (tenant: Tenant) => (await open311Json({ tenant }, "services.json")).body as Service[];
/** A POST to a's endpoint under `serviceCode`, from its own address (the per-address limit stays clear). */
const file = (serviceCode: string, ip: string) =>
  open311Json({ tenant: a }, "requests.json", {
    form: {
      api_key: key,
      service_code: serviceCode,
      lat: String(a.centreLat),
      long: String(a.centreLng),
      email: "r@example.it",
    },
    headers: { "x-forwarded-for": ip },
  });

async function stamp(tenantId: string): Promise<number | null> {
  const db = await getSystemDb();
  const [row] = await db.select().from(catalogStamps).where(eq(catalogStamps.tenantId, tenantId));
  return row?.stamp ?? null;
}

describe("Open311 catalog kept between changes", () => {
  it("a category added, renamed, deactivated or deleted in the back office is what the next request sees", async () => {
    const admin = await staffCtx(a, "admin");
    expect(await services(a)).toEqual([]);
    const { id } = await saveCategory({ ctx: admin, input: { name: "Lampione spento", code: "LUCE" } });
    expect((await services(a)).map((s) => s.service_name)).toEqual(["Lampione spento"]);

    await saveCategory({ ctx: admin, input: { id, name: "Lampione guasto", code: "LUCE" } });
    expect((await services(a)).map((s) => s.service_name)).toEqual(["Lampione guasto"]);

    await setCategoryActive({ ctx: admin, input: { id, active: false } });
    expect(await services(a)).toEqual([]);
    // Filing under it is refused at once, not after some expiry.
    const refused = await file("LUCE", "198.51.100.40");
    expect(refused.status).toBe(404);

    await setCategoryActive({ ctx: admin, input: { id, active: true } });
    const filed = await file("LUCE", "198.51.100.41");
    expect(filed.status).toBe(200);

    const other = await saveCategory({ ctx: admin, input: { name: "Buca", code: "BUCA" } });
    expect((await services(a)).map((s) => s.service_code).sort()).toEqual(["BUCA", "LUCE"]);
    await deleteCategory({ ctx: admin, input: { id: other.id } });
    expect((await services(a)).map((s) => s.service_code)).toEqual(["LUCE"]);
  });

  it("a renamed office is the name the next report routed to it is filed with", async () => {
    const admin = await staffCtx(a, "admin");
    const office = await saveOffice({ ctx: admin, input: { name: "Ufficio Strade" } });
    await saveCategory({
      ctx: admin,
      input: { name: "Marciapiede rotto", code: "MARC", defaultOfficeId: office.id },
    });
    const post = async (ip: string) => {
      const r = await file("MARC", ip);
      expect(r.status).toBe(200);
      const db = await getSystemDb();
      const rows = await db.select().from(outbox).where(eq(outbox.tenantId, a.id));
      return JSON.stringify(rows.map((r) => r.payload));
    };
    expect(await post("198.51.100.42")).toContain("Ufficio Strade");
    await saveOffice({ ctx: admin, input: { id: office.id, name: "Ufficio Viabilità" } });
    expect(await post("198.51.100.43")).toContain("Ufficio Viabilità");
  });

  it("the stamp moves with every change to categories, offices and organisations, in that comune only", async () => {
    const tenant = await createTenant();
    expect(await stamp(tenant.id)).toBeNull();
    const office = await createOffice(tenant);
    const first = await stamp(tenant.id);
    expect(first).not.toBeNull();
    const organisation = await createOrganisation(tenant);
    const category = await createCategory(tenant, { officeId: office.id });
    const before = (await stamp(tenant.id))!;
    expect(before).toBeGreaterThan(first!);
    const untouched = await stamp(b.id);

    const db = await getSystemDb();
    await db.execute(
      sql`update categories set name = 'Altro nome' where tenant_id = ${tenant.id} and id = ${category.id}`,
    );
    await db.execute(
      sql`update organisations set name = 'Ditta Nuova' where tenant_id = ${tenant.id} and id = ${organisation.id}`,
    );
    await db.execute(sql`delete from categories where tenant_id = ${tenant.id} and id = ${category.id}`);
    expect(await stamp(tenant.id)).toBe(before + 3);
    expect(await stamp(b.id)).toBe(untouched);
  });

  it("a comune reads and moves only its own stamp (row-level security)", async () => {
    await createCategory(b);
    const seen = await withTenant(a.id, async (tx) =>
      rowsOf<{ tenant_id: string }>(await tx.execute(sql`select tenant_id from catalog_stamps`)),
    );
    expect(seen.map((r) => r.tenant_id)).toEqual([a.id]);
    const bBefore = await stamp(b.id);
    const moved = await withTenant(a.id, async (tx) =>
      rowsOf(
        await tx.execute(
          sql`update catalog_stamps set stamp = stamp + 100 where tenant_id = ${b.id} returning tenant_id`,
        ),
      ),
    );
    expect(moved).toEqual([]);
    expect(await stamp(b.id)).toBe(bBefore);
    // Another comune's catalog never answers for this one: b's service codes are unknown on a's host.
    const [bService] = await services(b);
    const foreign = await file(bService!.service_code, "198.51.100.44");
    expect(foreign.status).toBe(404);
  });

  it("deleting a comune takes its stamp with it (the trigger creates nothing for a comune going away)", async () => {
    const tenant = await createTenant();
    const office = await createOffice(tenant);
    await createCategory(tenant, { officeId: office.id });
    expect(await stamp(tenant.id)).not.toBeNull();
    const db = await getSystemDb();
    await db.delete(tenants).where(eq(tenants.id, tenant.id));
    expect(await stamp(tenant.id)).toBeNull();
  });
});
