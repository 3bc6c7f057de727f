import { json, methodNotAllowed, withApiTenant } from "@/lib/api/problem";
import { getPublicReport } from "@/lib/api/v1/public-report";

export const dynamic = "force-dynamic";
export const POST = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;

/** GET /api/v1/reports/{code}: one public report (public fields only). */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return withApiTenant(request, async ({ tenant, origin }) => json((await getPublicReport(tenant, code, origin)).body));
}
