import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { createAttachment, createCategory, createReport, createTenant, type Report, type Tenant } from "../../support/factories";
import { discoverySchema, errorsSchema, requestsSchema, schemaErrors, serviceDefinitionSchema, tokenResponseSchema } from "./schemas";
import { issueKey, open311, open311Json, open311Xml } from "./support";

let a: Tenant;
let b: Tenant;
let report: Report;
let apiKey: string;
const host = (t: Pick<Tenant, "slug">) => `${t.slug}.localhost:3000`;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  const group = await createCategory(a, { name: "Illuminazione" });
  const lampioni = await createCategory(a, {
    name: "Lampioni",
    code: "LAMPIONI",
    parentId: group.id,
    notice: "Interveniamo entro 5 giorni",
    extraQuestions: [
      { code: "palo", label: "Numero del palo", type: "text", required: true },
      { code: "acceso", label: "Resta acceso di giorno?", type: "boolean", required: false },
    ],
  });
  ({ report } = await createReport(a, { categoryId: lampioni.id, dueAt: new Date(Date.now() + 86400_000) }));
  await createAttachment(a, { reportId: report.id });
  await createCategory(b, { name: "Lampioni B", code: "LAMPIONI" });
  apiKey = (await issueKey(a)).key;
});

afterAll(closeDb);

const shared = { shared: true } as const;
const inA = () => ({ jurisdiction_id: a.slug });

describe("shared endpoint (ROOT_DOMAIN/open311/v2) with jurisdiction_id", () => {
  it("serves a service definition and a single request, with links on the comune's own host", async () => {
    const def = await open311Json(shared, "services/LAMPIONI.json", { query: inA() });
    expect(def.status).toBe(200);
    expect(schemaErrors(serviceDefinitionSchema, def.body)).toEqual([]);
    expect((def.body as { attributes: { code: string }[] }).attributes.map((x) => x.code)).toEqual(["palo", "acceso"]);
    const one = await open311Json(shared, `requests/${report.code}.json`, { query: { jurisdiction_id: host(a) } });
    expect(one.status).toBe(200);
    expect(schemaErrors(requestsSchema, one.body)).toEqual([]);
    const [request] = one.body as { service_request_id: string; media_url: string }[];
    expect(request!.service_request_id).toBe(report.code);
    expect(request!.media_url.startsWith(`http://${host(a)}/api/v1/photos/`)).toBe(true);
    const xml = await open311Xml(shared, `requests/${report.code}.xml`, { query: inA() });
    expect((xml.body.service_requests as { request: { service_request_id: string }[] }).request[0]!.service_request_id).toBe(report.code);
    // The same code under comune B's jurisdiction is not found.
    expect((await open311Json(shared, `requests/${report.code}.json`, { query: { jurisdiction_id: b.slug } })).status).toBe(404);
  });

  it("posts and resolves the token through the shared endpoint, in both formats", async () => {
    const form = { api_key: apiKey, jurisdiction_id: a.slug, service_code: "LAMPIONI", lat: String(a.centreLat), long: String(a.centreLng), "attribute[palo]": "P-17" };
    const posted = await open311Xml(shared, "requests.xml", { form });
    expect(posted.status).toBe(200);
    const created = (posted.body.service_requests as { request: { service_request_id: string; token: string }[] }).request[0]!;
    const json = await open311Json(shared, `tokens/${created.token}.json`, { query: inA() });
    expect(schemaErrors(tokenResponseSchema, json.body)).toEqual([]);
    expect(json.body).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
    const xml = await open311Xml(shared, `tokens/${created.token}.xml`, { query: { jurisdiction_id: host(a) } });
    expect((xml.body.service_requests as { request: { service_request_id: string }[] }).request[0]!.service_request_id).toBe(created.service_request_id);
    expect((await open311Json(shared, `tokens/${created.token}.json`, { query: { jurisdiction_id: b.slug } })).status).toBe(404);
  });

  it("discovery with jurisdiction_id points at the comune's own host", async () => {
    const json = await open311Json(shared, "discovery.json", { query: inA() });
    expect(schemaErrors(discoverySchema, json.body)).toEqual([]);
    const body = json.body as { contact: string; key_service: string; endpoints: { url: string }[] };
    expect(body.endpoints[0]!.url).toBe(`http://${host(a)}/open311/v2`);
    expect(body.contact).toContain(`http://${host(a)}`);
    expect(body.key_service).toContain(`http://${host(a)}/ufficio/impostazioni/api`);
    const plain = await open311Json(shared, "discovery.json");
    expect((plain.body as { endpoints: { url: string }[] }).endpoints[0]!.url).toBe("http://localhost:3000/open311/v2");
    expect((await open311Xml(shared, "discovery.xml", { query: { jurisdiction_id: "atlantide" } })).status).toBe(404);
  });

  it("answers 400 without jurisdiction_id for every comune resource, in XML and JSON", async () => {
    const paths = ["services", "services/LAMPIONI", "requests", `requests/${report.code}`, "tokens/abc"];
    for (const path of paths) {
      const xml = await open311Xml(shared, `${path}.xml`);
      expect(xml.status, path).toBe(400);
      const error = (xml.body.errors as { error: { code: string; description: string }[] }).error[0]!;
      expect(error.code).toBe("400");
      expect(error.description).toContain("jurisdiction_id");
      const json = await open311Json(shared, `${path}.json`);
      expect(json.status, path).toBe(400);
      expect(schemaErrors(errorsSchema, json.body)).toEqual([]);
    }
    const post = await open311Xml(shared, "requests.xml", { form: { api_key: apiKey, service_code: "LAMPIONI" } });
    expect(post.status).toBe(400);
  });

  it("on a comune's own host, a jurisdiction_id naming that same comune (slug or host) is accepted", async () => {
    for (const jurisdiction_id of [a.slug, host(a), `https://${host(a)}/`]) {
      const r = await open311Json({ tenant: a }, `requests/${report.code}.json`, { query: { jurisdiction_id } });
      expect(r.status, jurisdiction_id).toBe(200);
    }
    expect((await open311Json({ tenant: a }, "services.json", { query: { jurisdiction_id: host(b) } })).status).toBe(404);
  });

  it("the vendor console's host and unknown hosts serve no API, whatever jurisdiction_id says", async () => {
    for (const where of [{ host: "admin.localhost:3000" }, { host: `x.${a.slug}.localhost:3000` }]) {
      for (const path of ["discovery.json", "services.json", `requests/${report.code}.json`]) {
        const r = await open311Json(where, path, { query: { jurisdiction_id: a.slug } });
        expect(r.status, `${where.host} ${path}`).toBe(404);
        expect(r.text).not.toContain(report.code);
      }
      const post = await open311Json(where, "requests.json", { form: { api_key: apiKey, jurisdiction_id: a.slug, service_code: "LAMPIONI" } });
      expect(post.status).toBe(404);
    }
  });
});

