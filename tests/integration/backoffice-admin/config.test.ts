import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { categories, offices, organisations, reports, responseTemplates, tenants } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { deleteCategory } from "@/lib/config/delete-category";
import { deleteOffice } from "@/lib/config/delete-office";
import { deleteOrganisation } from "@/lib/config/delete-organisation";
import { deleteTemplate } from "@/lib/config/delete-template";
import { listConfig } from "@/lib/config/list-config";
import { moveCategory } from "@/lib/config/move-category";
import { saveCategory } from "@/lib/config/save-category";
import { saveOffice } from "@/lib/config/save-office";
import { saveOrganisation } from "@/lib/config/save-organisation";
import { saveTemplate } from "@/lib/config/save-template";
import { setCategoryActive } from "@/lib/config/set-category-active";
import { parseBoundary, updateArea } from "@/lib/config/update-area";
import { pointInPolygon } from "@/lib/geo/polygon";
import { updateTenantSettings } from "@/lib/config/update-tenant-settings";
import { createReport as createReportVerb } from "@/lib/reports/create-report";
import { createCategory, createOffice, createOrganisation, createReport, createTenant } from "../../support/factories";
import { auditRows, expectCode, staffCtx } from "./helpers";

describe("offices", () => {
  it("admin creates and renames an office, each with an audit row", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "admin");
    const { id } = await saveOffice({ ctx, input: { name: "Ufficio Verde", email: "Verde@Comune.it", headName: "Anna" } });
    await saveOffice({ ctx, input: { id, name: "Ufficio Verde pubblico", email: "verde@comune.it" } });
    const db = await getSystemDb();
    const [row] = await db.select().from(offices).where(eq(offices.id, id));
    expect(row).toMatchObject({ tenantId: tenant.id, name: "Ufficio Verde pubblico", email: "verde@comune.it", headName: null });
    expect(await auditRows(tenant.id, "office.create")).toHaveLength(1);
    expect((await auditRows(tenant.id, "office.update"))[0]).toMatchObject({ targetId: id, actorUserId: ctx.actor.userId });
  });

  it("another comune's office is not found; operators are forbidden; bad input is a validation error", async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    const foreign = await createOffice(other);
    const admin = await staffCtx(tenant, "admin");
    await expectCode(saveOffice({ ctx: admin, input: { id: foreign.id, name: "Preso" } }), "not_found");
    await expectCode(deleteOffice({ ctx: admin, input: { id: foreign.id } }), "not_found");
    const operator = await staffCtx(tenant, "operator");
    await expectCode(saveOffice({ ctx: operator, input: { name: "Nuovo" } }), "forbidden");
    await expectCode(deleteOffice({ ctx: operator, input: { id: foreign.id } }), "forbidden");
    const error = await expectCode(saveOffice({ ctx: admin, input: { name: "x", email: "non-email" } }), "validation");
    expect(error.fieldErrors).toMatchObject({ name: ["too_short"], email: ["email_invalid"] });
    const db = await getSystemDb();
    const [untouched] = await db.select().from(offices).where(eq(offices.id, foreign.id));
    expect(untouched!.name).toBe(foreign.name);
  });

  it("duplicate names conflict", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "admin");
    await saveOffice({ ctx, input: { name: "Anagrafe" } });
    await expectCode(saveOffice({ ctx, input: { name: "Anagrafe" } }), "name_taken");
  });

  it("an office with reports is deleted only by moving them (and its categories) to another office", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "admin");
    const office = await createOffice(tenant);
    const target = await createOffice(tenant);
    const category = await createCategory(tenant, { officeId: office.id });
    const { report } = await createReport(tenant, { categoryId: category.id });
    await expectCode(deleteOffice({ ctx, input: { id: office.id } }), "office_has_reports");
    await expectCode(deleteOffice({ ctx, input: { id: office.id, reassignToOfficeId: office.id } }), "validation");
    const result = await deleteOffice({ ctx, input: { id: office.id, reassignToOfficeId: target.id } });
    expect(result.reportsMoved).toBe(1);
    const db = await getSystemDb();
    expect((await db.select().from(reports).where(eq(reports.id, report.id)))[0]!.officeId).toBe(target.id);
    expect((await db.select().from(categories).where(eq(categories.id, category.id)))[0]!.defaultOfficeId).toBe(target.id);
    expect(await db.select().from(offices).where(eq(offices.id, office.id))).toHaveLength(0);
    expect((await auditRows(tenant.id, "office.delete"))[0]!.data).toMatchObject({ reportsMoved: 1, reassignedTo: target.id });
  });
});

