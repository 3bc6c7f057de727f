import type { IncomingMessage, ServerResponse } from "node:http";
import { DomainError } from "@/lib/errors";
import { headerBag, writeReply, type HeaderBag } from "@/lib/http/node-io";
import { logger } from "@/lib/logger";
import { liveTenantFromHeaders } from "@/lib/tenancy/tenant-for-host";
import { parsePublicFilters } from "./public-filters";
import { parseViewport, publicReportsGeoJson } from "./public-geojson";

/** An answer as text: the entry point writes it. */
export type JsonReply = { status: number; headers: Record<string, string>; body: string };

const json = (status: number, value: unknown, headers: Record<string, string> = {}): JsonReply => ({
  status,
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(value),
});

/**
 * GET /api/reports/geojson?bbox=minLng,minLat,maxLng,maxLat&zoom=&category=&status=&periodo=&from=&to=
 * The comune (from the Host)'s public reports in the viewport, for the public map. Apex, unknown or
 * suspended comune → 404; a malformed bbox → 400; other methods → 405.
 */
export async function geoJsonReply(method: string, url: string, headers: HeaderBag): Promise<JsonReply> {
  if (method !== "GET" && method !== "HEAD") return json(405, { error: "method_not_allowed" }, { Allow: "GET, HEAD" });
  const tenant = await liveTenantFromHeaders(headers);
  if (!tenant) return json(404, { error: "not_found" });
  const params = new URL(url, "http://geojson.invalid").searchParams;
  try {
    const body = await publicReportsGeoJson(tenant, parseViewport(params), parsePublicFilters(params));
    return { status: 200, headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=30" }, body };
  } catch (error) {
    if (error instanceof DomainError && error.code === "bbox_invalid") return json(400, { error: "bbox_invalid" });
    logger.error("geojson route failed", { error: String(error) });
    return json(500, { error: "internal" });
  }
}

/**
 * The map's GeoJSON straight from Node's request and response (pages/api/reports/geojson.ts, ADR 0009):
 * the answer — ≈ 150 KB for a street of 500 reports — is written in one piece, not piped through a web
 * stream, and the request skips the App Router's per-request machinery.
 */
export async function serveGeoJson(req: IncomingMessage, res: ServerResponse): Promise<void> {
  await writeReply(req, res, await geoJsonReply(req.method ?? "GET", req.url ?? "/", headerBag(req)));
}
