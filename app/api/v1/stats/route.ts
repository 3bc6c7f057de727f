import { json, withApiTenant } from "@/lib/api/problem";
import { getPublicStats } from "@/lib/api/v1/stats";

export const dynamic = "force-dynamic";

/** GET /api/v1/stats: counts and median times of the last 90 days. */
export function GET(request: Request) {
  return withApiTenant(request, async ({ tenant }) => json(await getPublicStats(tenant)));
}