describe("organisations", () => {
  it("CRUD with audit, in-use protection, other tenant and wrong role", async () => {
    const tenant = await createTenant();
    const admin = await staffCtx(tenant, "admin");
    const { id } = await saveOrganisation({ ctx: admin, input: { name: "Acquedotto Srl", kind: "utility" } });
    await saveOrganisation({ ctx: admin, input: { id, name: "Acquedotto Spa", kind: "utility", phone: "0172 1" } });
    const db = await getSystemDb();
    expect((await db.select().from(organisations).where(eq(organisations.id, id)))[0]).toMatchObject({ name: "Acquedotto Spa", phone: "0172 1" });
    await expectCode(saveOrganisation({ ctx: admin, input: { name: "X srl", kind: "bank" as never } }), "validation");
    const used = await createOrganisation(tenant);
    await staffCtx(tenant, "external", { organisationId: used.id });
    await expectCode(deleteOrganisation({ ctx: admin, input: { id: used.id } }), "organisation_in_use");
    await deleteOrganisation({ ctx: admin, input: { id } });
    expect(await db.select().from(organisations).where(eq(organisations.id, id))).toHaveLength(0);
    expect(await auditRows(tenant.id, "organisation.delete")).toHaveLength(1);
    const foreign = await createOrganisation(await createTenant());
    await expectCode(deleteOrganisation({ ctx: admin, input: { id: foreign.id } }), "not_found");
    await expectCode(saveOrganisation({ ctx: admin, input: { id: foreign.id, name: "Mia", kind: "school" } }), "not_found");
    const supervisor = await staffCtx(tenant, "supervisor");
    await expectCode(saveOrganisation({ ctx: supervisor, input: { name: "Scuola Rodari", kind: "school" } }), "forbidden");
  });
});

