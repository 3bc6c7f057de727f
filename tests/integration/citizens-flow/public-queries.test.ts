import { describe, expect, it } from "vitest";
import { listPublicCategories } from "@/lib/categories/list-public-categories";
import { NotFoundError } from "@/lib/errors";
import { findNearbyReports } from "@/lib/reports/find-nearby";
import { getReceipt } from "@/lib/reports/get-receipt";
import { listKnownStreets } from "@/lib/reports/list-known-streets";
import { issueReceiptToken } from "@/lib/reports/receipt-token";
import { caught } from "../../support/db";
import { createCategory, createOffice, createReport, createTenant } from "../../support/factories";
import { anonymous } from "./helpers";

/** Metres → degrees of latitude, near enough for placing test reports. */
const north = (metres: number) => metres / 111_320;

describe("findNearbyReports", () => {
  it("returns open public reports of the same category within 250 m, newest first, without reporter data", async () => {
    const tenant = await createTenant();
    const buca = await createCategory(tenant, { name: "Buca" });
    const rifiuti = await createCategory(tenant, { name: "Rifiuti" });
    const { lat, lng } = { lat: tenant.centreLat, lng: tenant.centreLng };
    const old = await createReport(tenant, { categoryId: buca.id, lat: lat + north(100), lng, createdAt: new Date("2026-01-10T10:00:00Z"), title: "Buca vecchia" });
    const recent = await createReport(tenant, { categoryId: buca.id, lat: lat - north(200), lng, createdAt: new Date("2026-03-10T10:00:00Z"), publicTitle: "Buca in Via Roma", title: "Buca titolo originale" });
    await createReport(tenant, { categoryId: buca.id, lat: lat + north(300), lng }); // too far
    await createReport(tenant, { categoryId: buca.id, lat, lng, status: "resolved" }); // closed
    await createReport(tenant, { categoryId: buca.id, lat, lng, isPublic: false }); // private
    await createReport(tenant, { categoryId: rifiuti.id, lat, lng }); // other category

    const found = await findNearbyReports({ ctx: anonymous(tenant), input: { categoryId: buca.id, lat, lng } });
    expect(found.map((r) => r.code)).toEqual([recent.report.code, old.report.code]);
    expect(found[0]).toMatchObject({ title: "Buca in Via Roma", status: "new" });
    expect(found[0]!.distanceMetres).toBeGreaterThan(190);
    expect(found[0]!.distanceMetres).toBeLessThan(210);
    expect(JSON.stringify(found)).not.toContain("mario.rossi");
    expect(Object.keys(found[0]!)).not.toContain("reporterEmail");
  });

  it("another comune's category finds nothing (its reports never show here)", async () => {
    const tenant = await createTenant();
    const other = await createTenant({ centreLat: tenant.centreLat, centreLng: tenant.centreLng });
    const theirs = await createCategory(other);
    await createReport(other, { categoryId: theirs.id });
    const found = await findNearbyReports({ ctx: anonymous(tenant), input: { categoryId: theirs.id, lat: tenant.centreLat, lng: tenant.centreLng } });
    expect(found).toEqual([]);
  });

  it("bad input is a validation error", async () => {
    const tenant = await createTenant();
    expect(await caught(() => findNearbyReports({ ctx: anonymous(tenant), input: { categoryId: "non-un-uuid", lat: 200, lng: 7 } }))).toMatchObject({
      code: "validation",
      fieldErrors: { categoryId: ["category_required"] },
    });
  });
});

