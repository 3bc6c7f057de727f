import { z } from "zod";
import { onboardingRequests } from "@/db/schema";
// System handle: a sign-up happens before its comune (tenant) exists.
import { getSystemDb } from "@/db/system";
import { hashPassword } from "@/lib/auth/password";
import { renderEmail } from "@/lib/email/render";
import { deliverEmail } from "@/lib/email/transport";
import { ConflictError, ValidationError } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { toValidationError } from "@/lib/reports/create-report";
import { checkRateLimit } from "@/lib/security/rate-limit";
import { newToken } from "@/lib/security/tokens";
import { rootBaseUrl } from "@/lib/tenancy/urls";
import { findComune } from "./comuni";
import { checkSlug, isComuneTaken } from "./slug";

export const ONBOARDING_TTL_HOURS = 48;

export const startOnboardingInput = z.object({
  istatCode: z.string().regex(/^\d{6}$/, "comune_required"),
  slug: z.string().trim().toLowerCase().min(1, "slug_required").max(63, "slug_invalid"),
  adminName: z.string().trim().min(2, "required").max(120, "too_long"),
  email: z.string().trim().toLowerCase().email("email_invalid").max(254),
  password: z.string().min(10, "password_too_short").max(200, "too_long"),
  acceptTerms: z.literal(true, { error: "terms_required" }),
  locale: z.string().optional(),
});
export type StartOnboardingInput = z.input<typeof startOnboardingInput>;

/**
 * First step of self-service sign-up: validates, checks that the comune and the subdomain are free, stores
 * the request (password already hashed, token hashed) and emails the confirmation link.
 *
 * The email is delivered right after the request commits rather than through the outbox: the outbox is a
 * tenant table and no tenant exists yet. The request row is the durable record; if delivery fails the
 * person is told at once and "send again" mints a new request (the old token just expires), so nothing
 * accepted is silently lost.
 */
export async function startOnboarding({ input, ip }: { input: StartOnboardingInput; ip: string | null }): Promise<{ requestId: string }> {
  const parsed = startOnboardingInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const data = parsed.data;
  await checkRateLimit(`platform:onboarding:email:${data.email}`, { limit: 5, windowSeconds: 3600 });
  if (ip) await checkRateLimit(`platform:onboarding:ip:${ip}`, { limit: 20, windowSeconds: 3600 });

  const comune = findComune(data.istatCode);
  if (!comune) throw new ValidationError("validation", { istatCode: ["comune_required"] });
  if (await isComuneTaken(comune.istat)) throw new ConflictError("comune_taken");
  const slug = await checkSlug(data.slug);
  if (!slug.ok) throw new ValidationError("validation", { slug: [`slug_${slug.reason}`] });

  const { token, hash } = newToken();
  const db = await getSystemDb();
  const [request] = await db
    .insert(onboardingRequests)
    .values({
      email: data.email,
      istatCode: comune.istat,
      slug: data.slug,
      payload: {
        adminName: data.adminName,
        passwordHash: await hashPassword(data.password),
        locale: isLocale(data.locale) ? data.locale : "it",
        termsAcceptedAt: new Date().toISOString(),
        ip,
      },
      tokenHash: hash,
      expiresAt: new Date(Date.now() + ONBOARDING_TTL_HOURS * 3600 * 1000),
    })
    .returning({ id: onboardingRequests.id });

  const email = await renderEmail({
    template: "onboarding.verifyEmail",
    locale: isLocale(data.locale) ? data.locale : "it",
    to: data.email,
    brand: { tenantName: "Piazza", primaryColor: "#0b5394" },
    values: { name: data.adminName, comuneName: comune.name, hours: ONBOARDING_TTL_HOURS },
    action: { url: `${rootBaseUrl()}/attiva/conferma?token=${encodeURIComponent(token)}` },
  });
  await deliverEmail({ ...email, to: data.email, tenantSlug: null, idempotencyKey: `onboarding:${request!.id}`, tags: { template: "onboarding.verifyEmail" } });
  return { requestId: request!.id };
}
