import { env } from "@/lib/env";

type HeaderBag = { get(name: string): string | null };

const IP = /^[0-9a-f.:]{2,45}$/i;

/**
 * The client's address for per-IP rate limits, or null when unknown. Behind a trusted proxy
 * (TRUST_PROXY=1) the left-most X-Forwarded-For entry is the client. Otherwise the header holds the
 * socket's address and nothing else: production's server (`npm start`, scripts/server-listener.mjs)
 * replaces whatever the client sent. (Bare `next start` only fills the header in when it is missing, so
 * a client could name any address there: run Piazza with `npm start`.) Public writes also have
 * per-email and per-comune limits that no header can dodge.
 */
export function clientIp(headers: HeaderBag): string | null {
  const parts = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const candidate = parts?.length ? (env.TRUST_PROXY ? parts[0] : parts[parts.length - 1]) : env.TRUST_PROXY ? headers.get("x-real-ip") : null;
  return candidate && IP.test(candidate) ? candidate : null;
}
