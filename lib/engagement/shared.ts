import { z } from "zod";
import type { Tx } from "@/db/client";
import { emailConfirmations } from "@/db/schema";
import type { Ctx, TenantRef } from "@/lib/context";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { enqueue } from "@/lib/outbox/enqueue";
import { checkRateLimit, type RateLimitRule } from "@/lib/security/rate-limit";
import { newToken } from "@/lib/security/tokens";
import { tenantBaseUrl } from "@/lib/tenancy/urls";

/** Emailed confirmation links are valid for 48 hours and a single use. */
export const CONFIRMATION_TTL_MS = 48 * 3600 * 1000;

export const emailInput = z.string().trim().toLowerCase().min(1, "email_required").max(254, "email_invalid").email("email_invalid");

/**
 * The address of a public action: optional for signed-in citizens, who act as their account and get no
 * email field, so the form's empty value counts as "not given" (the verb then requires it for visitors).
 */
export const optionalEmailInput = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), emailInput.optional());

export function brandOf(tenant: TenantRef) {
  return { tenantName: `Comune di ${tenant.name}`, primaryColor: tenant.primaryColor };
}

export function confirmUrl(slug: string, token: string): string {
  return `${tenantBaseUrl(slug)}/conferma/${token}`;
}

/** Public writes are refused while the comune's service is suspended. */
export function assertWritable(ctx: Ctx): void {
  assertTenantWritable(ctx.tenant);
}

/**
 * Per-IP and per-email (or per-subject, e.g. a report) limits of a public action, keyed by comune. Guards
 * abuse: one address cannot flood a comune with comments, and one IP cannot flood many addresses. An
 * unknown IP skips the IP limit rather than sharing one bucket with every other unknown client.
 */
export async function limitPublicAction(
  ctx: Ctx,
  action: string,
  email: string | null,
  rules: { perIp: RateLimitRule; perEmail?: RateLimitRule },
): Promise<void> {
  if (ctx.ip) await checkRateLimit(`${ctx.tenant.id}:${action}:ip:${ctx.ip}`, rules.perIp);
  if (email && rules.perEmail) await checkRateLimit(`${ctx.tenant.id}:${action}:email:${email}`, rules.perEmail);
}

/**
 * Holds an action of a citizen without an account until they click the emailed link (/conferma/<token>):
 * stores only the token's hash, and enqueues the email in the caller's transaction.
 */
export async function holdForConfirmation(
  tx: Tx,
  tenant: TenantRef,
  args: {
    purpose: "follow" | "comment" | "support";
    email: string;
    report: { id: string; code: string };
    payload?: Record<string, unknown>;
    template: string;
    quote?: string;
  },
): Promise<{ confirmationId: string }> {
  const { token, hash } = newToken();
  const [row] = await tx
    .insert(emailConfirmations)
    .values({
      tenantId: tenant.id,
      purpose: args.purpose,
      email: args.email,
      reportId: args.report.id,
      payload: args.payload ?? {},
      tokenHash: hash,
      expiresAt: new Date(Date.now() + CONFIRMATION_TTL_MS),
    })
    .returning({ id: emailConfirmations.id });
  await enqueue(
    tx,
    tenant.id,
    {
      kind: "email",
      tenantSlug: tenant.slug,
      message: {
        template: args.template,
        to: args.email,
        brand: brandOf(tenant),
        values: { code: args.report.code },
        quote: args.quote,
        action: { url: confirmUrl(tenant.slug, token) },
      },
    },
    `confirm:${row!.id}`,
  );
  return { confirmationId: row!.id };
}
