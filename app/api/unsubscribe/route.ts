import { DomainError } from "@/lib/errors";
import { unfollowReport } from "@/lib/engagement/unfollow-report";
import { logger } from "@/lib/logger";
import { tenantFromHeaders } from "@/lib/tenancy/tenant-for-host";

/**
 * POST /api/unsubscribe?f=<follower id>&t=<token> on a comune's host: RFC 8058 one-click unsubscribe, the
 * target of the List-Unsubscribe header of follower emails. Mail clients POST here (body
 * "List-Unsubscribe=One-Click") with no cookies and no second click, so the token bound to the follower is
 * the whole authorisation; repeating it is harmless. Works while the comune is suspended: people must
 * always be able to stop emails. 200 when unsubscribed, 404 for a wrong link or another comune's follower.
 */
export async function POST(request: Request) {
  const tenant = await tenantFromHeaders(request.headers);
  if (!tenant) return Response.json({ error: "not_found" }, { status: 404 });
  const url = new URL(request.url);
  const input = { followerId: url.searchParams.get("f") ?? "", token: url.searchParams.get("t") ?? "" };
  try {
    const { code } = await unfollowReport({ ctx: { tenant, actor: { kind: "anonymous" } }, input });
    return Response.json({ unsubscribed: true, code }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return Response.json({ error: "not_found" }, { status: 404 });
    const ref = crypto.randomUUID();
    logger.error("one-click unsubscribe failed", { ref, error: String(error) });
    return Response.json({ error: "internal_error", ref }, { status: 500 });
  }
}

/** A person (or an old client) opening the header's URL gets the confirmation page, which asks for a click. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const query = new URLSearchParams();
  for (const key of ["f", "t"]) {
    const value = url.searchParams.get(key);
    if (value) query.set(key, value);
  }
  // Relative Location: request.url carries the server's own host under `next start`, not the comune's.
  return new Response(null, { status: 303, headers: { Location: `/segnalazioni/disiscrizione?${query}` } });
}
