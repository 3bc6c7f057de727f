import { randomUUID } from "node:crypto";
import { apiLocale, apiTranslator, requestOrigin, type ApiTranslator } from "@/lib/api/request-context";
import { clientIp } from "@/lib/http/client-ip";
import type { HeaderBag } from "@/lib/http/node-io";
import type { TenantRef } from "@/lib/context";
import { RateLimitedError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { checkRateLimits, RATE_LIMITS } from "@/lib/security/rate-limit";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { Open311Error } from "./errors";
import { findRequestIdByToken } from "./find-by-token";
import { resolveJurisdiction, type Open311Target } from "./jurisdiction";
import { guessFormat, parseOpen311Path, type Open311Format } from "./path";
import { apiKeyLimitKey, param, postServiceRequest } from "./post-service-request";
import { parseRequestQuery } from "./request-query";
import { findPublicRequests, serializeRequest } from "./requests";
import { findService, loadServiceCatalog, serializeService, serializeServiceDefinition } from "./services";
import { xmlOrJson } from "./respond";

export const SPECIFICATION_URL = "http://wiki.open311.org/GeoReport_v2";
/** When this API's behaviour last changed (discovery `changeset`). */
export const CHANGESET = "2026-07-01T00:00:00Z";
/** A comune's anonymous reads from all addresses together: protects the database from many-IP floods. */
const TENANT_CEILING = { limit: RATE_LIMITS.apiPerIp.limit * 20, windowSeconds: RATE_LIMITS.apiPerIp.windowSeconds };

/**
 * What handleOpen311 reads of a request. A web `Request` is one; so is what the Node entry point
 * (node-handler.ts) makes of Node's own request, without building a web Request and its streams.
 */
export type Open311Request = {
  method: string;
  /** Absolute, or path and query: only the query string is read (the path comes as `segments`). */
  url: string;
  headers: HeaderBag;
  text(): Promise<string>;
  formData(): Promise<FormData>;
};

/** The answer, as text: the entry point writes it (status, headers, body). */
export type Open311Reply = { status: number; headers: Record<string, string>; body: string };

/** Methods the endpoints answer; HEAD is GET without the body (Node's server drops it). */
const METHODS = "GET, HEAD, POST, OPTIONS";

/**
 * Entry point of GeoReport v2 on every host (a comune's host and the shared apex endpoint). Parses the
 * path, finds the comune, applies the rate limits and dispatches; every failure becomes the spec's
 * `errors` document with the right status, and unexpected errors are logged with a request id that is
 * the only detail the client sees.
 */
export async function handleOpen311(request: Open311Request, segments: string[], target: Open311Target): Promise<Open311Reply> {
  const route = parseOpen311Path(segments);
  const format: Open311Format = route?.format ?? guessFormat(segments);
  const t = apiTranslator(apiLocale(request.headers), "open311");
  try {
    // The vendor console and unknown hosts serve no API.
    if (!route || target.kind === "none") throw new Open311Error(404, "not_found");
    // A browser asks before a cross-origin POST with an Idempotency-Key: the API is public (CORS *).
    if (request.method === "OPTIONS") return preflight();
    const isPost = request.method === "POST";
    if (!isPost && request.method !== "GET" && request.method !== "HEAD") throw new Open311Error(405, "method_not_allowed");
    if (isPost && route.resource.kind !== "requests") throw new Open311Error(405, "method_not_allowed");
    const query = new URL(request.url, "http://open311.invalid").searchParams;
    const form = isPost ? await readForm(request) : null;
    const jurisdictionId = param(form ?? query, "jurisdiction_id") ?? param(query, "jurisdiction_id");
    const origin = requestOrigin(request.headers) ?? "";

    if (route.resource.kind === "discovery") {
      // The shared endpoint describes itself without a comune; a jurisdiction_id describes that comune's
      // own endpoint (its host), where its contact page and back office live.
      const tenant = target.kind === "tenant" || jurisdictionId ? await resolveJurisdiction(target, jurisdictionId) : null;
      const site = tenant && target.kind === "shared" ? tenantBaseUrl(tenant.slug) : origin;
      return xmlOrJson(format, "discovery", discovery(site, tenant, t));
    }
    const tenant = await resolveJurisdiction(target, jurisdictionId);
    const ip = clientIp(request.headers);
    // Every request counts against its address before any API key is looked at, so a flood of keyless or
    // bad-key POSTs is cut off per IP. Reads also share the comune's ceiling; POSTs do not: a POST counts
    // against the key it presents (by its hash, so in the same statement, before the lookup), so nobody
    // can starve the comune's integrators. No shared bucket for an unknown address (misconfigured proxy):
    // it would put every client in one. One statement for all of a request's counters.
    const apiKey = isPost ? param(form!, "api_key") : null;
    const limits = [
      ...(ip ? [{ key: `${tenant.id}:open311:${ip}`, rule: RATE_LIMITS.apiPerIp }] : []),
      ...(isPost ? [] : [{ key: `${tenant.id}:api-all`, rule: TENANT_CEILING }]),
      ...(apiKey ? [{ key: apiKeyLimitKey(tenant.id, apiKey), rule: RATE_LIMITS.apiPerKey }] : []),
    ];
    if (isPost) {
      // One transaction: the counters (sent in the same round trip, committed on their own), the key,
      // the catalog and the new report (post-service-request.ts).
      const created = await postServiceRequest(tenant, { form: form!, apiKey, idempotencyToken: request.headers.get("idempotency-key"), ip, limits });
      return xmlOrJson(format, "service_requests", [created]);
    }
    await checkRateLimits(limits);
    // On the shared endpoint links point at the comune's own host, where photos and pages are served.
    const baseUrl = target.kind === "tenant" ? origin : tenantBaseUrl(tenant.slug);
    const catalog = await loadServiceCatalog(tenant);

    switch (route.resource.kind) {
      case "services":
        return xmlOrJson(format, "services", catalog.services.map(serializeService));
      case "service": {
        const service = findService(catalog, route.resource.code);
        if (!service) throw new Open311Error(404, "service_not_found", { code: route.resource.code });
        const labels = { yes: t("booleanYes"), no: t("booleanNo") };
        return xmlOrJson(format, "service_definition", serializeServiceDefinition(service, labels));
      }
      case "requests": {
        const rows = await findPublicRequests(tenant, catalog, parseRequestQuery(query, catalog));
        return xmlOrJson(format, "service_requests", rows.map((r) => serializeRequest(r, catalog, baseUrl)));
      }
      case "request": {
        const id = route.resource.id;
        const rows = await findPublicRequests(tenant, catalog, { ...parseRequestQuery(new URLSearchParams(), catalog), ids: [id] });
        if (rows.length === 0) throw new Open311Error(404, "request_not_found", { id });
        return xmlOrJson(format, "service_requests", rows.map((r) => serializeRequest(r, catalog, baseUrl)));
      }
      case "token": {
        const token = route.resource.token;
        const code = await findRequestIdByToken(tenant, catalog, token);
        if (!code) throw new Open311Error(404, "token_not_found", { token });
        return xmlOrJson(format, "service_requests", [{ service_request_id: code, token }]);
      }
    }
  } catch (error) {
    return errorResponse(format, error, t);
  }
}

function discovery(origin: string, tenant: TenantRef | null, t: ApiTranslator) {
  return {
    changeset: CHANGESET,
    contact: tenant ? t("discovery.contact", { comune: tenant.name, url: origin }) : origin,
    key_service: tenant ? t("discovery.keyService", { comune: tenant.name, url: origin }) : null,
    endpoints: [
      {
        specification: SPECIFICATION_URL,
        url: `${origin}/open311/v2`,
        changeset: CHANGESET,
        type: "production",
        formats: ["text/xml", "application/json"],
      },
    ],
  };
}

/** The answer to a CORS preflight: any origin, the API's methods and the headers clients send. */
function preflight(): Open311Reply {
  return {
    status: 204,
    headers: {
      Allow: METHODS,
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": METHODS,
      "Access-Control-Allow-Headers": "Content-Type, Idempotency-Key, Accept-Language",
      "Access-Control-Max-Age": "86400",
    },
    body: "",
  };
}

/** POST bodies are application/x-www-form-urlencoded (spec); multipart is accepted for its text fields. */
async function readForm(request: Open311Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("multipart/form-data")) {
    const data = await request.formData();
    const params = new URLSearchParams();
    for (const [k, v] of data.entries()) if (typeof v === "string") params.append(k, v);
    return params;
  }
  return new URLSearchParams(await request.text());
}

function errorResponse(format: Open311Format, caught: unknown, t: ApiTranslator): Open311Reply {
  const error = caught instanceof RateLimitedError ? new Open311Error(429, "rate_limited", {}, caught.retryAfterSeconds) : caught;
  if (error instanceof Open311Error) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
    if (error.status === 405) headers["Allow"] = METHODS;
    const body = [{ code: error.status, description: t(`errors.${error.key}`, error.values) }];
    return xmlOrJson(format, "errors", body, error.status, headers);
  }
  const requestId = randomUUID();
  logger.error("open311: unexpected error", {
    requestId,
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return xmlOrJson(format, "errors", [{ code: 500, description: t("errors.unexpected", { requestId }) }], 500);
}
