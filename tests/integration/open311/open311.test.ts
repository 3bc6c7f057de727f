import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/open311/node-handler";
import { closeDb } from "@/db/client";
import { auditEvents, rateLimits, reportEvents, reportFollowers, reports } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import {
  createAttachment,
  createCategory,
  createOffice,
  createReport,
  createTenant,
  createTenantDomain,
  type Category,
  type Report,
  type Tenant,
} from "../../support/factories";
import {
  discoverySchema,
  errorsSchema,
  postResponseSchema,
  requestsSchema,
  schemaErrors,
  serviceDefinitionSchema,
  servicesSchema,
  tokenResponseSchema,
} from "./schemas";
import { issueKey, open311, open311Json, open311Xml } from "./support";
import { filedJobs } from "../../support/db";

type World = {
  a: Tenant;
  b: Tenant;
  buche: Category;
  lampioni: Category;
  internal: Category;
  privateCat: Category;
  group: Category;
  officeName: string;
  publicReport: Report;
  closedReport: Report;
  privateReport: Report;
  internalReport: Report;
  oldReport: Report;
  bReport: Report;
  key: string;
  bKey: string;
};
let w: World;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  const a = await createTenant();
  const b = await createTenant();
  const office = await createOffice(a, { name: "Ufficio Manutenzioni" });
  const group = await createCategory(a, { name: "Strade e marciapiedi" });
  const buche = await createCategory(a, {
    name: "Buche",
    nameEn: "Potholes",
    code: "BUCHE",
    parentId: group.id,
    officeId: office.id,
    description: "Buche nell'asfalto",
    notice: "Interveniamo entro 10 giorni lavorativi",
    extraQuestions: [
      { code: "profondita", label: "Profondità (cm)", type: "number", required: true },
      { code: "corsia", label: "Corsia", type: "select", required: false, options: ["destra", "sinistra"] },
      { code: "pericolo", label: "È pericolosa?", type: "boolean", required: false },
    ],
  });
  const lampioni = await createCategory(a, { name: "Lampioni", parentId: group.id, officeId: office.id });
  const internal = await createCategory(a, { name: "Interno URP", visibility: "internal", code: "INT" });
  const privateCat = await createCategory(a, { name: "Abusi", code: "ABUSI", reportsPrivateByDefault: true });
  const db = await getSystemDb();
  const { report: publicReport } = await createReport(a, {
    categoryId: buche.id,
    reporterEmail: "segreto@example.it",
    reporterName: "Mario Segreto",
    reporterPhone: "+39 333 0000000",
    dueAt: new Date(Date.now() + 10 * DAY),
  });
  await db.insert(reportEvents).values([
    { tenantId: a.id, reportId: publicReport.id, type: "internal_note", visibility: "internal", body: "Nota interna riservata" },
    { tenantId: a.id, reportId: publicReport.id, type: "public_reply", visibility: "public", body: "Sopralluogo fissato per lunedì" },
  ]);
  await createAttachment(a, { reportId: publicReport.id, isPublic: false });
  const photo = await createAttachment(a, { reportId: publicReport.id });
  const closedAt = new Date(Date.now() - DAY);
  const { report: closedReport } = await createReport(a, { categoryId: lampioni.id, status: "resolved", closedAt });
  const { report: privateReport } = await createReport(a, { categoryId: buche.id, isPublic: false });
  const { report: internalReport } = await createReport(a, { categoryId: internal.id });
  const { report: oldReport } = await createReport(a, { categoryId: lampioni.id, createdAt: new Date(Date.now() - 120 * DAY) });
  const bCategory = await createCategory(b, { name: "Buche B", code: "BUCHE" });
  const { report: bReport } = await createReport(b, { categoryId: bCategory.id });
  const key = (await issueKey(a)).key;
  const bKey = (await issueKey(b)).key;
  w = { a, b, buche, lampioni, internal, privateCat, group, officeName: office.name, publicReport, closedReport, privateReport, internalReport, oldReport, bReport, key, bKey };
  void photo;
});

