import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/logger";
import { OPEN311_PREFIXES, serveOpen311 } from "@/lib/open311/node-handler";
import { serveGeoJson } from "@/lib/reports/geojson-endpoint";

/** A handler that answers from Node's own request and response. */
export type NodeRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The two machine endpoints that production's server (scripts/serve.mjs) answers before Next's router
 * (ADR 0010): GeoReport v2 at both its public address and the Pages API path it is rewritten to, and
 * the public map's GeoJSON. Anything else — a trailing slash, a double slash, another method's
 * redirect — is Next's, exactly as before. The same handlers stay Pages API routes (pages/api/…), so
 * `next dev` and any other server serve the same answers.
 */
export function nodeRouteFor(url: string): NodeRoute | null {
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (OPEN311_PREFIXES.some((prefix) => path.startsWith(prefix))) return serveOpen311;
  if (path === "/api/reports/geojson") return serveGeoJson;
  return null;
}

/** Where serve.mjs finds nodeRouteFor: it runs outside Next's bundles, this module inside them. */
export const NODE_ROUTES = Symbol.for("piazza.nodeRoutes");

/**
 * Publishes the router for serve.mjs. Called by the instrumentation hook, which Next runs in the server
 * process before it answers anything; a server that never calls it simply leaves everything to Next.
 */
export function registerNodeRoutes(): void {
  (globalThis as Record<symbol, unknown>)[NODE_ROUTES] = (req: IncomingMessage, res: ServerResponse): boolean => {
    const route = nodeRouteFor(req.url ?? "/");
    if (!route) return false;
    route(req, res).catch((error: unknown) => {
      // The handlers answer their own failures; this is one escaping them (a bug): a bare 500, never the text.
      logger.error("node route failed", { path: (req.url ?? "/").split("?")[0], error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end('{"error":"internal"}');
      } else {
        res.destroy();
      }
    });
    return true;
  };
}