describe("listPublicCategories", () => {
  it("gives the two-level tree of public, active categories with their notices, nothing internal", async () => {
    const tenant = await createTenant();
    const strade = await createCategory(tenant, { name: "Strade", sortOrder: 1 });
    await createCategory(tenant, { name: "Buca", parentId: strade.id });
    await createCategory(tenant, { name: "Incidente", parentId: strade.id, notice: "Per emergenze chiamare il 112", noticeBlocks: true });
    await createCategory(tenant, { name: "Segreta", parentId: strade.id, visibility: "internal" });
    await createCategory(tenant, { name: "Vecchia", parentId: strade.id, active: false });
    const interna = await createCategory(tenant, { name: "Solo uffici", visibility: "internal" });
    await createCategory(tenant, { name: "Figlia di interna", parentId: interna.id });
    await createCategory(tenant, { name: "Altro", sortOrder: 2 });
    const other = await createTenant();
    await createCategory(other, { name: "Di un altro comune" });

    const tree = await listPublicCategories(tenant.id);
    expect(tree.map((g) => g.name)).toEqual(["Strade", "Altro"]);
    expect(tree[0]!.children.map((c) => c.name)).toEqual(["Buca", "Incidente"]);
    expect(tree[0]!.children[1]).toMatchObject({ notice: "Per emergenze chiamare il 112", noticeBlocks: true });
    expect(tree[1]!.children).toEqual([]);
  });
});

describe("listKnownStreets", () => {
  it("derives streets from public reports of public categories, civic numbers stripped, positions averaged", async () => {
    const tenant = await createTenant();
    const category = await createCategory(tenant);
    const internal = await createCategory(tenant, { visibility: "internal" });
    await createReport(tenant, { categoryId: internal.id, address: "Via del Deposito Comunale 1" });
    await createReport(tenant, { categoryId: category.id, address: "Via Roma 12", lat: 44.5, lng: 7.7 });
    await createReport(tenant, { categoryId: category.id, address: "Via Roma, 14B", lat: 44.6, lng: 7.8 });
    await createReport(tenant, { categoryId: category.id, address: "Piazza Castello", lat: 44.55, lng: 7.75 });
    await createReport(tenant, { categoryId: category.id, address: "Vicolo Nascosto 3", isPublic: false });
    const streets = await listKnownStreets(tenant.id);
    expect(streets.map((s) => s.name)).toEqual(["Piazza Castello", "Via Roma"]);
    expect(streets[1]!.lat).toBeCloseTo(44.55, 6);
    expect(streets[1]!.reports).toBe(2);
  });
});

describe("getReceipt", () => {
  it("shows the receipt to the browser holding the token, with office and due date", async () => {
    const tenant = await createTenant();
    const office = await createOffice(tenant, { name: "Ufficio Strade" });
    const category = await createCategory(tenant, { officeId: office.id, slaDays: 7 });
    const { report } = await createReport(tenant, { categoryId: category.id, dueAt: new Date("2026-05-01T10:00:00Z") });
    const receipt = await getReceipt({ ctx: anonymous(tenant), input: { code: report.code, token: issueReceiptToken(tenant.id, report.code) } });
    expect(receipt).toMatchObject({ code: report.code, office: "Ufficio Strade", slaDays: 7, reporterEmail: "mario.rossi@example.it" });
    expect(receipt.trackingUrl).toContain(`/segnalazioni/${report.code}`);
  });

  it("is not found without the token, with an expired token, or for another comune's report", async () => {
    const tenant = await createTenant();
    const category = await createCategory(tenant);
    const { report } = await createReport(tenant, { categoryId: category.id });
    const other = await createTenant();
    const ctx = anonymous(tenant);
    expect(await caught(() => getReceipt({ ctx, input: { code: report.code, token: undefined } }))).toBeInstanceOf(NotFoundError);
    const expired = issueReceiptToken(tenant.id, report.code, Date.now() - 2 * 3600 * 1000);
    expect(await caught(() => getReceipt({ ctx, input: { code: report.code, token: expired } }))).toBeInstanceOf(NotFoundError);
    const forOther = issueReceiptToken(other.id, report.code);
    expect(await caught(() => getReceipt({ ctx: anonymous(other), input: { code: report.code, token: forOther } }))).toBeInstanceOf(NotFoundError);
  });
});
