import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { rateLimits, reportEvents } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { GET as docsAsset } from "@/app/api/docs/[asset]/route";
import { GET as docs } from "@/app/api/docs/route";
import * as openapiModule from "@/app/api/openapi.json/route";
import * as unknownPath from "@/app/api/v1/[...path]/route";
import * as categoriesModule from "@/app/api/v1/categories/route";
import * as photoModule from "@/app/api/v1/photos/[id]/route";
import * as reportModule from "@/app/api/v1/reports/[code]/route";
import * as updatesModule from "@/app/api/v1/reports/[code]/updates/route";
import * as statsModule from "@/app/api/v1/stats/route";
import { createAttachment, createCategory, createOffice, createReport, createTenant, type Tenant } from "../../support/factories";

const openapi = openapiModule.GET;
const categoriesRoute = categoriesModule.GET;
const photoRoute = photoModule.GET;
const reportRoute = reportModule.GET;
const updatesRoute = updatesModule.GET;
const statsRoute = statsModule.GET;
const req = (host: string, path: string) => new Request(`http://127.0.0.1${path}`, { headers: { host } });
const hostOf = (t: Pick<Tenant, "slug">) => `${t.slug}.localhost:3000`;
const params = <T,>(p: T) => ({ params: Promise.resolve(p) });

let a: Tenant;
let b: Tenant;
let publicCode: string;
let privateCode: string;
let internalCode: string;
let bCode: string;
let publicPhotoId: string;
let privatePhotoId: string;
let doc: Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

function validateAgainst(component: string, data: unknown) {
  const validate = ajv.getSchema(`https://piazza.test/openapi#/components/schemas/${component}`)!;
  return validate(data) ? [] : validate.errors;
}

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  const office = await createOffice(a, { name: "Ufficio Verde" });
  const parent = await createCategory(a, { name: "Verde pubblico", code: "VERDE" });
  const leaf = await createCategory(a, { name: "Alberi", code: "ALBERI", parentId: parent.id, officeId: office.id });
  const internal = await createCategory(a, { name: "Riservata", visibility: "internal" });
  await createCategory(a, { name: "Figlia di riservata", parentId: internal.id });
  const now = Date.now();
  const { report } = await createReport(a, {
    categoryId: leaf.id,
    status: "resolved",
    reporterEmail: "nascosto@example.it",
    acknowledgedAt: new Date(now - 2 * 86400_000),
    resolvedAt: new Date(now - 86400_000),
    createdAt: new Date(now - 3 * 86400_000),
  });
  publicCode = report.code;
  const db = await getSystemDb();
  await db.insert(reportEvents).values([
    { tenantId: a.id, reportId: report.id, type: "status_changed", visibility: "public", fromStatus: "new", toStatus: "acknowledged", actorLabel: "Ufficio Verde", createdAt: new Date(now + 1000) },
    { tenantId: a.id, reportId: report.id, type: "internal_note", visibility: "internal", body: "Nota interna" },
    { tenantId: a.id, reportId: report.id, type: "comment", visibility: "public", body: "Commento di Anna Bianchi" },
    { tenantId: a.id, reportId: report.id, type: "public_reply", visibility: "public", body: "Albero potato", actorLabel: "Ufficio Verde", createdAt: new Date(now + 2000) },
  ]);
  publicPhotoId = (await createAttachment(a, { reportId: report.id })).id;
  const { report: priv } = await createReport(a, { categoryId: leaf.id, isPublic: false });
  privateCode = priv.code;
  privatePhotoId = (await createAttachment(a, { reportId: priv.id })).id;
  internalCode = (await createReport(a, { categoryId: internal.id })).report.code;
  const bCat = await createCategory(b, { name: "B" });
  bCode = (await createReport(b, { categoryId: bCat.id })).report.code;
  doc = (await (await openapi(req(hostOf(a), "/api/openapi.json"))).json()) as Record<string, unknown>;
  ajv.addSchema({ ...doc, $id: "https://piazza.test/openapi" });
});

afterAll(closeDb);

