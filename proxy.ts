import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { requestHost } from "@/lib/tenancy/request-host";
import { resolveHost } from "@/lib/tenancy/resolve-host";

/**
 * Host → surface, nothing else: parses the Host (pure resolveHost), rewrites to the internal tree and
 * refuses direct requests to it. No database here; the tenant layout looks the comune up and fails closed.
 */
const INTERNAL_PREFIX = /^\/(t|vendor)(\/|$)/;
const NOT_FOUND = "/_piazza/not-found";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (INTERNAL_PREFIX.test(pathname) || pathname.startsWith("/_piazza")) {
    return NextResponse.rewrite(new URL(NOT_FOUND, request.url));
  }

  const target = resolveHost(requestHost(request.headers), env.ROOT_DOMAIN);
  const rest = pathname === "/" ? "" : pathname;
  // The path the person asked for (pages need it for "sign in, then come back"); any client value is replaced.
  const forwarded = new Headers(request.headers);
  forwarded.set("x-piazza-path", `${pathname}${search}`);
  const rewrite = (to: string) => NextResponse.rewrite(new URL(to, request.url), { request: { headers: forwarded } });
  switch (target.kind) {
    case "apex":
      return NextResponse.next({ request: { headers: forwarded } });
    case "vendor":
      return rewrite(`/vendor${rest}${search}`);
    case "tenant":
      return rewrite(`/t/${target.slug}${rest}${search}`);
    case "custom":
      // A dot never appears in a slug, so the tenant layout knows to look this up in tenant_domains.
      return rewrite(`/t/${target.host}${rest}${search}`);
    default:
      return NextResponse.rewrite(new URL(NOT_FOUND, request.url));
  }
}

export const config = {
  // /map/ holds public static files (the offline map style) that every comune's host must load as-is.
  // /api/ route handlers resolve the tenant from the Host themselves (the same resolveHost) and need no
  // rewrite: leaving them out spares the map's GeoJSON and the APIs a proxy pass per request. So does
  // GeoReport v2 (/open311/), one route for every host (pages/api/open311/v2/[...path].ts, ADR 0009).
  matcher: ["/((?!api/|open311/|_next/static|_next/image|favicon.ico|robots.txt|map/).*)"],
};
