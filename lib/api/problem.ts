import { randomUUID } from "node:crypto";
import type { Tenant } from "@/lib/tenancy/get-tenant";
import { getTenant, isServiceSuspended } from "@/lib/tenancy/get-tenant";
import { env } from "@/lib/env";
import { DomainError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { checkRateLimit, RATE_LIMITS } from "@/lib/security/rate-limit";
import { requestHost } from "@/lib/tenancy/request-host";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { clientIp } from "@/lib/http/client-ip";
import { apiLocale, apiTranslator, requestOrigin } from "./request-context";

/** RFC 9457 problem details: the only error shape of Piazza's REST API. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
    readonly values: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(key);
  }
}

export function problemResponse(request: Request, problem: ApiProblem, extra: Record<string, unknown> = {}): Response {
  const t = apiTranslator(apiLocale(request.headers), "api");
  const origin = requestOrigin(request.headers) ?? "";
  const body = {
    type: `${origin}/api/docs#problem-${problem.key}`,
    title: t(`problems.${problem.key}.title`),
    status: problem.status,
    detail: t(`problems.${problem.key}.detail`, problem.values),
    instance: new URL(request.url).pathname,
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: {
      "Content-Type": "application/problem+json; charset=utf-8",
      "Cache-Control": "no-store",
      // Browser clients on other origins must be able to read the error, as they read the data.
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": "Retry-After, Allow",
      ...problem.headers,
    },
  });
}

/** Any other method on a read-only resource: 405 problem+json with Allow, instead of Next's empty 405. */
export function methodNotAllowed(request: Request): Response {
  return problemResponse(request, new ApiProblem(405, "method_not_allowed", {}, { Allow: "GET, HEAD, OPTIONS" }));
}

/** A path under /api/v1 that names no resource: the same problem+json 404 whatever the method. */
export function unknownApiPath(request: Request): Response {
  return problemResponse(request, new ApiProblem(404, "not_found"));
}

export type ApiContext = { tenant: Tenant; origin: string; url: URL; request: Request };

/**
 * Wraps a REST handler: the comune comes from the validated Host (these routes are not rewritten by the
 * proxy), apex/unknown/suspended → 404; per-IP rate limit; typed errors → problem+json; anything else is
 * logged with a request id, the only detail the client gets.
 */
export async function withApiTenant(request: Request, fn: (ctx: ApiContext) => Promise<Response>): Promise<Response> {
  try {
    const resolved = resolveHost(requestHost(request.headers), env.ROOT_DOMAIN);
    const segment = resolved.kind === "tenant" ? resolved.slug : resolved.kind === "custom" ? resolved.host : null;
    const tenant = segment ? await getTenant(segment) : null;
    if (!tenant || isServiceSuspended(tenant)) throw new ApiProblem(404, "tenant_not_found");
    // Per address when it is known; one shared bucket for unknown addresses would throttle them all together.
    const ip = clientIp(request.headers);
    try {
      if (ip) await checkRateLimit(`${tenant.id}:api:${ip}`, RATE_LIMITS.apiPerIp);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        throw new ApiProblem(429, "rate_limited", {}, { "Retry-After": String(error.retryAfterSeconds) });
      }
      throw error;
    }
    return await fn({ tenant, origin: requestOrigin(request.headers) ?? "", url: new URL(request.url), request });
  } catch (error) {
    if (error instanceof ApiProblem) return problemResponse(request, error);
    if (error instanceof NotFoundError) return problemResponse(request, new ApiProblem(404, "not_found"));
    if (error instanceof ValidationError) {
      return problemResponse(request, new ApiProblem(400, "validation"), { errors: error.fieldErrors ?? {} });
    }
    const requestId = randomUUID();
    logger.error("api: unexpected error", {
      requestId,
      error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      domain: error instanceof DomainError ? error.code : undefined,
    });
    return problemResponse(request, new ApiProblem(500, "unexpected", { requestId }));
  }
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" },
  });
}
