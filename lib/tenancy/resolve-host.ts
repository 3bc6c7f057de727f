/**
 * Host → surface. Pure and table-tested (tests/unit/resolve-host.test.ts): it is the only thing the proxy
 * decides on, so it must never guess. Anything it cannot parse is "unknown" and gets a 404.
 */
export type HostResolution =
  | { kind: "tenant"; slug: string }
  | { kind: "vendor" }
  | { kind: "apex" }
  | { kind: "custom"; host: string }
  | { kind: "unknown" };

/** Subdomains that can never be a comune: the vendor console plus names kept for infrastructure. */
export const RESERVED_SUBDOMAINS = new Set([
  "admin",
  "api",
  "app",
  "assets",
  "cdn",
  "console",
  "dashboard",
  "dev",
  "docs",
  "ftp",
  "help",
  "imap",
  "mail",
  "open311",
  "pop",
  "smtp",
  "static",
  "staging",
  "status",
  "support",
  "test",
  "vendor",
  "webmail",
  "www",
]);

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** A tenant slug is one DNS label: lower-case letters, digits and inner hyphens. */
export function isValidSlug(slug: string): boolean {
  return LABEL.test(slug) && !/^\d+$/.test(slug);
}

/** A slug a new comune may take: valid and not reserved for the platform. */
export function isAvailableSlugShape(slug: string): boolean {
  return isValidSlug(slug) && !RESERVED_SUBDOMAINS.has(slug);
}

/** Splits "host:port" (and "[v6]:port") and lower-cases; null when the port or brackets are malformed. */
export function hostnameOf(rawHost: string): string | null {
  const host = rawHost.trim().toLowerCase();
  if (host.length === 0 || host.length > 260) return null;
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    if (end < 0) return null;
    const rest = host.slice(end + 1);
    if (rest !== "" && !(rest.startsWith(":") && validPort(rest.slice(1)))) return null;
    return host.slice(0, end + 1);
  }
  const parts = host.split(":");
  if (parts.length > 2) return null;
  if (parts.length === 2 && !validPort(parts[1]!)) return null;
  return parts[0]!.replace(/\.$/, "");
}

function validPort(port: string): boolean {
  return /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;
}

/** A last label that is all digits (or hex) makes browsers read the host as an IPv4 address. */
function looksNumeric(hostname: string): boolean {
  const last = hostname.split(".").pop() ?? "";
  return /^(0x[0-9a-f]*|\d+)$/.test(last);
}

function isDnsName(hostname: string): boolean {
  if (hostname.length === 0 || hostname.length > 253) return false;
  return hostname.split(".").every((label) => LABEL.test(label));
}

export function resolveHost(rawHost: string | null | undefined, rootDomain: string): HostResolution {
  if (!rawHost) return { kind: "unknown" };
  const hostname = hostnameOf(rawHost);
  const root = hostnameOf(rootDomain);
  if (!hostname || !root) return { kind: "unknown" };
  if (hostname.startsWith("[") || IPV4.test(hostname) || looksNumeric(hostname)) return { kind: "unknown" };
  if (!isDnsName(hostname)) return { kind: "unknown" };

  const name = hostname.startsWith("www.") ? hostname.slice(4) : hostname;
  if (name === root) return { kind: "apex" };

  if (name.endsWith(`.${root}`)) {
    const sub = name.slice(0, -(root.length + 1));
    if (sub.includes(".")) return { kind: "unknown" };
    if (sub === "admin") return hostname.startsWith("www.") ? { kind: "unknown" } : { kind: "vendor" };
    if (RESERVED_SUBDOMAINS.has(sub) || !isValidSlug(sub)) return { kind: "unknown" };
    return { kind: "tenant", slug: sub };
  }

  // Anything else must be a real multi-label public name to be looked up in tenant_domains.
  if (!name.includes(".") || name === "localhost" || name.endsWith(".localhost")) {
    return { kind: "unknown" };
  }
  return { kind: "custom", host: hostname };
}