describe("categories", () => {
  it("builds a two-level tree with routing, SLA, notice and extra questions", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "admin");
    const office = await createOffice(tenant);
    const org = await createOrganisation(tenant);
    const { id: parent } = await saveCategory({ ctx, input: { name: "Strade", code: "STR" } });
    const { id: leaf } = await saveCategory({
      ctx,
      input: {
        parentId: parent,
        name: "Buca",
        nameEn: "Pothole",
        code: "STR-BUCA",
        defaultOfficeId: office.id,
        defaultOrganisationId: org.id,
        slaDays: 5,
        reportsPrivateByDefault: true,
        commentsEnabled: false,
        notice: "Per pericoli immediati chiama il 112",
        noticeBlocks: true,
        extraQuestions: [{ code: "profondita", label: "Quanto è profonda?", type: "select", required: true, options: ["Poco", "Molto"] }],
      },
    });
    const lists = await listConfig({ ctx });
    const root = lists.categories.find((c) => c.id === parent)!;
    expect(root.children.map((c) => c.id)).toEqual([leaf]);
    expect(root.children[0]).toMatchObject({
      defaultOfficeId: office.id,
      defaultOrganisationId: org.id,
      slaDays: 5,
      reportsPrivateByDefault: true,
      commentsEnabled: false,
      noticeBlocks: true,
      extraQuestions: [{ code: "profondita", type: "select", options: ["Poco", "Molto"] }],
    });
    // Three levels are refused; so is a parent with children becoming a child.
    await expectCode(saveCategory({ ctx, input: { parentId: leaf, name: "Troppo profonda" } }), "validation");
    const { id: other } = await saveCategory({ ctx, input: { name: "Verde" } });
    await expectCode(saveCategory({ ctx, input: { id: parent, parentId: other, name: "Strade" } }), "category_has_children");
    await expectCode(saveCategory({ ctx, input: { name: "Doppia", code: "STR" } }), "validation");
    expect(await auditRows(tenant.id, "category.create")).toHaveLength(3);
  });

  it("validates SLA, select options and the comune's own office", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "admin");
    const foreignOffice = await createOffice(await createTenant());
    const e1 = await expectCode(saveCategory({ ctx, input: { name: "Buca", slaDays: 400 } }), "validation");
    expect(e1.fieldErrors).toMatchObject({ slaDays: ["sla_invalid"] });
    const e2 = await expectCode(
      saveCategory({ ctx, input: { name: "Buca", extraQuestions: [{ code: "q", label: "Domanda", type: "select", required: false, options: ["uno"] }] } }),
      "validation",
    );
    expect(e2.fieldErrors).toHaveProperty("extraQuestions");
    const e3 = await expectCode(saveCategory({ ctx, input: { name: "Buca", defaultOfficeId: foreignOffice.id } }), "validation");
    expect(e3.fieldErrors).toMatchObject({ defaultOfficeId: ["invalid"] });
  });

  it("reorders siblings, deactivates with children, refuses deleting one with reports", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "admin");
    const { id: a } = await saveCategory({ ctx, input: { name: "Alfa" } });
    const { id: b } = await saveCategory({ ctx, input: { name: "Beta" } });
    const { id: child } = await saveCategory({ ctx, input: { name: "Beta figlia", parentId: b } });
    await moveCategory({ ctx, input: { id: b, direction: "up" } });
    let roots = (await listConfig({ ctx })).categories.map((c) => c.id);
    expect(roots).toEqual([b, a]);
    expect(await moveCategory({ ctx, input: { id: b, direction: "up" } })).toMatchObject({ moved: false });
    await setCategoryActive({ ctx, input: { id: b, active: false } });
    const db = await getSystemDb();
    const rows = await db.select().from(categories).where(eq(categories.tenantId, tenant.id));
    expect(rows.filter((r) => !r.active).map((r) => r.id).sort()).toEqual([b, child].sort());
    const { report } = await createReport(tenant, { categoryId: child });
    expect(report.categoryId).toBe(child);
    await expectCode(deleteCategory({ ctx, input: { id: child } }), "category_has_reports");
    await expectCode(deleteCategory({ ctx, input: { id: b } }), "category_has_children");
    await deleteCategory({ ctx, input: { id: a } });
    roots = (await listConfig({ ctx })).categories.map((c) => c.id);
    expect(roots).toEqual([b]);
    expect(await auditRows(tenant.id, "category.deactivate")).toHaveLength(1);
  });

  it("other comune → not found; wrong role → forbidden", async () => {
    const tenant = await createTenant();
    const foreign = await createCategory(await createTenant());
    const admin = await staffCtx(tenant, "admin");
    await expectCode(saveCategory({ ctx: admin, input: { id: foreign.id, name: "Presa" } }), "not_found");
    await expectCode(setCategoryActive({ ctx: admin, input: { id: foreign.id, active: false } }), "not_found");
    await expectCode(moveCategory({ ctx: admin, input: { id: foreign.id, direction: "down" } }), "not_found");
    await expectCode(deleteCategory({ ctx: admin, input: { id: foreign.id } }), "not_found");
    const politician = await staffCtx(tenant, "politician");
    await expectCode(saveCategory({ ctx: politician, input: { name: "Mia" } }), "forbidden");
    await expectCode(setCategoryActive({ ctx: politician, input: { id: foreign.id, active: true } }), "forbidden");
    await expectCode(listConfig({ ctx: politician }), "forbidden");
  });
});

