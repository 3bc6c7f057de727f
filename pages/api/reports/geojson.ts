import type { PageConfig } from "next";
import { serveGeoJson } from "@/lib/reports/geojson-endpoint";

/** The public map's viewport GeoJSON: a Pages API route for Node's own request and response (ADR 0009). */
export const config: PageConfig = { api: { bodyParser: false, responseLimit: false } };

export default serveGeoJson;
