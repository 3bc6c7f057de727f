import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { requestHost, requestScheme } from "@/lib/tenancy/request-host";

/**
 * Auth.js builds its URLs (callbacks, redirects) from the request URL, which under `next start` carries the
 * server's own host. Rebuild it from the validated Host so every comune gets links to itself.
 */
function onPublicHost(request: NextRequest): NextRequest {
  const host = requestHost(request.headers);
  if (!host) return request;
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, `${requestScheme(request.headers, host)}://${host}`);
  return new NextRequest(url, request);
}

export const GET = (request: NextRequest) => handlers.GET(onPublicHost(request));
export const POST = (request: NextRequest) => handlers.POST(onPublicHost(request));
