import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { categories, rateLimits, reports } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { GET as reportRoute } from "@/app/api/v1/reports/[code]/route";
import { GET as updatesRoute } from "@/app/api/v1/reports/[code]/updates/route";
import { getStaffReport } from "@/lib/backoffice/get-staff-report";
import { apiKeyLimitKey } from "@/lib/open311/post-service-request";
import { getPublicReport } from "@/lib/reports/get-public-report";
import { RATE_LIMITS } from "@/lib/security/rate-limit";
import { createCategory, createOffice, createOrganisation, createStaff, createTenant, type Tenant } from "../../support/factories";
import { actorOf, issueKey, open311Json, open311Xml } from "./support";
import { filedJobs } from "../../support/db";

let a: Tenant;
let b: Tenant;
let key: { id: string; key: string };
let otherKey: { id: string; key: string };

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  await createCategory(a, { name: "Rifiuti abbandonati", code: "RIFIUTI" });
  await createCategory(b, { name: "Rifiuti B", code: "RIFIUTI" });
  key = await issueKey(a, "App uno");
  otherKey = await issueKey(a, "App due");
});

afterAll(closeDb);

const form = (apiKey: string, extra: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: "RIFIUTI",
  lat: String(a.centreLat),
  long: String(a.centreLng),
  email: "residente@example.it",
  description: "Sacchi abbandonati accanto al cassonetto",
  ...extra,
});
const fromIp = (ip: string) => ({ "x-forwarded-for": ip });

/** Windows are controlled the way the limiter stores them: a row whose count already sits at the limit. */
async function fillWindow(key: string, count: number) {
  const db = await getSystemDb();
  await db
    .insert(rateLimits)
    .values({ key, count, windowStart: new Date() })
    .onConflictDoUpdate({ target: rateLimits.key, set: { count, windowStart: new Date() } });
}

async function counter(key: string): Promise<number | null> {
  const db = await getSystemDb();
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
  return row?.count ?? null;
}

describe("POST rate limits", () => {
  it("counts an authenticated POST against its own key: an exhausted key gets 429, another key still posts", async () => {
    await fillWindow(apiKeyLimitKey(a.id, key.key), RATE_LIMITS.apiPerKey.limit);
    const limited = await open311Json({ tenant: a }, "requests.json", { form: form(key.key), headers: fromIp("198.51.100.10") });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((limited.body as { code: number }[])[0]!.code).toBe(429);
    const xml = await open311Xml({ tenant: a }, "requests.xml", { form: form(key.key), headers: fromIp("198.51.100.10") });
    expect(xml.status).toBe(429);
    const other = await open311Json({ tenant: a }, "requests.json", { form: form(otherKey.key), headers: fromIp("198.51.100.10") });
    expect(other.status).toBe(200);
    expect(await counter(apiKeyLimitKey(a.id, otherKey.key))).toBe(1);
  });

  it("limits every request per IP before the API key is looked at: a flooding address gets 429, even with a valid key", async () => {
    const ip = "198.51.100.20";
    await fillWindow(`${a.id}:open311:${ip}`, RATE_LIMITS.apiPerIp.limit - 2);
    for (let i = 0; i < 2; i++) {
      const bad = await open311Json({ tenant: a }, "requests.json", { form: form("pzk_falsa"), headers: fromIp(ip) });
      expect(bad.status).toBe(403);
    }
    const flooded = await open311Json({ tenant: a }, "requests.json", { form: form("pzk_falsa"), headers: fromIp(ip) });
    expect(flooded.status).toBe(429);
    const valid = await open311Json({ tenant: a }, "requests.json", { form: form(otherKey.key), headers: fromIp(ip) });
    expect(valid.status).toBe(429);
    expect((await open311Json({ tenant: a }, "services.json", { headers: fromIp(ip) })).status).toBe(429);
    // Nothing was filed from that address, and other addresses are untouched.
    const db = await getSystemDb();
    const filed = await db.select().from(reports).where(eq(reports.tenantId, a.id));
    const elsewhere = await open311Json({ tenant: a }, "requests.json", { form: form(otherKey.key), headers: fromIp("198.51.100.21") });
    expect(elsewhere.status).toBe(200);
    expect((await db.select().from(reports).where(eq(reports.tenantId, a.id))).length).toBe(filed.length + 1);
  });

  it("keyless floods never reach the comune-wide budget: POSTs are not counted in it, and a full read ceiling does not block POSTs", async () => {
    const db = await getSystemDb();
    const ceilingKey = `${a.id}:api-all`;
    const before = await counter(ceilingKey);
    for (let i = 0; i < 3; i++) {
      expect((await open311Json({ tenant: a }, "requests.json", { form: form(""), headers: fromIp(`198.51.100.${40 + i}`) })).status).toBe(403);
    }
    expect(await counter(ceilingKey)).toBe(before);
    await fillWindow(ceilingKey, 1_000_000);
    expect((await open311Json({ tenant: a }, "services.json", { headers: fromIp("198.51.100.50") })).status).toBe(429);
    const posted = await open311Json({ tenant: a }, "requests.json", { form: form(otherKey.key), headers: fromIp("198.51.100.51") });
    expect(posted.status).toBe(200);
    // Another comune has its own budgets.
    expect((await open311Json({ tenant: b }, "services.json", { headers: fromIp("198.51.100.50") })).status).toBe(200);
    await db.delete(rateLimits).where(like(rateLimits.key, `${a.id}:%`));
  });
});