async function problem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  const body = (await response.json()) as { status: number; title: string; type: string };
  expect(body.status).toBe(status);
  expect(validateAgainst("Problem", body)).toEqual([]);
  return body;
}

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document with the comune's server URL", async () => {
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    expect((doc.servers as { url: string }[])[0]!.url).toBe(`http://${hostOf(a)}/api/v1`);
  });

  it("is 404 problem+json on the apex and on unknown comuni", async () => {
    await problem(await openapi(req("localhost:3000", "/api/openapi.json")), 404);
    await problem(await openapi(req("nessuno.localhost:3000", "/api/openapi.json")), 404);
  });

  it("has a browsable docs page served without any CDN", async () => {
    const page = await docs(req(hostOf(a), "/api/docs"));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<html lang="it">`);
    expect(html).toContain(a.name);
    expect(html).not.toMatch(/https?:\/\/(?!127)/);
    const bundle = await docsAsset(req(hostOf(a), "/api/docs/swagger-ui-bundle.js"), params({ asset: "swagger-ui-bundle.js" }));
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await docsAsset(req(hostOf(a), "/x"), params({ asset: "../../package.json" }))).status).toBe(404);
  });
});

describe("GET /api/v1/categories", () => {
  it("returns the public tree only, valid against the document", async () => {
    const res = await categoriesRoute(req(hostOf(a), "/api/v1/categories"));
    expect(res.status).toBe(200);
    const tree = (await res.json()) as { serviceCode: string; name: string; children: { serviceCode: string }[] }[];
    expect(ajv.validate({ type: "array", items: { $ref: "https://piazza.test/openapi#/components/schemas/Category" } }, tree)).toBe(true);
    expect(tree.map((c) => c.serviceCode)).toEqual(["VERDE"]);
    expect(tree[0]!.children.map((c) => c.serviceCode)).toEqual(["ALBERI"]);
    expect(JSON.stringify(tree)).not.toContain("Riservata");
  });
});

describe("GET /api/v1/reports/{code} and /updates", () => {
  it("returns public fields only", async () => {
    const res = await reportRoute(req(hostOf(a), `/api/v1/reports/${publicCode}`), params({ code: publicCode }));
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(validateAgainst("Report", body)).toEqual([]);
    expect(body).toMatchObject({ code: publicCode, status: "resolved", open: false, office: "Ufficio Verde", category: { serviceCode: "ALBERI" } });
    expect(body.photos).toEqual([`http://${hostOf(a)}/api/v1/photos/${publicPhotoId}`]);
    expect(text).not.toContain("nascosto@example.it");
    expect(text).not.toContain("Mario Rossi");
  });

  it("timeline: creation, state changes and public replies; never internal notes or comments", async () => {
    const res = await updatesRoute(req(hostOf(a), `/api/v1/reports/${publicCode}/updates`), params({ code: publicCode }));
    const events = (await res.json()) as { type: string; body: string | null; author: string | null }[];
    expect(ajv.validate({ type: "array", items: { $ref: "https://piazza.test/openapi#/components/schemas/ReportUpdate" } }, events)).toBe(true);
    expect(events.map((e) => e.type)).toEqual(["created", "status_changed", "public_reply"]);
    expect(events[2]).toMatchObject({ body: "Albero potato", author: "Ufficio Verde" });
    expect(JSON.stringify(events)).not.toMatch(/Nota interna|Anna Bianchi/);
  });

  it("private, internal-category, unknown and other comune's reports are 404 problem+json", async () => {
    for (const code of [privateCode, internalCode, "XXX-2026-000001", bCode]) {
      await problem(await reportRoute(req(hostOf(a), `/api/v1/reports/${code}`), params({ code })), 404);
      await problem(await updatesRoute(req(hostOf(a), `/api/v1/reports/${code}/updates`), params({ code })), 404);
    }
  });
});

describe("GET /api/v1/stats", () => {
  it("counts public-category reports of the last 90 days with median times", async () => {
    const res = await statsRoute(req(hostOf(a), "/api/v1/stats"));
    const stats = await res.json();
    expect(validateAgainst("Stats", stats)).toEqual([]);
    expect(stats.total).toBe(2);
    expect(stats.byStatus).toEqual({ resolved: 1, new: 1 });
    expect(stats.byCategory).toEqual([{ serviceCode: "ALBERI", name: "Alberi", count: 2 }]);
    expect(stats.medianDaysToAcknowledge).toBe(1);
    expect(stats.medianDaysToResolve).toBe(2);
    const bStats = await (await statsRoute(req(hostOf(b), "/api/v1/stats"))).json();
    expect(bStats.total).toBe(1);
  });
});

describe("GET /api/v1/photos/{id}", () => {
  it("never serves a private report's photo nor another comune's", async () => {
    await problem(await photoRoute(req(hostOf(a), "/p"), params({ id: privatePhotoId })), 404);
    await problem(await photoRoute(req(hostOf(b), "/p"), params({ id: publicPhotoId })), 404);
    await problem(await photoRoute(req(hostOf(a), "/p"), params({ id: "non-un-id" })), 404);
  });
});

describe("errors are always problem+json", () => {
  it("unknown paths under /api/v1 are 404 problem+json, whatever the method", async () => {
    for (const [method, handler] of Object.entries(unknownPath).filter(([name]) => name !== "dynamic")) {
      const request = new Request("http://127.0.0.1/api/v1/segnalazioni/x", { method, headers: { host: hostOf(a) } });
      const response = await (handler as (r: Request) => Response)(request);
      expect(response.status, method).toBe(404);
      if (method === "HEAD") continue;
      const body = await problem(response, 404);
      expect(body.title).toBe("Risorsa non trovata");
    }
  });

  it("other methods on every resource are 405 problem+json with Allow", async () => {
    const modules = [openapiModule, categoriesModule, photoModule, reportModule, updatesModule, statsModule];
    for (const route of modules) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
        const request = new Request(`http://127.0.0.1/api/v1/stats`, { method, headers: { host: hostOf(a), "accept-language": "en" } });
        const response = route[method](request);
        const body = await problem(response, 405);
        expect(body.title).toBe("Method not allowed");
        expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      }
    }
  });

  it("rate-limited responses carry CORS and expose Retry-After", async () => {
    const db = await getSystemDb();
    const ip = "192.0.2.99";
    await db.insert(rateLimits).values({ key: `${a.id}:api:${ip}`, count: 100_000, windowStart: new Date() });
    const response = await statsRoute(new Request("http://127.0.0.1/api/v1/stats", { headers: { host: hostOf(a), "x-forwarded-for": ip } }));
    await problem(response, 429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.headers.get("access-control-expose-headers")).toContain("Retry-After");
  });
});
