import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as filesGet } from "@/app/api/files/[id]/route";
import { geoJsonReply } from "@/lib/reports/geojson-endpoint";
import { closeDb } from "@/db/client";
import { reportEvents } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { getPublicReport } from "@/lib/reports/get-public-report";
import { linkToken } from "@/lib/reports/links";
import { listPublicReports } from "@/lib/reports/list-public";
import { getStorage } from "@/lib/storage";
import {
  createAttachment,
  createCategory,
  createOffice,
  createReport,
  createTenant,
  type Category,
  type Report,
  type Tenant,
} from "../../support/factories";

/** The endpoint as its Node entry point calls it (pages/api/reports/geojson.ts), answered as a Response. */
async function geojsonGet(request: Request): Promise<Response> {
  const reply = await geoJsonReply(request.method, request.url, request.headers);
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

let a: Tenant;
let b: Tenant;
let publicCat: Category;
let internalCat: Category;
let visible: Report;
let farAway: Report;
let privateReport: Report;
let internalReport: Report;
let bReport: Report;

const host = (t: Tenant) => `${t.slug}.${env.ROOT_DOMAIN}`;
function request(path: string, hostHeader: string) {
  return new Request(`http://127.0.0.1${path}`, { headers: { host: hostHeader } });
}
type Fc = { features: { properties: Record<string, unknown>; geometry: { coordinates: number[] } }[]; truncated: boolean };

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant({ centreLat: a.centreLat, centreLng: a.centreLng });
  const office = await createOffice(a, { name: "Ufficio Strade" });
  publicCat = await createCategory(a, { officeId: office.id, name: "Buche stradali" });
  internalCat = await createCategory(a, { visibility: "internal" });
  const bCat = await createCategory(b);
  visible = (await createReport(a, { categoryId: publicCat.id, title: "Buca in via Roma", reporterPhone: "3331234567" })).report;
  farAway = (await createReport(a, { categoryId: publicCat.id, lat: a.centreLat + 0.015, lng: a.centreLng + 0.015 })).report;
  privateReport = (await createReport(a, { categoryId: publicCat.id, isPublic: false })).report;
  internalReport = (await createReport(a, { categoryId: internalCat.id })).report;
  bReport = (await createReport(b, { categoryId: bCat.id })).report;
});
afterAll(closeDb);

describe("GET /api/reports/geojson", () => {
  const bbox = (t: Tenant, d = 0.005) => `${t.centreLng - d},${t.centreLat - d},${t.centreLng + d},${t.centreLat + d}`;

  it("returns only public reports of public categories, with public fields only", async () => {
    const res = await geojsonGet(request(`/api/reports/geojson?bbox=${bbox(a, 0.05)}&zoom=15`, host(a)));
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as Fc;
    const codes = body.features.map((f) => f.properties.code).sort();
    expect(codes).toEqual([visible.code, farAway.code].sort());
    expect(body.truncated).toBe(false);
    expect(Object.keys(body.features[0]!.properties).sort()).toEqual(["category", "categoryId", "code", "createdAt", "status", "title"]);
    for (const secret of ["Mario Rossi", "mario.rossi@example.it", "3331234567", "Buca profonda"]) expect(text).not.toContain(secret);
    const f = body.features.find((x) => x.properties.code === visible.code)!;
    expect(f.geometry.coordinates).toEqual([visible.lng, visible.lat]);
    expect(f.properties).toMatchObject({ title: "Buca in via Roma", status: "new", category: "Buche stradali" });
  });

  it("filters by bbox at street zoom, and drops the bbox at town zoom", async () => {
    const street = (await (await geojsonGet(request(`/api/reports/geojson?bbox=${bbox(a)}&zoom=15`, host(a)))).json()) as Fc;
    expect(street.features.map((f) => f.properties.code)).toEqual([visible.code]);
    const town = (await (await geojsonGet(request(`/api/reports/geojson?bbox=${bbox(a)}&zoom=9`, host(a)))).json()) as Fc;
    expect(town.features).toHaveLength(2);
  });

  it("filters by state and category", async () => {
    const closed = (await (await geojsonGet(request(`/api/reports/geojson?status=closed`, host(a)))).json()) as Fc;
    expect(closed.features).toHaveLength(0);
    const open = (await (await geojsonGet(request(`/api/reports/geojson?status=open&category=${publicCat.id}`, host(a)))).json()) as Fc;
    expect(open.features).toHaveLength(2);
    const otherCat = (await (await geojsonGet(request(`/api/reports/geojson?category=${internalCat.id}`, host(a)))).json()) as Fc;
    expect(otherCat.features).toHaveLength(0);
  });

  it("never shows comune A's reports under comune B's host; apex and unknown hosts are 404", async () => {
    const body = (await (await geojsonGet(request(`/api/reports/geojson?bbox=${bbox(a, 0.05)}&zoom=15`, host(b)))).json()) as Fc;
    expect(body.features.map((f) => f.properties.code)).toEqual([bReport.code]);
    expect((await geojsonGet(request(`/api/reports/geojson`, env.ROOT_DOMAIN))).status).toBe(404);
    expect((await geojsonGet(request(`/api/reports/geojson`, `atlantide-${randomUUID().slice(0, 6)}.${env.ROOT_DOMAIN}`))).status).toBe(404);
  });

  it("rejects a malformed bbox with 400", async () => {
    expect((await geojsonGet(request(`/api/reports/geojson?bbox=1,2,3`, host(a)))).status).toBe(400);
    const post = await geojsonGet(new Request(`http://127.0.0.1/api/reports/geojson`, { method: "POST", headers: { host: host(a) } }));
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect((await geojsonGet(request(`/api/reports/geojson?bbox=10,50,5,40`, host(a)))).status).toBe(400);
  });
});

