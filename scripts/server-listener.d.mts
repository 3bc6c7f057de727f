import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

export function createListener(options: {
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
  trustProxy: boolean;
}): RequestListener;

export function settleClientAddress(req: IncomingMessage, trustProxy: boolean): void;
