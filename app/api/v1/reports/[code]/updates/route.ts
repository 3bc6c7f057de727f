import { json, methodNotAllowed, withApiTenant } from "@/lib/api/problem";
import { getPublicReportUpdates } from "@/lib/api/v1/public-report";

export const dynamic = "force-dynamic";
export const POST = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;

/** GET /api/v1/reports/{code}/updates: the public timeline of a report. */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return withApiTenant(request, async ({ tenant, origin }) => json(await getPublicReportUpdates(tenant, code, origin)));
}