afterAll(closeDb);

const at = () => ({ tenant: w.a });

describe("discovery", () => {
  it("describes this comune's endpoint in JSON and XML", async () => {
    const json = await open311Json(at(), "discovery.json");
    expect(json.status).toBe(200);
    expect(schemaErrors(discoverySchema, json.body)).toEqual([]);
    const body = json.body as { endpoints: { url: string }[]; contact: string };
    expect(body.endpoints[0]!.url).toBe(`http://${w.a.slug}.localhost:3000/open311/v2`);
    expect(body.contact).toContain(w.a.name);
    const xml = await open311Xml(at(), "discovery.xml");
    const d = xml.body.discovery as { endpoints: { endpoint: { formats: { format: string[] } }[] } };
    expect(d.endpoints.endpoint[0]!.formats.format).toEqual(["text/xml", "application/json"]);
  });

  it("is served on the shared endpoint without a jurisdiction", async () => {
    const json = await open311Json({ shared: true }, "discovery.json");
    expect(json.status).toBe(200);
    expect(schemaErrors(discoverySchema, json.body)).toEqual([]);
  });
});

describe("GET services", () => {
  it("lists public leaf categories with string codes, groups and metadata (JSON)", async () => {
    const { status, body } = await open311Json(at(), "services.json");
    expect(status).toBe(200);
    expect(schemaErrors(servicesSchema, body)).toEqual([]);
    const services = body as { service_code: string; service_name: string; group: string | null; metadata: boolean; keywords: string | null }[];
    const codes = services.map((s) => s.service_code).sort();
    expect(codes).toEqual(["ABUSI", "BUCHE", w.lampioni.id].sort());
    const buche = services.find((s) => s.service_code === "BUCHE")!;
    expect(buche).toMatchObject({ service_name: "Buche", group: "Strade e marciapiedi", metadata: true, type: "realtime" });
    expect(buche.keywords).toContain("Potholes");
    expect(services.find((s) => s.service_code === w.lampioni.id)!.metadata).toBe(false);
    // Internal-only categories and parents (groups) are not services.
    expect(codes).not.toContain("INT");
    expect(codes).not.toContain(w.group.id);
  });

  it("serves the same list as XML", async () => {
    const { status, body } = await open311Xml(at(), "services.xml");
    expect(status).toBe(200);
    const list = (body.services as { service: Record<string, string>[] }).service;
    expect(list.map((s) => s.service_code).sort()).toEqual(["ABUSI", "BUCHE", w.lampioni.id].sort());
    const buche = list.find((s) => s.service_code === "BUCHE")!;
    expect(buche).toMatchObject({ metadata: "true", type: "realtime", group: "Strade e marciapiedi" });
  });

  it("answers 404 for an unknown comune and on a suspended one", async () => {
    const missing = await open311Json({ tenant: { slug: "comune-inesistente" } }, "services.json");
    expect(missing.status).toBe(404);
    expect(schemaErrors(errorsSchema, missing.body)).toEqual([]);
    const suspended = await createTenant({ status: "suspended" });
    expect((await open311Xml({ tenant: suspended }, "services.xml")).status).toBe(404);
  });
});

