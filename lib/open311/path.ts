export type Open311Format = "json" | "xml";
export type Open311Resource =
  | { kind: "discovery" }
  | { kind: "services" }
  | { kind: "service"; code: string }
  | { kind: "requests" }
  | { kind: "request"; id: string }
  | { kind: "token"; token: string };

/**
 * `[...path]` of /open311/v2/… → resource and format. The format is the extension of the last segment, as
 * the spec requires (services.xml, requests/FOS-2026-000001.json); ids may contain dots, so only the last
 * extension counts. Null for anything else.
 */
export function parseOpen311Path(segments: string[]): { resource: Open311Resource; format: Open311Format } | null {
  if (segments.length === 0 || segments.length > 2) return null;
  const last = segments[segments.length - 1]!;
  const match = /^(.+)\.(json|xml)$/i.exec(last);
  if (!match) return null;
  const name = match[1]!;
  const format = match[2]!.toLowerCase() as Open311Format;
  if (segments.length === 1) {
    if (name === "discovery") return { resource: { kind: "discovery" }, format };
    if (name === "services") return { resource: { kind: "services" }, format };
    if (name === "requests") return { resource: { kind: "requests" }, format };
    return null;
  }
  const [collection] = segments;
  if (collection === "services") return { resource: { kind: "service", code: name }, format };
  if (collection === "requests") return { resource: { kind: "request", id: name }, format };
  if (collection === "tokens") return { resource: { kind: "token", token: name }, format };
  return null;
}

/** Best guess of the wanted format for an error on an unparseable path (XML is the spec's default). */
export function guessFormat(segments: string[]): Open311Format {
  return /\.json$/i.test(segments[segments.length - 1] ?? "") ? "json" : "xml";
}