/**
 * Element names and order of the XML documents, as the GeoReport v2 specification lists the fields.
 * preserveOrder keeps document order, which a plain object parse would lose.
 */
type Node = Record<string, Node[] | string>;
const ordered = new XMLParser({ preserveOrder: true, ignoreDeclaration: true, parseTagValue: false });
const tagOf = (node: Node) => Object.keys(node).find((k) => k !== ":@" && k !== "#text")!;
const children = (node: Node) => (node[tagOf(node)] as Node[]).filter((n) => tagOf(n) !== undefined);
const names = (node: Node) => children(node).map(tagOf);
async function root(...args: Parameters<typeof open311>) {
  const r = await open311(...args);
  expect(r.type).toBe("text/xml; charset=utf-8");
  expect(r.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const [doc] = ordered.parse(r.text) as Node[];
  return doc!;
}

const REQUEST_FIELDS = [
  "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
  "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
  "lat", "long", "media_url",
];

describe("XML documents: full element set and order of the specification", () => {
  it("<discovery> and its <endpoint>", async () => {
    const doc = await root({ tenant: a }, "discovery.xml");
    expect(tagOf(doc)).toBe("discovery");
    expect(names(doc)).toEqual(["changeset", "contact", "key_service", "endpoints"]);
    const endpoints = children(doc)[3]!;
    const endpoint = children(endpoints)[0]!;
    expect(names(endpoints)).toEqual(["endpoint"]);
    expect(names(endpoint)).toEqual(["specification", "url", "changeset", "type", "formats"]);
    expect(names(children(endpoint)[4]!)).toEqual(["format", "format"]);
  });

  it("<services> of <service>", async () => {
    const doc = await root({ tenant: a }, "services.xml");
    expect(tagOf(doc)).toBe("services");
    expect(names(doc)).toEqual(["service"]);
    expect(names(children(doc)[0]!)).toEqual(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]);
  });

  it("<service_definition> with <attribute> and <value>", async () => {
    const doc = await root({ tenant: a }, "services/LAMPIONI.xml");
    expect(names(doc)).toEqual(["service_code", "attributes"]);
    const attributes = children(children(doc)[1]!);
    expect(attributes.map(tagOf)).toEqual(["attribute", "attribute"]);
    const fields = ["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"];
    for (const attribute of attributes) expect(names(attribute)).toEqual(fields);
    const values = children(children(attributes[1]!)[7]!);
    expect(values.map(tagOf)).toEqual(["value", "value"]);
    expect(names(values[0]!)).toEqual(["key", "name"]);
  });

  it("<service_requests> of <request> for GET requests, a single request, POST and tokens", async () => {
    const list = await root({ tenant: a }, "requests.xml");
    expect(tagOf(list)).toBe("service_requests");
    expect(names(children(list)[0]!)).toEqual(REQUEST_FIELDS);
    const one = await root({ tenant: a }, `requests/${report.code}.xml`);
    expect(names(one)).toEqual(["request"]);
    expect(names(children(one)[0]!)).toEqual(REQUEST_FIELDS);

    const form = { api_key: apiKey, service_code: "LAMPIONI", lat: String(a.centreLat), long: String(a.centreLng), "attribute[palo]": "P-18" };
    const posted = await root({ tenant: a }, "requests.xml", { form });
    expect(tagOf(posted)).toBe("service_requests");
    const created = children(posted)[0]!;
    expect(names(created)).toEqual(["service_request_id", "token", "service_notice", "account_id"]);
    const token = ((children(created)[1]!.token as Node[])[0]!["#text"] as string);
    const resolved = await root({ tenant: a }, `tokens/${token}.xml`);
    expect(names(children(resolved)[0]!)).toEqual(["service_request_id", "token"]);
  });

  it("<errors> of <error> with <code> and <description>", async () => {
    const doc = await root({ tenant: a }, "services/NESSUNO.xml");
    expect(tagOf(doc)).toBe("errors");
    expect(names(doc)).toEqual(["error"]);
    expect(names(children(doc)[0]!)).toEqual(["code", "description"]);
  });
});
