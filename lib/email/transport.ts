import { Resend } from "resend";
import { devMailbox } from "@/db/schema";
// System handle: the dev mailbox is a platform table written by the outbox worker.
import { getSystemDb } from "@/db/system";
import { env } from "@/lib/env";

export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  tenantSlug: string | null;
  tags?: Record<string, string>;
  /** Extra headers, e.g. RFC 8058 List-Unsubscribe / List-Unsubscribe-Post on follower emails. */
  headers?: Record<string, string>;
  idempotencyKey?: string;
};

let resend: Resend | null = null;

/**
 * Resend in production (RESEND_API_KEY; RESEND_BASE_URL points the SDK at a stand-in in tests), otherwise
 * the dev mailbox table. Throws on failure so the outbox retries.
 */
export async function deliverEmail(email: OutgoingEmail): Promise<void> {
  if (env.RESEND_API_KEY) {
    resend ??= new Resend(env.RESEND_API_KEY, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : undefined);
    const { error } = await resend.emails.send(
      {
        from: env.EMAIL_FROM,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
        tags: Object.entries(email.tags ?? {}).map(([name, value]) => ({ name, value: value.replace(/[^\w-]/g, "_") })),
      },
      email.idempotencyKey ? { idempotencyKey: email.idempotencyKey } : undefined,
    );
    if (error) throw new Error(`Resend: ${error.message}`);
    return;
  }
  const db = await getSystemDb();
  await db.insert(devMailbox).values({
    tenantSlug: email.tenantSlug,
    to: email.to.toLowerCase(),
    subject: email.subject,
    html: email.html,
    text: email.text,
    tags: email.tags ?? {},
    headers: email.headers ?? {},
  });
}