describe("response templates", () => {
  it("CRUD with audit; other comune and wrong role refused", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "admin");
    const { id } = await saveTemplate({ ctx, input: { title: "Presa in carico", body: "Abbiamo preso in carico la segnalazione.", status: "acknowledged" } });
    await saveTemplate({ ctx, input: { id, title: "Presa in carico", body: "Testo nuovo della risposta.", status: "" } });
    const db = await getSystemDb();
    expect((await db.select().from(responseTemplates).where(eq(responseTemplates.id, id)))[0]).toMatchObject({ status: null, body: "Testo nuovo della risposta." });
    await expectCode(saveTemplate({ ctx, input: { title: "T", body: "corpo", status: "fixed" as never } }), "validation");
    const other = await createTenant();
    const otherAdmin = await staffCtx(other, "admin");
    await expectCode(deleteTemplate({ ctx: otherAdmin, input: { id } }), "not_found");
    await expectCode(saveTemplate({ ctx: otherAdmin, input: { id, title: "Mio", body: "Non è mio." } }), "not_found");
    await expectCode(deleteTemplate({ ctx: await staffCtx(tenant, "operator"), input: { id } }), "forbidden");
    await deleteTemplate({ ctx, input: { id } });
    expect(await db.select().from(responseTemplates).where(and(eq(responseTemplates.tenantId, tenant.id)))).toHaveLength(0);
    expect(await auditRows(tenant.id, "template.delete")).toHaveLength(1);
  });
});

