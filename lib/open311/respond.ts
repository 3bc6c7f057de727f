import type { Open311Format } from "./path";
import { toXmlDocument } from "./xml";

/**
 * One response in the asked format: XML as text/xml with the UTF-8 declaration, JSON as application/json;
 * both UTF-8 (spec). Public data: any origin may read it (CORS), nothing is cached by shared caches.
 */
export function xmlOrJson(
  format: Open311Format,
  root: string,
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  const common = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store", ...headers };
  if (format === "json") {
    return new Response(JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json; charset=utf-8", ...common },
    });
  }
  return new Response(toXmlDocument(root, body), {
    status,
    headers: { "Content-Type": "text/xml; charset=utf-8", ...common },
  });
}
