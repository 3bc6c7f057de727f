import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Resend HTTP API (POST /emails), enough for the real `resend` SDK: it records
 * every accepted email with its headers, answers `{ id }` like Resend, and can be told to fail for some
 * recipients with Resend's error shape (`{ statusCode, name, message }`).
 */
export type ReceivedEmail = {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
};

export type ResendStandIn = {
  url: string;
  received: ReceivedEmail[];
  /** Recipients for which the next requests get a 500 (until removed from the set). */
  failFor: Set<string>;
  close: () => Promise<void>;
};

export async function startResendStandIn(port = 0): Promise<ResendStandIn> {
  const received: ReceivedEmail[] = [];
  const failFor = new Set<string>();
  let next = 1;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method !== "POST" || req.url !== "/emails") {
        return reply(404, { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." });
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Omit<ReceivedEmail, "authorization" | "idempotencyKey"> & { to: string | string[] };
      const to = Array.isArray(body.to) ? body.to : [body.to];
      if (to.some((address) => failFor.has(address))) {
        return reply(500, { statusCode: 500, name: "internal_server_error", message: "Stand-in told to fail." });
      }
      received.push({
        ...body,
        to,
        authorization: req.headers.authorization,
        idempotencyKey: req.headers["idempotency-key"] as string | undefined,
      });
      reply(200, { id: `stand-in-${next++}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    received,
    failFor,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