describe("GET service definition", () => {
  it("turns extra questions into attributes (JSON)", async () => {
    const { status, body } = await open311Json(at(), "services/BUCHE.json");
    expect(status).toBe(200);
    expect(schemaErrors(serviceDefinitionSchema, body)).toEqual([]);
    const def = body as { service_code: string; attributes: { code: string; datatype: string; required: boolean; order: number; values: { key: string }[] }[] };
    expect(def.service_code).toBe("BUCHE");
    expect(def.attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ["profondita", "number", true, 1],
      ["corsia", "singlevaluelist", false, 2],
      ["pericolo", "singlevaluelist", false, 3],
    ]);
    expect(def.attributes[1]!.values.map((v) => v.key)).toEqual(["destra", "sinistra"]);
    expect(def.attributes[2]!.values.map((v) => v.key)).toEqual(["true", "false"]);
  });

  it("serves XML with nested attribute values", async () => {
    const { body } = await open311Xml(at(), "services/BUCHE.xml");
    const def = body.service_definition as { service_code: string; attributes: { attribute: { code: string; values: { value: { key: string }[] } | "" }[] } };
    expect(def.service_code).toBe("BUCHE");
    expect(def.attributes.attribute.map((a) => a.code)).toEqual(["profondita", "corsia", "pericolo"]);
    expect((def.attributes.attribute[1]!.values as { value: { key: string }[] }).value.map((v) => v.key)).toEqual(["destra", "sinistra"]);
  });

  it("answers 404 for unknown, internal or other comune's service codes, in both formats", async () => {
    for (const code of ["NOPE", "INT", w.group.id]) {
      const json = await open311Json(at(), `services/${code}.json`);
      expect(json.status).toBe(404);
      expect(schemaErrors(errorsSchema, json.body)).toEqual([]);
      expect((json.body as { code: number }[])[0]!.code).toBe(404);
    }
    const xml = await open311Xml({ tenant: w.b }, `services/${w.lampioni.id}.xml`);
    expect(xml.status).toBe(404);
    expect((xml.body.errors as { error: { code: string }[] }).error[0]!.code).toBe("404");
  });
});

