import type { IncomingMessage, ServerResponse } from "node:http";

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

/** A text answer written in one piece, with its length (204 has no body and no length). */
export function writeReply(res: ServerResponse, reply: { status: number; headers: Record<string, string>; body: string }): void {
  const length = reply.status === 204 ? {} : { "Content-Length": String(Buffer.byteLength(reply.body)) };
  res.writeHead(reply.status, { ...reply.headers, ...length });
  res.end(reply.body);
}