describe("staff-only context of a posted request", () => {
  it("keeps media_url and the position note out of every public output; staff see them as an internal note", async () => {
    const mediaUrl = "https://app.example.org/foto/sacchi-123.jpg";
    const description = "Sacchi abbandonati accanto al cassonetto";
    const addressOnly = { ...form(otherKey.key, { media_url: mediaUrl, address_string: "Via Roma 1" }), lat: "", long: "" };
    const posted = await open311Json({ tenant: a }, "requests.json", { form: addressOnly, headers: fromIp("198.51.100.60") });
    expect(posted.status).toBe(200);
    const code = (posted.body as { service_request_id: string }[])[0]!.service_request_id;
    const secrets = [mediaUrl, "Posizione da verificare", "sacchi-123"];

    const db = await getSystemDb();
    const [row] = await db.select().from(reports).where(and(eq(reports.tenantId, a.id), eq(reports.code, code)));
    expect(row!.description).toBe(description);

    const host = `${a.slug}.localhost:3000`;
    const outputs = [
      (await open311Json({ tenant: a }, `requests/${code}.json`)).text,
      (await open311Xml({ tenant: a }, `requests/${code}.xml`)).text,
      (await open311Json({ tenant: a }, "requests.json")).text,
      await (await reportRoute(new Request(`http://127.0.0.1/api/v1/reports/${code}`, { headers: { host } }), { params: Promise.resolve({ code }) })).text(),
      await (await updatesRoute(new Request(`http://127.0.0.1/api/v1/reports/${code}/updates`, { headers: { host } }), { params: Promise.resolve({ code }) })).text(),
      JSON.stringify(await getPublicReport(a, code)),
    ];
    for (const text of outputs) {
      // Each output is the request itself (the timeline names no code: its first entry is the creation).
      expect(text).toMatch(new RegExp(`${code}|"type":"created"`));
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    expect(outputs[0]).toContain(description);

    const supervisor = await createStaff(a, "supervisor");
    const staffView = await getStaffReport({ ctx: { tenant: a, actor: actorOf(supervisor) }, code });
    const notes = staffView.events.map((e) => e.event).filter((e) => e.type === "internal_note");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ visibility: "internal", actorLabel: "App due" });
    expect(notes[0]!.body).toContain(mediaUrl);
    expect(notes[0]!.body).toContain("Posizione da verificare");
  });
});

describe("POST routing: the category read with the catalog carries its office and organisation", () => {
  it("files under the service's category (by code or by id), routed and notified with the office's and organisation's names", async () => {
    const t = await createTenant();
    const office = await createOffice(t, { name: "Ufficio Verde Pubblico" });
    const organisation = await createOrganisation(t, { name: "Cooperativa Giardini" });
    const withCode = await createCategory(t, { name: "Alberi", code: "ALBERI", officeId: office.id, defaultOrganisationId: organisation.id });
    const withoutCode = await createCategory(t, { name: "Panchine", officeId: office.id });
    const tKey = await issueKey(t);
    const post = (serviceCode: string) =>
      open311Json({ tenant: t }, "requests.json", {
        form: { api_key: tKey.key, service_code: serviceCode, lat: String(t.centreLat), long: String(t.centreLng), description: "Ramo spezzato sul marciapiede" },
        headers: fromIp("198.51.100.200"),
      });
    const db = await getSystemDb();
    for (const [code, category, org] of [
      ["ALBERI", withCode, organisation.id],
      [withoutCode.id, withoutCode, null],
    ] as const) {
      const { status, body } = await post(code);
      expect(status).toBe(200);
      const filed = (body as { service_request_id: string }[])[0]!.service_request_id;
      const [report] = await db.select().from(reports).where(and(eq(reports.tenantId, t.id), eq(reports.code, filed)));
      expect([report?.categoryId, report?.officeId, report?.organisationId]).toEqual([category.id, office.id, org]);
      const jobs = await filedJobs(t.id, report!.id);
      expect(jobs.office).toMatchObject({ kind: "office_new_report", message: { values: { code: filed, office: "Ufficio Verde Pubblico", category: category.name } } });
      expect("organisation" in jobs).toBe(org !== null);
    }
    // A category switched off is no longer a service: nothing is filed.
    await db.update(categories).set({ active: false }).where(eq(categories.id, withCode.id));
    expect((await post("ALBERI")).status).toBe(404);
  });
});