describe("public list and report page", () => {
  it("lists the same public reports, with paging", async () => {
    const page1 = await listPublicReports(a, {}, 1, 1);
    expect(page1.total).toBe(2);
    expect(page1.pages).toBe(2);
    const page2 = await listPublicReports(a, {}, 2, 1);
    expect([page1.items[0]!.code, page2.items[0]!.code].sort()).toEqual([visible.code, farAway.code].sort());
  });

  it("shows a public report without reporter data; private and internal ones only with the view token", async () => {
    const page = await getPublicReport(a, visible.code);
    expect(page).toMatchObject({ code: visible.code, office: "Ufficio Strade", status: "new" });
    expect(JSON.stringify(page)).not.toMatch(/Mario Rossi|mario\.rossi|3331234567/);
    await expect(getPublicReport(a, privateReport.code)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPublicReport(a, internalReport.code)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPublicReport(a, privateReport.code, linkToken("view", visible.id))).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPublicReport(a, privateReport.code, linkToken("view", privateReport.id))).code).toBe(privateReport.code);
    await expect(getPublicReport(b, visible.code)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("hides internal and hidden timeline events", async () => {
    const db = await getSystemDb();
    await db.insert(reportEvents).values([
      { tenantId: a.id, reportId: visible.id, type: "internal_note", visibility: "internal", body: "nota interna" },
      { tenantId: a.id, reportId: visible.id, type: "comment", visibility: "public", body: "commento nascosto", hidden: true },
      { tenantId: a.id, reportId: visible.id, type: "public_reply", visibility: "public", body: "Interverremo", actorLabel: "Ufficio Strade" },
    ]);
    const page = await getPublicReport(a, visible.code);
    expect(page.timeline.map((e) => e.body)).toEqual([null, "Interverremo"]);
  });
});

describe("GET /api/files/<id>", () => {
  it("serves a public photo of a public report with its stored type, and 404s everything else", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const key = (id: string) => `${a.id}/test/${id}.jpg`;
    const make = async (reportId: string, extra: Record<string, unknown> = {}) => {
      const id = randomUUID();
      await getStorage().put(key(id), bytes);
      return createAttachment(a, { id, reportId, storageKey: key(id), ...extra });
    };
    const ok = await make(visible.id);
    const res = await filesGet(request(`/api/files/${ok.id}?size=full`, host(a)), { params: Promise.resolve({ id: ok.id }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toContain("max-age");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);

    const hidden = await make(visible.id, { hidden: true });
    const notPublic = await make(visible.id, { isPublic: false });
    const ofPrivate = await make(privateReport.id);
    const ofInternal = await make(internalReport.id);
    for (const att of [hidden, notPublic, ofPrivate, ofInternal]) {
      const r = await filesGet(request(`/api/files/${att.id}`, host(a)), { params: Promise.resolve({ id: att.id }) });
      expect(r.status).toBe(404);
    }
    // The reporter of the private report sees it with the view token.
    const withToken = await filesGet(request(`/api/files/${ofPrivate.id}?t=${linkToken("view", privateReport.id)}`, host(a)), {
      params: Promise.resolve({ id: ofPrivate.id }),
    });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get("cache-control")).toContain("no-store");
    // Another comune's host never serves it.
    const cross = await filesGet(request(`/api/files/${ok.id}`, host(b)), { params: Promise.resolve({ id: ok.id }) });
    expect(cross.status).toBe(404);
  });
});
