import type { PageConfig } from "next";
import { serveOpen311 } from "@/lib/open311/node-handler";

/**
 * GeoReport v2 (Open311) on every host, at /open311/v2/… (next.config.ts rewrites it here). A Pages API
 * route, not an App Router route handler, for Node's own request and response (ADR 0009); the body is
 * read by the handler itself, with its own limit. In production `npm start` calls the same handler
 * before Next's router (ADR 0010); this route serves it under `next dev`.
 */
export const config: PageConfig = { api: { bodyParser: false, responseLimit: false } };

export default serveOpen311;
