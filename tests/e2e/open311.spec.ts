import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, FOSSANO, staffSession } from "./support/helpers";

/**
 * Open311 GeoReport v2 over real HTTP on fossano's own host, against the production server: discovery,
 * services, a definition, requests with filters, one request; then a key created by the comune's admin in
 * the back office files a request that shows up in the API and in the office's inbox.
 * Requests run inside a page on fossano.localhost (Node cannot resolve *.localhost; Chromium can).
 */

type Reply = { status: number; type: string; body: string };

async function call(page: Page, path: string, form?: Record<string, string>): Promise<Reply> {
  return page.evaluate(
    async ({ path, form }) => {
      const res = form
        ? await fetch(path, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() })
        : await fetch(path);
      return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
    },
    { path, form },
  );
}

async function json<T>(page: Page, path: string): Promise<T> {
  const res = await call(page, path);
  expect(res.status, `${path}: ${res.body.slice(0, 200)}`).toBe(200);
  expect(res.type).toContain("application/json");
  return JSON.parse(res.body) as T;
}

type Service = { service_code: string; service_name: string; metadata: boolean; type: string; group: string };
type ServiceRequest = { service_request_id: string; status: "open" | "closed"; service_code: string; description?: string; lat: number; long: number; requested_datetime: string };

test("discovery, services, a definition and requests are served in JSON and XML", async ({ page }) => {
  await page.goto(FOSSANO);

  const discovery = await json<{ endpoints: { url: string; formats: string[] }[] }>(page, "/open311/v2/discovery.json");
  expect(discovery.endpoints[0]!.url).toBe(`${FOSSANO}/open311/v2`);
  expect(discovery.endpoints[0]!.formats).toEqual(["text/xml", "application/json"]);

  const services = await json<Service[]>(page, "/open311/v2/services.json");
  const buca = services.find((s) => s.service_code === "buca");
  expect(buca).toMatchObject({ service_name: "Buca", metadata: true, type: "realtime", group: "Strade e marciapiedi" });
  expect(services.length).toBeGreaterThan(10);

  const xml = await call(page, "/open311/v2/services.xml");
  expect(xml.status).toBe(200);
  expect(xml.type).toContain("xml");
  expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<services>/i);
  expect(xml.body).toContain("<service_code>buca</service_code>");

  const definition = await json<{ service_code: string; attributes: { code: string; datatype: string; values?: { key: string; name: string }[] }[] }>(page, "/open311/v2/services/buca.json");
  expect(definition.service_code).toBe("buca");
  const size = definition.attributes.find((a) => a.code === "dimensione");
  expect(size?.datatype).toBe("singlevaluelist");
  expect(size?.values?.map((v) => v.name)).toContain("Media");

  const unknown = await call(page, "/open311/v2/services/non-esiste.json");
  expect(unknown.status).toBe(404);
  expect(JSON.parse(unknown.body)).toEqual([expect.objectContaining({ code: 404 })]);

  // Requests: the last 90 days by default; filters by service and status.
  const all = await json<ServiceRequest[]>(page, "/open311/v2/requests.json");
  expect(all.length).toBeGreaterThan(0);
  // Which services have open requests depends on the seed and on the specs that ran before (the back-office
  // journey resolves and recategorises demo reports): filter by the service of an open request that exists.
  const open = await json<ServiceRequest[]>(page, "/open311/v2/requests.json?status=open");
  expect(open.length).toBeGreaterThan(0);
  const code = open[0]!.service_code;
  const sameService = await json<ServiceRequest[]>(page, `/open311/v2/requests.json?service_code=${code}&status=open`);
  expect(sameService.length).toBe(open.filter((r) => r.service_code === code).length);
  for (const r of sameService) expect(r).toMatchObject({ service_code: code, status: "open" });
  const closed = await json<ServiceRequest[]>(page, "/open311/v2/requests.json?status=closed");
  for (const r of closed) expect(r.status).toBe("closed");

  const one = sameService[0]!;
  const single = await json<ServiceRequest[]>(page, `/open311/v2/requests/${one.service_request_id}.json`);
  expect(single).toHaveLength(1);
  expect(single[0]).toMatchObject({ service_request_id: one.service_request_id, service_code: code, lat: one.lat, long: one.long });
  const singleXml = await call(page, `/open311/v2/requests/${one.service_request_id}.xml`);
  expect(singleXml.body).toContain(`<service_request_id>${one.service_request_id}</service_request_id>`);

  const badStatus = await call(page, "/open311/v2/requests.json?status=maybe");
  expect(badStatus.status).toBe(400);
});

