import type { Open311Reply } from "./handle-open311";
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
): Open311Reply {
  const common = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store", ...headers };
  if (format === "json") {
    return { status, headers: { "Content-Type": "application/json; charset=utf-8", ...common }, body: JSON.stringify(body) };
  }
  return { status, headers: { "Content-Type": "text/xml; charset=utf-8", ...common }, body: toXmlDocument(root, body) };
}
