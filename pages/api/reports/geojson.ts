import type { PageConfig } from "next";
import { serveGeoJson } from "@/lib/reports/geojson-endpoint";

/**
 * The public map's viewport GeoJSON: a Pages API route for Node's own request and response (ADR 0009).
 * In production `npm start` calls the same handler before Next's router (ADR 0010).
 */
export const config: PageConfig = { api: { bodyParser: false, responseLimit: false } };

export default serveGeoJson;
