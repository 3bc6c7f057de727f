import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { acceptsGzip, GZIP_THRESHOLD_BYTES, writeReply } from "@/lib/http/node-io";
import { NODE_ROUTES, nodeRouteFor, registerNodeRoutes } from "@/lib/http/node-routes";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";
import { serveOpen311 } from "@/lib/open311/node-handler";
import { serveGeoJson } from "@/lib/reports/geojson-endpoint";
import { createListener } from "../../../scripts/server-listener.mjs";
import { createCategory, createReport, createTenant, type Tenant } from "../../support/factories";

/**
 * Production's request listener (scripts/serve.mjs → scripts/server-listener.mjs) on a real loopback
 * server, with the real machine endpoints published as the instrumentation hook publishes them, and a
 * stand-in for Next's handler that says what it was given.
 */
type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

const servers: http.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done()))));
  delete (globalThis as Record<symbol, unknown>)[NODE_ROUTES];
  await closeDb();
});

async function listen(listener: http.RequestListener): Promise<number> {
  const server = http.createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function call(port: number, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Next's handler, as far as these tests need it: it answers 299 with what it saw. */
const nextStandIn = (req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(299, { "content-type": "application/json" });
  res.end(JSON.stringify({ next: true, url: req.url, forwardedFor: req.headers["x-forwarded-for"] ?? null }));
};

describe("which requests are answered before Next", () => {
  it("GeoReport v2 at both its addresses and the map's GeoJSON; nothing else", () => {
    expect(nodeRouteFor("/open311/v2/services.json")).toBe(serveOpen311);
    expect(nodeRouteFor("/open311/v2/requests/FOS-2026-000001.json?jurisdiction_id=x")).toBe(serveOpen311);
    expect(nodeRouteFor("/api/open311/v2/discovery.json")).toBe(serveOpen311);
    expect(nodeRouteFor("/api/reports/geojson?bbox=7,44,8,45&zoom=14")).toBe(serveGeoJson);
    // Next keeps what it normalises or redirects, and every page.
    for (const path of ["/", "/open311", "/open311/v2", "/open311/v3/services.json", "/api/reports/geojson/", "//open311/v2/services.json", "/api/health", "/segnalazioni/FOS-2026-000001"]) {
      expect(nodeRouteFor(path), path).toBeNull();
    }
  });
});

describe("the production listener", () => {
  let tenant: Tenant;
  let port: number;
  let trusting: number;

  beforeAll(async () => {
    tenant = await createTenant();
    const category = await createCategory(tenant, { name: "Buche" });
    // Enough public reports near the centre that the GeoJSON is worth compressing.
    for (let i = 0; i < 12; i++) {
      await createReport(tenant, { categoryId: category.id, lat: tenant.centreLat + i * 0.0005, lng: tenant.centreLng, isPublic: true, description: `Buca numero ${i} davanti al civico ${i}` });
    }
    registerNodeRoutes();
    port = await listen(createListener({ handle: nextStandIn, trustProxy: false }));
    trusting = await listen(createListener({ handle: nextStandIn, trustProxy: true }));
  });

  const host = () => `${tenant.slug}.localhost:3000`;

  it("answers GeoReport v2 itself, with the security headers, and leaves pages to Next", async () => {
    const services = await call(port, "/open311/v2/services.json", { host: host() });
    expect(services.status).toBe(200);
    expect(services.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(services.body.toString()).map((s: { service_name: string }) => s.service_name)).toContain("Buche");
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(services.headers[name.toLowerCase()]).toBe(value);

    const rewritten = await call(port, "/api/open311/v2/discovery.json", { host: host() });
    expect(rewritten.status).toBe(200);
    expect(JSON.parse(rewritten.body.toString())).toHaveProperty("endpoints");

    const page = await call(port, "/segnalazioni", { host: host() });
    expect(page.status).toBe(299);
    expect(JSON.parse(page.body.toString())).toMatchObject({ next: true, url: "/segnalazioni" });
    const slash = await call(port, "/api/reports/geojson/", { host: host() });
    expect(slash.status).toBe(299);
  });

  it("answers the map's GeoJSON itself, gzipped when the browser accepts it", async () => {
    const url = "/api/reports/geojson?zoom=11";
    const plain = await call(port, url, { host: host() });
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("Accept-Encoding");
    const features = (JSON.parse(plain.body.toString()) as { features: unknown[] }).features;
    expect(features).toHaveLength(12);
    expect(plain.body.length).toBeGreaterThan(GZIP_THRESHOLD_BYTES);

    const zipped = await call(port, url, { host: host(), "accept-encoding": "gzip, deflate, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());

    // Another comune's host sees none of them; the apex has no map.
    const other = await createTenant();
    const theirs = await call(port, url, { host: `${other.slug}.localhost:3000` });
    expect((JSON.parse(theirs.body.toString()) as { features: unknown[] }).features).toHaveLength(0);
    expect((await call(port, url, { host: "localhost:3000" })).status).toBe(404);
  });

  it("settles the client's address: the socket's unless a trusted proxy says otherwise", async () => {
    // A client naming an address of its choice gets its own (per-address limits cannot be dodged).
    const spoofed = await call(port, "/", { host: host(), "x-forwarded-for": "203.0.113.9" });
    expect(JSON.parse(spoofed.body.toString()).forwardedFor).toBe("127.0.0.1");
    const bare = await call(port, "/", { host: host() });
    expect(JSON.parse(bare.body.toString()).forwardedFor).toBe("127.0.0.1");
    // Behind TRUST_PROXY the proxy's header stands; a request that bypassed it gets the socket's.
    const proxied = await call(trusting, "/", { host: host(), "x-forwarded-for": "203.0.113.9, 10.0.0.2" });
    expect(JSON.parse(proxied.body.toString()).forwardedFor).toBe("203.0.113.9, 10.0.0.2");
    const direct = await call(trusting, "/", { host: host() });
    expect(JSON.parse(direct.body.toString()).forwardedFor).toBe("127.0.0.1");
  });
});

describe("writeReply", () => {
  let port: number;
  const big = JSON.stringify({ text: "segnalazione ".repeat(400) });
  beforeAll(async () => {
    port = await listen((req, res) => {
      const path = req.url ?? "/";
      if (path === "/empty") return void writeReply(req, res, { status: 204, headers: {}, body: "" });
      if (path === "/small") return void writeReply(req, res, { status: 200, headers: { "Content-Type": "application/json" }, body: '{"ok":true}' });
      return void writeReply(req, res, { status: 200, headers: { "Content-Type": "application/json", Vary: "Origin" }, body: big });
    });
  });

  it("compresses only what is worth it, for clients that accept gzip", async () => {
    const zipped = await call(port, "/big", { "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Origin, Accept-Encoding");
    expect(gunzipSync(zipped.body).toString()).toBe(big);
    const refused = await call(port, "/big", { "accept-encoding": "gzip;q=0, br" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(refused.body.toString()).toBe(big);
    const small = await call(port, "/small", { "accept-encoding": "gzip" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.body.toString()).toBe('{"ok":true}');
  });

  it("answers HEAD with a GET's headers and no body, and 204 with neither body nor length", async () => {
    const head = await call(port, "/big", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBe(Buffer.byteLength(big));
    expect(head.body.length).toBe(0);
    const empty = await call(port, "/empty");
    expect(empty.status).toBe(204);
    expect(empty.headers["content-length"]).toBeUndefined();
    expect(empty.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("reads Accept-Encoding as HTTP defines it", () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("*;q=0")).toBe(false);
    expect(acceptsGzip("*, gzip;q=0")).toBe(false);
    expect(acceptsGzip("identity, x-gzip")).toBe(true);
  });
});
