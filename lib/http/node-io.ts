import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { SECURITY_HEADERS } from "./security-headers";

/** Headers as a web `Headers` reads them (lower-case names, repeated values joined with ", "). */
export type HeaderBag = { get(name: string): string | null };

/** Node's request headers behind the `get` that lib/ code reads (the same code serves web Requests). */
export function headerBag(req: IncomingMessage): HeaderBag {
  return {
    get(name: string): string | null {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** Smaller answers are sent as they are: gzip would save little and cost a round of compression (Next's threshold). */
export const GZIP_THRESHOLD_BYTES = 1024;

const gzipAsync = promisify(gzip);

/**
 * A text answer written in one piece, with its length (204 has no body and no length), the security
 * headers every answer carries, and gzip when the client accepts it and the body is worth compressing
 * (the map's GeoJSON: ≈ 160 KB → ≈ 25 KB). Compression runs on libuv's thread pool, not the event loop.
 * HEAD gets the headers a GET would, without the body.
 */
export async function writeReply(
  req: IncomingMessage,
  res: ServerResponse,
  reply: { status: number; headers: Record<string, string>; body: string },
): Promise<void> {
  const headers: Record<string, string> = { ...SECURITY_HEADERS, ...reply.headers, Vary: varyWithEncoding(reply.headers.Vary) };
  if (reply.status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  let body: Buffer = Buffer.from(reply.body, "utf8");
  if (body.length >= GZIP_THRESHOLD_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
    body = await gzipAsync(body);
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = String(body.length);
  res.writeHead(reply.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

function varyWithEncoding(vary: string | undefined): string {
  if (!vary) return "Accept-Encoding";
  return /(^|,)\s*accept-encoding\s*(,|$)/i.test(vary) ? vary : `${vary}, Accept-Encoding`;
}

/** Whether Accept-Encoding allows gzip: named (or "*") with a quality above zero. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (!header) return false;
  let gzipQ: number | null = null;
  let anyQ: number | null = null;
  for (const part of (Array.isArray(header) ? header.join(",") : header).split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const quality = Number.isFinite(q) ? q : 0;
    if (name === "gzip" || name === "x-gzip") gzipQ = quality;
    else if (name === "*") anyQ = quality;
  }
  return (gzipQ ?? anyQ ?? 0) > 0;
}