describe("GET requests", () => {
  it("lists only public requests of visible categories in the last 90 days, without reporter data", async () => {
    const { status, body, text } = await open311Json(at(), "requests.json");
    expect(status).toBe(200);
    expect(schemaErrors(requestsSchema, body)).toEqual([]);
    const ids = (body as { service_request_id: string }[]).map((r) => r.service_request_id).sort();
    expect(ids).toEqual([w.publicReport.code, w.closedReport.code].sort());
    for (const secret of ["segreto@example.it", "Mario Segreto", "333 0000000", "Nota interna riservata"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("maps fields: status, notes, office, dates with timezone, media_url of the first public photo", async () => {
    const { body } = await open311Json(at(), "requests.json", { query: { service_request_id: w.publicReport.code } });
    const [r] = body as Record<string, unknown>[];
    expect(r).toMatchObject({
      service_request_id: w.publicReport.code,
      status: "open",
      status_notes: "Sopralluogo fissato per lunedì",
      service_name: "Buche",
      service_code: "BUCHE",
      agency_responsible: "Ufficio Manutenzioni",
      service_notice: "Interveniamo entro 10 giorni lavorativi",
      address: "Via Roma 12",
      lat: w.a.centreLat,
      long: w.a.centreLng,
    });
    expect(r!.requested_datetime).toMatch(/Z$/);
    expect(r!.expected_datetime).toMatch(/Z$/);
    expect(r!.media_url).toMatch(new RegExp(`^http://${w.a.slug}\\.localhost:3000/api/v1/photos/[0-9a-f-]{36}$`));
    const closed = await open311Json(at(), `requests/${w.closedReport.code}.json`);
    expect((closed.body as { status: string }[])[0]!.status).toBe("closed");
  });

  it("filters by status, service_code, dates and pages", async () => {
    const ids = async (query: Record<string, string>) =>
      ((await open311Json(at(), "requests.json", { query })).body as { service_request_id: string }[]).map((r) => r.service_request_id);
    expect(await ids({ status: "open" })).toEqual([w.publicReport.code]);
    expect(await ids({ status: "closed" })).toEqual([w.closedReport.code]);
    expect((await ids({ status: "open,closed" })).length).toBe(2);
    expect(await ids({ service_code: "BUCHE" })).toEqual([w.publicReport.code]);
    expect(await ids({ service_code: `BUCHE,${w.lampioni.id}` })).toHaveLength(2);
    expect(await ids({ service_code: "NOPE" })).toEqual([]);
    const start = new Date(Date.now() - 150 * DAY).toISOString();
    const end = new Date(Date.now() - 100 * DAY).toISOString();
    expect(await ids({ start_date: start, end_date: end })).toEqual([w.oldReport.code]);
    expect(await ids({ page_size: "1" })).toHaveLength(1);
    const [first] = await ids({ page_size: "1", page: "1" });
    const [second] = await ids({ page_size: "1", page: "2" });
    expect(first).not.toBe(second);
    expect(await ids({ page_size: "1", page: "3" })).toEqual([]);
  });

  it("service_request_id overrides other filters and never reveals private, internal or other comune's requests", async () => {
    const query = {
      service_request_id: [w.publicReport.code, w.privateReport.code, w.internalReport.code, w.bReport.code, w.oldReport.code].join(","),
      status: "closed",
    };
    const { body } = await open311Json(at(), "requests.json", { query });
    expect((body as { service_request_id: string }[]).map((r) => r.service_request_id).sort()).toEqual([w.oldReport.code, w.publicReport.code].sort());
  });

  it("serves XML with one request element per request", async () => {
    const { status, body } = await open311Xml(at(), "requests.xml", { query: { status: "open" } });
    expect(status).toBe(200);
    const list = (body.service_requests as { request: Record<string, string>[] }).request;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ service_request_id: w.publicReport.code, status: "open", service_code: "BUCHE", address_id: "" });
    expect(list[0]!.long).toBe(String(w.a.centreLng));
  });

  it("rejects bad arguments with 400 in both formats", async () => {
    const cases: Record<string, string>[] = [
      { status: "pending" },
      { start_date: "ieri" },
      { start_date: new Date(Date.now() - 200 * DAY).toISOString(), end_date: new Date().toISOString() },
      { start_date: new Date().toISOString(), end_date: new Date(Date.now() - DAY).toISOString() },
      { page_size: "0" },
    ];
    for (const query of cases) {
      const json = await open311Json(at(), "requests.json", { query });
      expect(json.status, JSON.stringify(query)).toBe(400);
      expect(schemaErrors(errorsSchema, json.body)).toEqual([]);
      const xml = await open311Xml(at(), "requests.xml", { query });
      expect(xml.status).toBe(400);
      expect((xml.body.errors as { error: { code: string; description: string }[] }).error[0]!.code).toBe("400");
    }
  });
});

describe("GET a single request", () => {
  it("returns the request in both formats", async () => {
    const json = await open311Json(at(), `requests/${w.publicReport.code}.json`);
    expect(json.status).toBe(200);
    expect(schemaErrors(requestsSchema, json.body)).toEqual([]);
    expect(json.body).toHaveLength(1);
    const xml = await open311Xml(at(), `requests/${w.publicReport.code}.xml`);
    expect((xml.body.service_requests as { request: { service_request_id: string }[] }).request[0]!.service_request_id).toBe(w.publicReport.code);
  });

  it("is 404 for private, internal-category, unknown and other comune's requests", async () => {
    for (const code of [w.privateReport.code, w.internalReport.code, "FOS-2026-999999", w.bReport.code]) {
      const json = await open311Json(at(), `requests/${code}.json`);
      expect(json.status, code).toBe(404);
      expect(schemaErrors(errorsSchema, json.body)).toEqual([]);
      expect((await open311Xml(at(), `requests/${code}.xml`)).status).toBe(404);
    }
    // …and comune B does not see A's request either.
    expect((await open311Json({ tenant: w.b }, `requests/${w.publicReport.code}.json`)).status).toBe(404);
    const bList = await open311Json({ tenant: w.b }, "requests.json");
    expect((bList.body as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([w.bReport.code]);
  });
});

describe("POST requests", () => {
  const valid = () => ({
    api_key: w.key,
    service_code: "BUCHE",
    lat: String(w.a.centreLat + 0.001),
    long: String(w.a.centreLng + 0.001),
    address_string: "Via Garibaldi 3",
    email: "Cittadina@Example.it",
    first_name: "Anna",
    last_name: "Bianchi",
    phone: "+39 0172 000000",
    description: "Buca larga mezzo metro sulla corsia di destra",
    "attribute[profondita]": "12",
    "attribute[corsia]": "destra",
    "attribute[pericolo]": "true",
  });

  it("files a normal report (channel open311), routed, with receipt and office notification queued", async () => {
    const { status, body } = await open311Json(at(), "requests.json", { form: valid() });
    expect(status).toBe(200);
    expect(schemaErrors(postResponseSchema, body)).toEqual([]);
    const [created] = body as { service_request_id: string; service_notice: string | null }[];
    expect(created!.service_request_id).toMatch(new RegExp(`^${w.a.codePrefix}-\\d{4}-\\d{6}$`));
    expect(created!.service_notice).toBe("Interveniamo entro 10 giorni lavorativi");
    const db = await getSystemDb();
    const [report] = await db.select().from(reports).where(and(eq(reports.tenantId, w.a.id), eq(reports.code, created!.service_request_id)));
    expect(report).toMatchObject({
      channel: "open311",
      categoryId: w.buche.id,
      officeId: w.buche.defaultOfficeId,
      status: "new",
      isPublic: true,
      reporterName: "Anna Bianchi",
      reporterEmail: "cittadina@example.it",
      reporterPhone: "+39 0172 000000",
      address: "Via Garibaldi 3",
      answers: { profondita: 12, corsia: "destra", pericolo: true },
    });
    expect(report!.dueAt).not.toBeNull();
    const followers = await db.select().from(reportFollowers).where(and(eq(reportFollowers.tenantId, w.a.id), eq(reportFollowers.reportId, report!.id)));
    expect(followers.map((f) => f.email)).toEqual(["cittadina@example.it"]);
    expect(Object.keys(await filedJobs(w.a.id, report!.id))).toEqual(["receipt", "office"]);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, w.a.id), eq(auditEvents.targetId, report!.id)));
    expect(audit[0]).toMatchObject({ actorKind: "api", action: "report.create" });
    // It is readable right away through GET, in XML too.
    const xml = await open311Xml(at(), `requests/${created!.service_request_id}.xml`);
    expect((xml.body.service_requests as { request: { service_code: string }[] }).request[0]!.service_code).toBe("BUCHE");
  });

  it("answers in XML and posts through the shared endpoint with jurisdiction_id", async () => {
    const xml = await open311Xml({ shared: true }, "requests.xml", { form: { ...valid(), jurisdiction_id: `${w.a.slug}.localhost:3000` } });
    expect(xml.status).toBe(200);
    const request = (xml.body.service_requests as { request: { service_request_id: string; account_id: string }[] }).request[0]!;
    expect(request.service_request_id).toMatch(new RegExp(`^${w.a.codePrefix}-`));
    expect(request.account_id).toBe("");
  });

  it("echoes a server token that GET tokens resolves in both formats; Idempotency-Key replays keep both", async () => {
    const headers = { "idempotency-key": "8f0c3f5e-2b1d-4c55-9d0e-4a4b2c1d0e9f" };
    const first = await open311Json(at(), "requests.json", { form: valid(), headers });
    const again = await open311Json(at(), "requests.json", { form: valid(), headers });
    const [created] = first.body as { service_request_id: string; token: string }[];
    expect(again.body).toEqual(first.body);
    expect(created!.token).toMatch(/^[0-9a-f]{32}[A-Za-z0-9_-]{32}$/);
    const other = await open311Json(at(), "requests.json", { form: valid() });
    expect((other.body as { token: string }[])[0]!.token).not.toBe(created!.token);

    const json = await open311Json(at(), `tokens/${created!.token}.json`);
    expect(json.status).toBe(200);
    expect(schemaErrors(tokenResponseSchema, json.body)).toEqual([]);
    expect(json.body).toEqual([{ service_request_id: created!.service_request_id, token: created!.token }]);
    const xml = await open311Xml(at(), `tokens/${created!.token}.xml`);
    expect((xml.body.service_requests as { request: unknown[] }).request[0]).toEqual({
      service_request_id: created!.service_request_id,
      token: created!.token,
    });
    // Unknown, forged (right id, wrong signature) and another comune's tokens are all 404.
    const forged = `${created!.token.slice(0, 32)}${"A".repeat(32)}`;
    for (const token of ["sconosciuto-123", forged, created!.token.slice(0, 32)]) {
      const miss = await open311Json(at(), `tokens/${token}.json`);
      expect(miss.status, token).toBe(404);
      expect(schemaErrors(errorsSchema, miss.body)).toEqual([]);
    }
    expect((await open311Xml({ tenant: w.b }, `tokens/${created!.token}.xml`)).status).toBe(404);
  });

  it("a private request's token is 404, like the request itself", async () => {
    const { body } = await open311Json(at(), "requests.json", { form: { ...valid(), service_code: "ABUSI" } });
    const [created] = body as { service_request_id: string; token: string }[];
    expect((await open311Json(at(), `requests/${created!.service_request_id}.json`)).status).toBe(404);
    expect((await open311Json(at(), `tokens/${created!.token}.json`)).status).toBe(404);
    expect((await open311Xml(at(), `tokens/${created!.token}.xml`)).status).toBe(404);
  });

  it("accepts a request without description (optional in the spec): stored empty, served as null", async () => {
    const form = valid() as Record<string, string>;
    delete form.description;
    const { status, body } = await open311Json(at(), "requests.json", { form });
    expect(status).toBe(200);
    const [created] = body as { service_request_id: string }[];
    const db = await getSystemDb();
    const [row] = await db.select().from(reports).where(and(eq(reports.tenantId, w.a.id), eq(reports.code, created!.service_request_id)));
    expect(row).toMatchObject({ description: "", channel: "open311", categoryId: w.buche.id });
    const json = await open311Json(at(), `requests/${created!.service_request_id}.json`);
    expect((json.body as { description: string | null }[])[0]!.description).toBeNull();
    const xml = await open311Xml(at(), `requests/${created!.service_request_id}.xml`);
    expect((xml.body.service_requests as { request: { description: string }[] }).request[0]!.description).toBe("");
    // A description that is sent still has to say something.
    const short = await open311Json(at(), "requests.json", { form: { ...valid(), description: "buca" } });
    expect(short.status).toBe(400);
  });

  it("rejects a missing, wrong, revoked or other comune's api_key with 403 and files nothing", async () => {
    const db = await getSystemDb();
    const before = (await db.select().from(reports).where(eq(reports.tenantId, w.a.id))).length;
    for (const api_key of ["", "pzk_sbagliata", w.bKey]) {
      const json = await open311Json(at(), "requests.json", { form: { ...valid(), api_key } });
      expect(json.status).toBe(403);
      expect(schemaErrors(errorsSchema, json.body)).toEqual([]);
      expect((await open311Xml(at(), "requests.xml", { form: { ...valid(), api_key } })).status).toBe(403);
    }
    expect((await db.select().from(reports).where(eq(reports.tenantId, w.a.id))).length).toBe(before);
  });

  it("accepts an address without coordinates: placed at the comune's centre, flagged for staff", async () => {
    const form = { ...valid(), idempotency: "" } as Record<string, string>;
    delete form.lat;
    delete form.long;
    delete form.idempotency;
    const { status, body } = await open311Json(at(), "requests.json", { form });
    expect(status).toBe(200);
    const [created] = body as { service_request_id: string }[];
    const db = await getSystemDb();
    const [row] = await db.select().from(reports).where(and(eq(reports.tenantId, w.a.id), eq(reports.code, created!.service_request_id)));
    expect([row!.lat, row!.lng]).toEqual([w.a.centreLat, w.a.centreLng]);
    expect(row!.address).toBe("Via Garibaldi 3");
    expect(row!.description).toBe(valid().description);
    const notes = await db.select().from(reportEvents).where(and(eq(reportEvents.tenantId, w.a.id), eq(reportEvents.reportId, row!.id), eq(reportEvents.type, "internal_note")));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ visibility: "internal", actorLabel: "App civica" });
    expect(notes[0]!.body).toContain("Posizione da verificare");
  });

  it("answers 400 for missing or invalid parameters and 404 for unknown services", async () => {
    const without = (name: string) => {
      const form = valid() as Record<string, string>;
      delete form[name];
      return form;
    };
    const cases: [Record<string, string>, number, string][] = [
      [without("service_code"), 400, "service_code"],
      [{ ...valid(), service_code: "INT" }, 404, "INT"],
      [{ ...valid(), service_code: "NOPE" }, 404, "NOPE"],
      [without("attribute[profondita]"), 400, "attribute[profondita]"],
      [{ ...valid(), "attribute[corsia]": "centro" }, 400, "attribute[corsia]"],
      [{ ...without("lat"), long: "", address_string: "" }, 400, "lat"],
      [without("lat"), 400, "lat"],
      [{ ...valid(), lat: "45.9", long: "9.1" }, 400, "territorio"],
      [{ ...valid(), description: "corta" }, 400, "10"],
      [{ ...valid(), media_url: "ftp://foto.example.org/1.jpg" }, 400, "media_url"],
      [{ ...valid(), media_url: `https://foto.example.org/${"x".repeat(2000)}.jpg` }, 400, "media_url"],
      [{ ...valid(), email: "non-una-email" }, 400, "email"],
    ];
    for (const [form, status, mention] of cases) {
      const json = await open311Json(at(), "requests.json", { form });
      expect(json.status, mention).toBe(status);
      expect(schemaErrors(errorsSchema, json.body)).toEqual([]);
      expect((json.body as { description: string }[])[0]!.description).toContain(mention);
    }
  });

  it("requires jurisdiction_id on the shared endpoint and 404s unknown ones", async () => {
    const missing = await open311Json({ shared: true }, "services.json");
    expect(missing.status).toBe(400);
    expect(schemaErrors(errorsSchema, missing.body)).toEqual([]);
    expect((await open311Xml({ shared: true }, "services.xml", { query: { jurisdiction_id: "atlantide" } })).status).toBe(404);
    const bySlug = await open311Json({ shared: true }, "services.json", { query: { jurisdiction_id: w.a.slug } });
    expect((bySlug.body as unknown[]).length).toBe(3);
    const domain = await createTenantDomain(w.b);
    const byDomain = await open311Json({ shared: true }, "requests.json", { query: { jurisdiction_id: domain.host } });
    expect((byDomain.body as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([w.bReport.code]);
    // On a comune's host, a jurisdiction_id naming another comune is not found.
    expect((await open311Json(at(), "services.json", { query: { jurisdiction_id: w.b.slug } })).status).toBe(404);
  });
});

describe("protocol edges", () => {
  it("404s unknown paths and paths without a format; 405 for POST on other resources", async () => {
    const bare = await open311Xml(at(), "services");
    expect(bare.status).toBe(404);
    expect((bare.body.errors as { error: { description: string }[] }).error[0]!.description).toContain("tokens/TOKEN");
    expect((await open311Json(at(), "foo.json")).status).toBe(404);
    const post = await open311Json(at(), "services.json", { form: { api_key: w.key } });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const other = await open311Json(at(), "requests.json", { method });
      expect(other.status).toBe(405);
      expect(schemaErrors(errorsSchema, other.body)).toEqual([]);
    }
  });

  it("answers HEAD like GET without a body, and a CORS preflight for cross-origin POSTs", async () => {
    const head = await open311(at(), "services.json", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.type).toBe("application/json; charset=utf-8");
    expect(head.text).toBe("");
    const preflight = await open311(at(), "requests.json", {
      method: "OPTIONS",
      headers: { origin: "https://app.example.org", "access-control-request-method": "POST", "access-control-request-headers": "idempotency-key" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Idempotency-Key");
  });

  it("decodes percent-encoded segments and 404s undecodable ones", async () => {
    const encoded = await open311Json(at(), `requests/${w.publicReport.code}%2Ejson`);
    expect((encoded.body as { service_request_id: string }[])[0]!.service_request_id).toBe(w.publicReport.code);
    expect((await open311(at(), "requests/%E0%A4%A.json")).status).toBe(404);
  });

  it("refuses a body over the limit with 413 — declared or streamed — and files nothing", async () => {
    const db = await getSystemDb();
    const count = async () => (await db.select({ id: reports.id }).from(reports).where(eq(reports.tenantId, w.a.id))).length;
    const before = await count();
    const form = { api_key: w.key, service_code: "BUCHE", lat: String(w.a.centreLat), long: String(w.a.centreLng), description: "Buca molto profonda" };
    const declared = await open311Json(at(), "requests.json", {
      body: new URLSearchParams(form).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(MAX_BODY_BYTES + 1) },
    });
    expect(declared.status).toBe(413);
    expect(schemaErrors(errorsSchema, declared.body)).toEqual([]);
    const padding = "x".repeat(MAX_BODY_BYTES);
    const streamed = await open311Json(at(), "requests.json", {
      body: `${new URLSearchParams(form).toString()}&first_name=${padding}`,
      headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
    });
    expect(streamed.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it("accepts multipart/form-data for its text fields", async () => {
    const data = new FormData();
    data.set("api_key", w.key);
    data.set("service_code", "LAMPIONI");
    data.set("service_code", w.lampioni.id);
    data.set("lat", String(w.a.centreLat));
    data.set("long", String(w.a.centreLng));
    data.set("description", "Lampione spento da tre sere");
    data.set("media", new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: "image/jpeg" }), "foto.jpg");
    const encoded = new Request("http://x.invalid", { method: "POST", body: data });
    const posted = await open311Json(at(), "requests.json", {
      body: Buffer.from(await encoded.arrayBuffer()),
      headers: { "content-type": encoded.headers.get("content-type")! },
    });
    expect(posted.status).toBe(200);
    const [created] = posted.body as { service_request_id: string }[];
    const db = await getSystemDb();
    const [row] = await db.select().from(reports).where(and(eq(reports.tenantId, w.a.id), eq(reports.code, created!.service_request_id)));
    expect(row!.description).toBe("Lampione spento da tre sere");
    expect(row!.categoryId).toBe(w.lampioni.id);
  });

  it("rate limits GETs per IP with 429 and Retry-After", async () => {
    const db = await getSystemDb();
    const ip = "203.0.113.77";
    await db.insert(rateLimits).values({ key: `${w.a.id}:open311:${ip}`, count: 10_000, windowStart: new Date() });
    const limited = await open311Json(at(), "services.json", { headers: { "x-forwarded-for": ip } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await open311Json(at(), "services.json", { headers: { "x-forwarded-for": "203.0.113.78" } })).status).toBe(200);
  });

  it("escapes user text in XML", async () => {
    const { report } = await createReport(w.a, { categoryId: w.lampioni.id, description: "Lampione <b>spento</b> & \u0007rotto" });
    const { text, body } = await open311Xml(at(), `requests/${report.code}.xml`);
    expect(text).toContain("Lampione &lt;b&gt;spento&lt;/b&gt; &amp; rotto");
    expect((body.service_requests as { request: { description: string }[] }).request[0]!.description).toBe("Lampione <b>spento</b> & rotto");
  });
});
