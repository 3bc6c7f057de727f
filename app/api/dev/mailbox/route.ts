import { devMailboxEnabled } from "@/lib/env";
import { listDevMail } from "@/lib/email/dev-mailbox";

/**
 * Development mailbox: GET ?to=<address> → the emails the app "sent" there (newest first). Exists only
 * when no real transport is configured and DEV_MAILBOX allows it (never in a normal production setup).
 */
export async function GET(request: Request) {
  if (!devMailboxEnabled()) return new Response("Not found", { status: 404 });
  const to = new URL(request.url).searchParams.get("to");
  if (!to) return Response.json({ error: "to required" }, { status: 400 });
  const mails = await listDevMail(to);
  return Response.json(mails.map(({ id, to, subject, text, html, tenantSlug, createdAt }) => ({ id, to, subject, text, html, tenantSlug, createdAt })));
}
