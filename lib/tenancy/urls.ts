import { env } from "@/lib/env";

/**
 * Absolute base URL of a comune's site, for links in emails and API documents. Built from configuration,
 * never from request.url (which carries the server's own host under `next start`).
 */
export function tenantBaseUrl(slug: string): string {
  return `${publicScheme()}://${slug}.${env.ROOT_DOMAIN}`;
}

export function rootBaseUrl(): string {
  return `${publicScheme()}://${env.ROOT_DOMAIN}`;
}

export function publicScheme(): "http" | "https" {
  if (env.PUBLIC_SCHEME) return env.PUBLIC_SCHEME;
  return /(^|\.)localhost(:\d+)?$/.test(env.ROOT_DOMAIN) ? "http" : "https";
}