describe("comune settings", () => {
  it("admin makes the second factor mandatory (audited); supervisor cannot", async () => {
    const tenant = await createTenant({ settings: { commentsEnabled: true } });
    const admin = await staffCtx(tenant, "admin");
    await updateTenantSettings({ ctx: admin, input: { mfaRequired: true } });
    const db = await getSystemDb();
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row!.settings).toEqual({ commentsEnabled: true, mfaRequired: true });
    expect(await auditRows(tenant.id, "settings.mfa")).toHaveLength(1);
    await expectCode(updateTenantSettings({ ctx: await staffCtx(tenant, "supervisor"), input: { mfaRequired: false } }), "forbidden");
  });

  it("admin sets the citizens' description limit and switches comments off; the limit is enforced", async () => {
    const tenant = await createTenant({ settings: { mfaRequired: true } });
    const admin = await staffCtx(tenant, "admin");
    await expectCode(updateTenantSettings({ ctx: admin, input: { descriptionMaxLength: 50 } }), "validation");
    await updateTenantSettings({ ctx: admin, input: { descriptionMaxLength: 300, commentsEnabled: false } });
    const db = await getSystemDb();
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row!.settings).toEqual({ mfaRequired: true, descriptionMaxLength: 300, commentsEnabled: false });
    expect(await auditRows(tenant.id, "settings.reports")).toHaveLength(1);
    await expectCode(updateTenantSettings({ ctx: await staffCtx(tenant, "operator"), input: { commentsEnabled: true } }), "forbidden");
    const office = await createOffice(row!);
    const category = await createCategory(row!, { officeId: office.id });
    const tooLong = createReportVerb({
      ctx: { tenant: row!, actor: { kind: "anonymous" } },
      input: {
        categoryId: category.id,
        lat: row!.centreLat,
        lng: row!.centreLng,
        description: "x".repeat(301),
        reporterEmail: "limite@example.com",
        privacyConsent: true,
      },
    });
    await expectCode(tooLong, "validation");
  });

  it("validates and stores the boundary with its bbox", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "admin");
    const { centreLat: lat, centreLng: lng } = tenant;
    const ring = [
      [lng - 0.1, lat - 0.05],
      [lng + 0.1, lat - 0.05],
      [lng + 0.1, lat + 0.05],
      [lng - 0.1, lat + 0.05],
      [lng - 0.1, lat - 0.05],
    ];
    await updateArea({ ctx, input: { geojson: JSON.stringify({ type: "Feature", geometry: { type: "Polygon", coordinates: [ring] } }) } });
    const db = await getSystemDb();
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row!.boundary!.coordinates[0]).toEqual(ring);
    expect(row!.bboxMaxLng).toBeCloseTo(lng + 0.1);
    expect(row!.bboxMinLat).toBeCloseTo(lat - 0.05);
    expect(await auditRows(tenant.id, "settings.area")).toHaveLength(1);
    const fails = (text: string) => {
      try {
        parseBoundary(text);
      } catch (e) {
        return (e as { fieldErrors?: Record<string, string[]> }).fieldErrors?.geojson?.[0];
      }
      return "accepted";
    };
    const polygon = (r: number[][]) => JSON.stringify({ type: "Polygon", coordinates: [r] });
    const scaled = (k: number) => ring.map(([x, y]) => [lng + (x! - lng) * k, lat + (y! - lat) * k]);
    expect(fails("{no")).toBe("geojson_invalid");
    expect(fails(JSON.stringify({ type: "Point", coordinates: [lng, lat] }))).toBe("geojson_not_polygon");
    expect(fails(JSON.stringify({ type: "Polygon", coordinates: [ring.slice(0, 4)] }))).toBe("ring_not_closed");
    expect(fails(JSON.stringify({ type: "Polygon", coordinates: [[[200, 1], [201, 1], [201, 2], [200, 1]]] }))).toBe("out_of_range");
    expect(fails(polygon(ring.map(([x, y]) => [y!, x!])))).toBe("outside_italy"); // lat and lng swapped
    expect(fails(polygon(scaled(20)))).toBe("area_too_large");
    expect(fails(polygon(scaled(0.005)))).toBe("area_too_small");
    expect(fails(JSON.stringify({ type: "MultiPolygon", coordinates: [[ring], [ring.map(([x, y]) => [x! + 0.3, y!])]] }))).toBe("accepted");
    await expectCode(updateArea({ ctx: await staffCtx(tenant, "operator"), input: { geojson: "{}" } }), "forbidden");
  });

  it("accepts a MultiPolygon and a boundary that moved away from the centre: the centre follows, inside it", async () => {
    const tenant = await createTenant();
    const ctx = await staffCtx(tenant, "admin");
    const { centreLat: lat, centreLng: lng } = tenant;
    // An island comune drawn 30 km east of the stored centre, plus a small islet further east.
    const square = (cx: number, cy: number, d: number) => [[cx - d, cy - d], [cx + d, cy - d], [cx + d, cy + d], [cx - d, cy + d], [cx - d, cy - d]];
    const island = square(lng + 0.4, lat, 0.05);
    const islet = square(lng + 0.6, lat, 0.01);
    const { centre } = await updateArea({ ctx, input: { geojson: JSON.stringify({ type: "MultiPolygon", coordinates: [[island], [islet]] }) } });
    expect(centre.lng).toBeCloseTo(lng + 0.4, 3); // inside the larger polygon
    const db = await getSystemDb();
    const [row] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(row).toMatchObject({ centreLat: centre.lat, centreLng: centre.lng });
    expect(row!.boundary!.type).toBe("MultiPolygon");
    expect(row!.bboxMaxLng).toBeCloseTo(lng + 0.61);
    expect(row!.bboxMinLng).toBeCloseTo(lng + 0.35);
    expect((await auditRows(tenant.id, "settings.area"))[0]!.data).toMatchObject({ type: "MultiPolygon", centre });

    // A C-shaped comune whose centroid falls outside it: the centre is still placed inside.
    const c = [[lng, lat], [lng + 0.1, lat], [lng + 0.1, lat + 0.02], [lng + 0.02, lat + 0.02], [lng + 0.02, lat + 0.08], [lng + 0.1, lat + 0.08], [lng + 0.1, lat + 0.1], [lng, lat + 0.1], [lng, lat]];
    const moved = await updateArea({ ctx, input: { geojson: JSON.stringify({ type: "Polygon", coordinates: [c] }) } });
    expect(pointInPolygon(moved.centre.lng, moved.centre.lat, moved.boundary)).toBe(true);

    // The admin may place the centre (the town hall) themselves, but only inside the area.
    const hall = { lat: lat + 0.09, lng: lng + 0.05 };
    expect((await updateArea({ ctx, input: { geojson: JSON.stringify({ type: "Polygon", coordinates: [c] }), centre: hall } })).centre).toEqual(hall);
    const outside = await expectCode(
      updateArea({ ctx, input: { geojson: JSON.stringify({ type: "Polygon", coordinates: [c] }), centre: { lat: lat + 0.05, lng: lng + 0.05 } } }),
      "validation",
    );
    expect(outside.fieldErrors).toEqual({ geojson: ["centre_outside"] });
  });
});
