import { json, methodNotAllowed, withApiTenant } from "@/lib/api/problem";
import { listCategoryTree } from "@/lib/api/v1/categories-tree";

export const dynamic = "force-dynamic";
export const POST = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;

/** GET /api/v1/categories: the comune's public category tree. */
export function GET(request: Request) {
  return withApiTenant(request, async ({ tenant }) => json(await listCategoryTree(tenant)));
}
