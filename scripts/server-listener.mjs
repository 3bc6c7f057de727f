// The request listener of production's server (scripts/serve.mjs), apart so that tests can run it on a
// loopback server of their own (tests/integration/http/server-listener.test.ts).

/** Where lib/http/node-routes.ts publishes the endpoints answered before Next (ADR 0010). */
const NODE_ROUTES = Symbol.for("piazza.nodeRoutes");

/**
 * Every request: first the client's address is settled, then the machine endpoints (GeoReport v2, the
 * map's GeoJSON) are answered from Node's own request and response when the server has published them;
 * everything else goes to Next's handler as it came.
 */
export function createListener({ handle, trustProxy }) {
  return (req, res) => {
    settleClientAddress(req, trustProxy);
    const nodeRoutes = globalThis[NODE_ROUTES];
    if (typeof nodeRoutes === "function" && nodeRoutes(req, res)) return;
    void handle(req, res);
  };
}

/**
 * X-Forwarded-For as the app reads it (lib/http/client-ip.ts takes the last entry, or the first behind a
 * trusted proxy). Without TRUST_PROXY the only address worth anything is the socket's: whatever the
 * client wrote is replaced (Next only fills the header in when it is missing, so a client could name
 * any address and dodge the per-address limits). Behind a trusted proxy the header is the proxy's,
 * kept as sent; a request that reaches the server directly gets the socket's address, as Next does.
 */
export function settleClientAddress(req, trustProxy) {
  const socketAddress = req.socket?.remoteAddress;
  if (trustProxy && req.headers["x-forwarded-for"]) return;
  if (socketAddress) req.headers["x-forwarded-for"] = socketAddress;
  else delete req.headers["x-forwarded-for"];
}
