"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { mintSignInLink } from "@/lib/auth/magic-link";
import { DomainError, RateLimitedError } from "@/lib/errors";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { completeOnboarding } from "@/lib/onboarding/complete-onboarding";
import { checkSlug, type SlugCheck } from "@/lib/onboarding/slug";
import { startOnboarding } from "@/lib/onboarding/start-onboarding";

export type OnboardingState = {
  ok: boolean | null;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  sentTo?: string;
};

function ip(h: Headers): string | null {
  return env.TRUST_PROXY ? (h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null) : null;
}

/** Live subdomain check for the form (shape, reserved, taken). */
export async function checkSlugAction(slug: string): Promise<SlugCheck> {
  return checkSlug(String(slug).slice(0, 80));
}

export async function startOnboardingAction(_prev: OnboardingState, form: FormData): Promise<OnboardingState> {
  const t = await getTranslations("onboarding.errors");
  const values = Object.fromEntries(["istatCode", "comuneLabel", "slug", "adminName", "email"].map((k) => [k, String(form.get(k) ?? "")]));
  try {
    await startOnboarding({
      input: {
        istatCode: values.istatCode!,
        slug: values.slug!,
        adminName: values.adminName!,
        email: values.email!,
        password: String(form.get("password") ?? ""),
        acceptTerms: (form.get("acceptTerms") === "on") as true,
        locale: await getLocale(),
      },
      ip: ip(await headers()),
    });
    return { ok: true, sentTo: values.email };
  } catch (error) {
    if (error instanceof RateLimitedError) return { ok: false, message: t("rate_limited"), values };
    if (error instanceof DomainError) {
      const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors ?? {}).map(([k, v]) => [k, t(v[0] as "invalid")]));
      const message = t.has(error.code as "invalid") ? t(error.code as "invalid") : t("validation");
      return { ok: false, message, fieldErrors, values };
    }
    logger.error("onboarding start failed", { error: String(error) });
    return { ok: false, message: t("unexpected"), values };
  }
}

export type ConfirmState = { ok: boolean | null; message?: string };

/** Creates the comune and sends the browser to its own host, signed in through a one-time link. */
export async function confirmOnboardingAction(_prev: ConfirmState, form: FormData): Promise<ConfirmState> {
  const t = await getTranslations("onboarding.errors");
  let target: string;
  try {
    const done = await completeOnboarding({ token: String(form.get("token") ?? "") });
    target = await mintSignInLink({ id: done.tenantId, slug: done.slug }, done.email, done.alreadyCompleted ? "/ufficio" : "/ufficio/benvenuto");
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, message: t.has(error.code as "invalid") ? t(error.code as "invalid") : t("link_invalid") };
    logger.error("onboarding completion failed", { error: String(error) });
    return { ok: false, message: t("unexpected") };
  }
  redirect(target);
}
