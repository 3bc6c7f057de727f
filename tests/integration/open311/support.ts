import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, expect } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { StaffActor } from "@/lib/context";
import { serveOpen311 } from "@/lib/open311/node-handler";
import { createStaff, type Tenant } from "../../support/factories";

export const ROOT = "localhost:3000";

type CallOptions = {
  query?: Record<string, string>;
  form?: Record<string, string> | URLSearchParams;
  headers?: Record<string, string>;
  /** A method other than GET (no form) or POST (a form). */
  method?: string;
  /** A raw body instead of a form (with its own content-type in `headers`). */
  body?: string | Buffer;
};

let server: Promise<number> | undefined;

/**
 * The API's Node entry point on a real HTTP server on loopback (one per test file), as Next runs it from
 * pages/api/open311/v2 — the proxy leaves /open311/ alone, so nothing else stands in between.
 */
function port(): Promise<number> {
  server ??= new Promise((resolve) => {
    const s = http.createServer((req, res) => void serveOpen311(req, res));
    afterAll(() => new Promise<void>((done) => s.close(() => done())));
    s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port));
  });
  return server;
}

/**
 * One GeoReport request over HTTP: the Host header carries the comune (or the apex), as a client's would.
 */
export async function open311(
  where: { tenant: Pick<Tenant, "slug"> } | { shared: true } | { host: string },
  path: string,
  options: CallOptions = {},
) {
  const method = options.method ?? (options.form || options.body !== undefined ? "POST" : "GET");
  const host = "tenant" in where ? `${where.tenant.slug}.${ROOT}` : "host" in where ? where.host : ROOT;
  const url = new URL(`http://127.0.0.1/open311/v2/${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const body =
    options.body ??
    (options.form ? (options.form instanceof URLSearchParams ? options.form : new URLSearchParams(options.form)).toString() : undefined);
  const headers: Record<string, string> = {
    host,
    ...(options.form ? { "content-type": "application/x-www-form-urlencoded; charset=utf-8" } : {}),
    ...options.headers,
  };
  const listening = await port();
  const answer = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: listening, path: url.pathname + url.search, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
  const type = (answer.headers["content-type"] as string | undefined) ?? null;
  return { status: answer.status, type, headers: new Headers(answer.headers as Record<string, string>), text: answer.text };
}

export async function open311Json(...args: Parameters<typeof open311>) {
  const r = await open311(...args);
  expect(r.type).toBe("application/json; charset=utf-8");
  return { ...r, body: JSON.parse(r.text) as unknown };
}

const parser = new XMLParser({
  ignoreDeclaration: false,
  parseTagValue: false,
  isArray: (name) => ["service", "request", "attribute", "value", "endpoint", "format", "error"].includes(name),
});

/** Reads an XML response back (must be text/xml with the UTF-8 declaration). */
export async function open311Xml(...args: Parameters<typeof open311>) {
  const r = await open311(...args);
  expect(r.type).toBe("text/xml; charset=utf-8");
  expect(r.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return { ...r, body: parser.parse(r.text) as Record<string, unknown> };
}

export function actorOf(staff: Awaited<ReturnType<typeof createStaff>>): StaffActor {
  return {
    kind: "staff",
    userId: staff.user.id,
    name: staff.user.name ?? "Staff",
    email: staff.user.email,
    role: staff.membership.role,
    title: null,
    officeIds: [],
    organisationId: null,
  };
}

export async function issueKey(tenant: Tenant, name = "App civica") {
  const admin = await createStaff(tenant, "admin");
  return createApiKey({ ctx: { tenant, actor: actorOf(admin) }, input: { name } });
}
