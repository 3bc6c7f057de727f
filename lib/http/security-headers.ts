/**
 * The headers every answer carries: next.config.ts gives them to whatever Next serves, and the machine
 * endpoints that production's server answers before Next (lib/http/node-routes.ts) write them themselves.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "SAMEORIGIN",
  "Permissions-Policy": "camera=(self), geolocation=(self), microphone=()",
};
