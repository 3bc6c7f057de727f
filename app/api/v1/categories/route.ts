import { json, withApiTenant } from "@/lib/api/problem";
import { listCategoryTree } from "@/lib/api/v1/categories-tree";

export const dynamic = "force-dynamic";

/** GET /api/v1/categories: the comune's public category tree. */
export function GET(request: Request) {
  return withApiTenant(request, async ({ tenant }) => json(await listCategoryTree(tenant)));
}
