import { DomainError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { parsePublicFilters } from "@/lib/reports/public-filters";
import { parseViewport, publicReportsGeoJson } from "@/lib/reports/public-geojson";
import { tenantFromHeaders } from "@/lib/reports/request-tenant";

/**
 * GET /api/reports/geojson?bbox=minLng,minLat,maxLng,maxLat&zoom=&category=&status=&periodo=&from=&to=
 * The comune (from the Host) 's public reports in the viewport, for the public map. Apex/unknown → 404.
 */
export async function GET(request: Request) {
  const tenant = await tenantFromHeaders(request.headers);
  if (!tenant) return Response.json({ error: "not_found" }, { status: 404 });
  const params = new URL(request.url).searchParams;
  try {
    const body = await publicReportsGeoJson(tenant, parseViewport(params), parsePublicFilters(params));
    return Response.json(body, { headers: { "Cache-Control": "public, max-age=30" } });
  } catch (error) {
    if (error instanceof DomainError && error.code === "bbox_invalid") {
      return Response.json({ error: "bbox_invalid" }, { status: 400 });
    }
    logger.error("geojson route failed", { error: String(error) });
    return Response.json({ error: "internal" }, { status: 500 });
  }
}
