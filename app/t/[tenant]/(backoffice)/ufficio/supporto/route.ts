import { requestHost, requestScheme } from "@/lib/tenancy/request-host";
import { tenantForHost } from "@/lib/tenancy/tenant-for-host";
import { consumeSupportHandoff, SUPPORT_COOKIE } from "@/lib/vendor/support-access";

/**
 * Support hand-off on the comune's host: consumes the one-time link minted in the console and sets the
 * host-only support cookie, which expires with the grant (and is re-checked against it on every request).
 */
export async function GET(request: Request): Promise<Response> {
  const host = requestHost(request.headers);
  const tenant = await tenantForHost(host);
  const url = new URL(request.url);
  if (!tenant || !host) return new Response("Not found", { status: 404 });
  const session = await consumeSupportHandoff(tenant.id, url.searchParams.get("grant") ?? "", url.searchParams.get("token") ?? "");
  const origin = `${requestScheme(request.headers, host)}://${host}`;
  if (!session) return Response.redirect(`${origin}/accedi`, 303);
  const secure = origin.startsWith("https") ? "; Secure" : "";
  return new Response(null, {
    status: 303,
    headers: {
      location: `${origin}/ufficio`,
      "set-cookie": `${SUPPORT_COOKIE}=${session.cookie}; Path=/; HttpOnly; SameSite=Lax; Expires=${session.expiresAt.toUTCString()}${secure}`,
    },
  });
}
