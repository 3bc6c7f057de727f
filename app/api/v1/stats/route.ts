import { json, methodNotAllowed, withApiTenant } from "@/lib/api/problem";
import { getPublicStats } from "@/lib/api/v1/stats";

export const dynamic = "force-dynamic";
export const POST = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;

/** GET /api/v1/stats: counts and median times of the last 90 days. */
export function GET(request: Request) {
  return withApiTenant(request, async ({ tenant }) => json(await getPublicStats(tenant)));
}
