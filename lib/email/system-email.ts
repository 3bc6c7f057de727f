import { outbox } from "@/db/schema";
// System handle: sign-in and platform emails are enqueued outside any tenant transaction.
import { getSystemDb } from "@/db/system";
import type { EmailMessage } from "./render";

/**
 * Enqueues an email that is not part of a tenant write (sign-in links, password resets): same durable
 * outbox and worker, written through the system handle. Tenant-scoped changes use lib/outbox/enqueue.ts
 * inside their own transaction instead.
 */
export async function enqueueSystemEmail(
  tenant: { id: string; slug: string; name: string; primaryColor: string },
  message: Omit<EmailMessage, "brand">,
  dedupeKey: string,
): Promise<void> {
  const db = await getSystemDb();
  await db
    .insert(outbox)
    .values({
      tenantId: tenant.id,
      kind: "email",
      payload: {
        kind: "email",
        tenantSlug: tenant.slug,
        message: { ...message, brand: { tenantName: `Comune di ${tenant.name}`, primaryColor: tenant.primaryColor } },
      },
      dedupeKey,
    })
    .onConflictDoNothing({ target: [outbox.tenantId, outbox.dedupeKey] });
}
