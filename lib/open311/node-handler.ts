import type { IncomingMessage, ServerResponse } from "node:http";
import { headerBag, writeReply } from "@/lib/http/node-io";
import { logger } from "@/lib/logger";
import { Open311Error } from "./errors";
import { handleOpen311, type Open311Request } from "./handle-open311";
import { open311Target } from "./jurisdiction";

/** A POST body larger than this is refused (413) before it is read: forms are text, multipart files are ignored. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Where the API lives, and where next.config.ts rewrites it to (pages/api/open311/v2/[...path].ts); the
 * production listener routes the same two prefixes here before Next (lib/http/node-routes.ts, ADR 0010).
 */
export const OPEN311_PREFIXES = ["/open311/v2/", "/api/open311/v2/"] as const;

/**
 * GeoReport v2 straight from Node's request and response (ADR 0009; in production called before Next's
 * router, ADR 0010). Served as a Pages API route under `next dev`, so Next hands over Node's own objects: no web Request, no web streams for the body or the answer — on
 * these machines that framework path costs a third of an App Router route handler's. Everything the API
 * does is in handleOpen311; this only adapts: the path's segments, the headers, the body (read when the
 * handler asks for it, at most MAX_BODY_BYTES) and writing the reply in one piece.
 */
export async function serveOpen311(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? "/";
  const headers = headerBag(req);
  let body: Promise<Buffer> | undefined;
  const read = () => (body ??= readBody(req));
  const request: Open311Request = {
    method: req.method ?? "GET",
    url,
    headers,
    text: async () => (await read()).toString("utf8"),
    formData: async () => new Response(new Uint8Array(await read()), { headers: { "content-type": headers.get("content-type") ?? "" } }).formData(),
  };
  try {
    const reply = await handleOpen311(request, segmentsOf(url), open311Target(headers));
    // A body still arriving (refused as too large) is not waited for: the connection closes after the answer.
    if (!req.complete) reply.headers["Connection"] = "close";
    await writeReply(req, res, reply);
  } catch (error) {
    // handleOpen311 answers every failure itself; this is the socket failing under the answer.
    logger.error("open311: could not answer", { error: error instanceof Error ? error.message : String(error) });
    res.destroy();
  }
}

/** The catch-all segments, decoded as Next decodes route parameters; an undecodable path has none (404). */
export function segmentsOf(url: string): string[] {
  const path = url.split("?")[0]!;
  const prefix = OPEN311_PREFIXES.find((p) => path.startsWith(p));
  if (!prefix) return [];
  try {
    return path
      .slice(prefix.length)
      .split("/")
      .filter((s) => s !== "")
      .map((s) => decodeURIComponent(s));
  } catch {
    return [];
  }
}

/** The request body, refused past MAX_BODY_BYTES (by its Content-Length at once, or as it arrives). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new Open311Error(413, "request_too_large"));
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: Open311Error) => {
      req.removeAllListeners("data");
      reject(error);
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) fail(new Open311Error(413, "request_too_large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("aborted", () => fail(new Open311Error(400, "request_incomplete")));
    req.on("error", () => fail(new Open311Error(400, "request_incomplete")));
  });
}
