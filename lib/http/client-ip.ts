import { env } from "@/lib/env";

type HeaderBag = { get(name: string): string | null };

/**
 * The address rate limits count by. Behind a trusted proxy (TRUST_PROXY=1) it is the left-most
 * X-Forwarded-For entry the proxy wrote. Otherwise `next start` fills X-Forwarded-For with the socket's
 * address only when the client sent none, so the last entry is the best available; a client that forges
 * the header can dodge the per-IP limit, which is why public writes also have a per-email limit.
 */
export function clientIp(headers: HeaderBag): string {
  const forwarded = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!forwarded?.length) return "unknown";
  return (env.TRUST_PROXY ? forwarded[0] : forwarded[forwarded.length - 1]) ?? "unknown";
}
