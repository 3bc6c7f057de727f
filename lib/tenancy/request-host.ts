import { env } from "@/lib/env";

type HeaderBag = { get(name: string): string | null };

/**
 * The Host the person typed. X-Forwarded-Host is honoured only with TRUST_PROXY=1: otherwise anyone could
 * send it and be served (or mint links for) another comune.
 */
export function requestHost(headers: HeaderBag): string | null {
  if (env.TRUST_PROXY) {
    const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get("host");
}

/** Scheme for absolute links built from the validated host. */
export function requestScheme(headers: HeaderBag, host: string): "http" | "https" {
  if (env.PUBLIC_SCHEME) return env.PUBLIC_SCHEME;
  if (env.TRUST_PROXY && headers.get("x-forwarded-proto")?.startsWith("https")) return "https";
  return /(^|\.)localhost(:\d+)?$/.test(host) || env.NODE_ENV !== "production" ? "http" : "https";
}
