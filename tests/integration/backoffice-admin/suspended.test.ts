import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiKeys, auditEvents, invitations, memberships, offices, responseTemplates, tenants } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { deleteCategory } from "@/lib/config/delete-category";
import { deleteOffice } from "@/lib/config/delete-office";
import { deleteOrganisation } from "@/lib/config/delete-organisation";
import { deleteTemplate } from "@/lib/config/delete-template";
import { moveCategory } from "@/lib/config/move-category";
import { saveCategory } from "@/lib/config/save-category";
import { saveOffice } from "@/lib/config/save-office";
import { saveOrganisation } from "@/lib/config/save-organisation";
import { saveTemplate } from "@/lib/config/save-template";
import { setCategoryActive } from "@/lib/config/set-category-active";
import { updateArea } from "@/lib/config/update-area";
import { updateTenantSettings } from "@/lib/config/update-tenant-settings";
import type { Ctx, StaffActor } from "@/lib/context";
import { inviteStaff } from "@/lib/staff/invite-staff";
import { removeMember } from "@/lib/staff/remove-member";
import { revokeInvitation } from "@/lib/staff/revoke-invitation";
import { updateMember } from "@/lib/staff/update-member";
import { createCategory, createOffice, createOrganisation, createStaff, createTenant } from "../../support/factories";
import { expectCode, staffCtx } from "./helpers";

const square = (lng: number, lat: number, d = 0.05) =>
  JSON.stringify({
    type: "Polygon",
    coordinates: [[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]]],
  });

/**
 * A suspended comune's back office is read-only except billing: every configuration, staff and API-key
 * write refuses with "suspended" and changes nothing. The inputs are valid and point at real objects, so
 * each call would succeed on an active comune.
 */
describe("suspended comune", () => {
  it("refuses every configuration, staff and API-key write, leaving the data as it was", async () => {
    const tenant = await createTenant();
    const admin = await staffCtx(tenant, "admin");
    const office = await createOffice(tenant);
    const spare = await createOffice(tenant);
    const category = await createCategory(tenant, { officeId: office.id });
    const organisation = await createOrganisation(tenant);
    const { id: templateId } = await saveTemplate({ ctx: admin, input: { title: "Presa in carico", body: "Grazie della segnalazione." } });
    const { user: colleague } = await createStaff(tenant, "operator", { officeIds: [office.id] });
    const { id: invitationId } = await inviteStaff({ ctx: admin, input: { email: "nuovo@comune.example.it", role: "operator", officeIds: [office.id] } });
    const { id: keyId } = await createApiKey({ ctx: admin, input: { name: "App" } });

    const db = await getSystemDb();
    await db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, tenant.id));
    const ctx: Ctx<StaffActor> = { ...admin, tenant: { ...tenant, status: "suspended" } };
    const auditBefore = (await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id))).length;

    const writes: [string, () => Promise<unknown>][] = [
      ["saveOffice", () => saveOffice({ ctx, input: { id: office.id, name: "Rinominato" } })],
      ["deleteOffice", () => deleteOffice({ ctx, input: { id: spare.id } })],
      ["saveCategory", () => saveCategory({ ctx, input: { name: "Nuova categoria" } })],
      ["setCategoryActive", () => setCategoryActive({ ctx, input: { id: category.id, active: false } })],
      ["moveCategory", () => moveCategory({ ctx, input: { id: category.id, direction: "up" } })],
      ["deleteCategory", () => deleteCategory({ ctx, input: { id: category.id } })],
      ["saveOrganisation", () => saveOrganisation({ ctx, input: { name: "Impresa Nuova", kind: "contractor" } })],
      ["deleteOrganisation", () => deleteOrganisation({ ctx, input: { id: organisation.id } })],
      ["saveTemplate", () => saveTemplate({ ctx, input: { id: templateId, title: "Cambiato", body: "Testo cambiato." } })],
      ["deleteTemplate", () => deleteTemplate({ ctx, input: { id: templateId } })],
      ["updateTenantSettings", () => updateTenantSettings({ ctx, input: { commentsEnabled: false } })],
      ["updateArea", () => updateArea({ ctx, input: { geojson: square(tenant.centreLng, tenant.centreLat) } })],
      ["inviteStaff", () => inviteStaff({ ctx, input: { email: "altro@comune.example.it", role: "operator", officeIds: [office.id] } })],
      ["updateMember", () => updateMember({ ctx, input: { userId: colleague.id, role: "supervisor" } })],
      ["removeMember", () => removeMember({ ctx, input: { userId: colleague.id } })],
      ["revokeInvitation", () => revokeInvitation({ ctx, input: { id: invitationId } })],
      ["createApiKey", () => createApiKey({ ctx, input: { name: "Altra app" } })],
      ["revokeApiKey", () => revokeApiKey({ ctx, input: { id: keyId } })],
    ];
    for (const [name, write] of writes) {
      await expect(expectCode(write(), "suspended"), name).resolves.toBeDefined();
    }

    expect((await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id))).length).toBe(auditBefore);
    expect((await db.select().from(offices).where(eq(offices.id, office.id)))[0]!.name).toBe(office.name);
    expect(await db.select().from(offices).where(eq(offices.id, spare.id))).toHaveLength(1);
    expect((await db.select().from(responseTemplates).where(eq(responseTemplates.id, templateId)))[0]!.title).toBe("Presa in carico");
    expect((await db.select().from(memberships).where(eq(memberships.userId, colleague.id)))[0]!.role).toBe("operator");
    expect((await db.select().from(invitations).where(eq(invitations.tenantId, tenant.id)))).toHaveLength(1);
    expect((await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenant.id))).map((k) => k.revokedAt)).toEqual([null]);
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row!.boundary).toEqual(tenant.boundary);
    expect(row!.settings).toEqual(tenant.settings);
  });
});
