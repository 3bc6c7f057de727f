import { buildOpenApiDocument } from "@/lib/api/openapi";
import { json, methodNotAllowed, withApiTenant } from "@/lib/api/problem";

export const dynamic = "force-dynamic";
export const POST = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;

/** GET /api/openapi.json: the OpenAPI 3.1 document of this comune's REST API. */
export function GET(request: Request) {
  return withApiTenant(request, async ({ tenant, origin }) => json(buildOpenApiDocument(origin, tenant.name)));
}