test("an admin creates an API key, a client files a request with it, and the office gets it", async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await staffSession(browser, "admin@fossano.demo");
  const page = admin.page;
  await page.goto(`${FOSSANO}/ufficio/impostazioni/api`);
  await expect(page.getByRole("heading", { level: 1, name: "Chiavi API" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const name = `App Segnala E2E ${Date.now()}`;
  await page.getByLabel(/Nome della chiave/).fill(name);
  await page.getByRole("button", { name: "Crea chiave" }).click();
  const created = page.getByRole("status").filter({ hasText: `Chiave «${name}» creata` });
  await expect(created).toBeVisible();
  const key = (await page.getByTestId("new-api-key").innerText()).trim();
  expect(key.length).toBeGreaterThanOrEqual(32);
  await expectNoSeriousA11yViolations(page);
  // Shown once: after a reload only the name and the start of the key remain.
  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(key);

  const description = `Marciapiede sconnesso segnalato via API ${Date.now()}`;
  const mediaUrl = `https://app.example.org/foto/e2e-${Date.now()}.jpg`;
  const request = { service_code: "marciapiede", lat: "44.5520", long: "7.7230", description, media_url: mediaUrl, email: `e2e-api-${Date.now()}@example.com`, first_name: "Luca" };

  const refused = await call(page, "/open311/v2/requests.json", { ...request, api_key: `${key.slice(0, -4)}XXXX` });
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.body)).toEqual([expect.objectContaining({ code: 403 })]);
  const keyless = await call(page, "/open311/v2/requests.json", request);
  expect(keyless.status).toBe(403);

  const posted = await call(page, "/open311/v2/requests.json", { ...request, api_key: key });
  expect(posted.status, posted.body).toBe(200);
  const [filed] = JSON.parse(posted.body) as { service_request_id: string; token: string }[];
  expect(filed!.service_request_id).toMatch(/^FOS-\d{4}-\d{6}$/);
  const code = filed!.service_request_id;
  expect(await json(page, `/open311/v2/tokens/${filed!.token}.json`)).toEqual([{ service_request_id: code, token: filed!.token }]);

  const listed = await json<ServiceRequest[]>(page, "/open311/v2/requests.json?service_code=marciapiede&status=open");
  expect(listed.find((r) => r.service_request_id === code)).toMatchObject({ description, lat: 44.552, long: 7.723 });
  const single = await json<ServiceRequest[]>(page, `/open311/v2/requests/${code}.json`);
  expect(single[0]).toMatchObject({ service_request_id: code, status: "open", service_code: "marciapiede" });

  // The key now has a last use, and the request is in Manutenzioni's queue, marked as coming from the API.
  await page.reload();
  await expect(row.getByRole("cell").nth(3)).not.toHaveText("—");
  await admin.context.close();

  const operator = await staffSession(browser, "manutenzioni@fossano.demo");
  const inboxRow = operator.page.getByTestId("inbox-row").filter({ hasText: code });
  await expect(inboxRow).toContainText("Marciapiede dissestato");
  await inboxRow.getByRole("link", { name: code }).click();
  await expect(operator.page.getByTestId("report-description")).toHaveText(description);
  // The app's photo link is for staff only: an internal note, not part of the citizen's text.
  await expect(operator.page.locator('[data-testid="timeline-entry"][data-visibility="internal"]').filter({ hasText: mediaUrl })).toBeVisible();
  await expect(operator.page.getByTestId("report-details")).toContainText("Open311");
  await operator.context.close();
});

test("the API documentation loads on the comune's host", async ({ page }) => {
  const res = await page.goto(`${FOSSANO}/api/docs`);
  expect(res!.status()).toBe(200);
  await expect(page).toHaveTitle(/Fossano/);
  // Swagger UI renders the comune's OpenAPI document.
  await expect(page.locator("#swagger-ui .information-container")).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("#swagger-ui")).toContainText("/reports/{code}/updates");
  const spec = await page.evaluate(async () => (await fetch("/api/openapi.json")).json() as Promise<{ openapi: string }>);
  expect(spec.openapi).toMatch(/^3\./);
});

test("the production server answers the API and the map's GeoJSON itself: security headers and gzip", async ({ page }) => {
  await page.goto(FOSSANO);
  const answers = await page.evaluate(async () => {
    const pick = async (r: Response) => ({
      status: r.status,
      nosniff: r.headers.get("x-content-type-options"),
      frame: r.headers.get("x-frame-options"),
      referrer: r.headers.get("referrer-policy"),
      encoding: r.headers.get("content-encoding"),
      vary: r.headers.get("vary"),
      size: (await r.text()).length,
    });
    return {
      api: await pick(await fetch("/open311/v2/services.json")),
      map: await pick(await fetch("/api/reports/geojson?zoom=11")),
      page: await pick(await fetch("/")),
    };
  });
  for (const answer of [answers.api, answers.map]) {
    expect(answer).toMatchObject({ status: 200, nosniff: "nosniff", frame: "SAMEORIGIN", referrer: "strict-origin-when-cross-origin", vary: "Accept-Encoding" });
    // Both are well over the 1 KB below which nothing is compressed, and Chromium accepts gzip.
    expect(answer.size).toBeGreaterThan(1024);
    expect(answer.encoding).toBe("gzip");
  }
  // Pages are still Next's, with the same headers.
  expect(answers.page).toMatchObject({ status: 200, nosniff: "nosniff", frame: "SAMEORIGIN" });
});
