import { expect } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { GET, POST } from "@/app/(platform)/open311/v2/[...path]/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { StaffActor } from "@/lib/context";
import { createStaff, type Tenant } from "../../support/factories";

export const ROOT = "localhost:3000";

type CallOptions = {
  query?: Record<string, string>;
  form?: Record<string, string> | URLSearchParams;
  headers?: Record<string, string>;
};

/**
 * Calls the route handler the way Next does (the proxy leaves /open311/ alone): the Host header carries
 * the comune (or the apex), the path is the catch-all segments.
 */
export async function open311(
  where: { tenant: Pick<Tenant, "slug"> } | { shared: true } | { host: string },
  path: string,
  options: CallOptions = {},
) {
  const method = options.form ? "POST" : "GET";
  const host = "tenant" in where ? `${where.tenant.slug}.${ROOT}` : "host" in where ? where.host : ROOT;
  const url = new URL(`http://127.0.0.1/open311/v2/${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const body = options.form
    ? options.form instanceof URLSearchParams
      ? options.form.toString()
      : new URLSearchParams(options.form).toString()
    : undefined;
  const request = new Request(url, {
    method,
    body,
    headers: {
      host,
      ...(body ? { "content-type": "application/x-www-form-urlencoded; charset=utf-8" } : {}),
      ...options.headers,
    },
  });
  const segments = path.split("/");
  const response = await (method === "POST" ? POST : GET)(request, { params: Promise.resolve({ path: segments }) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), headers: response.headers, text };
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
