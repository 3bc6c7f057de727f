"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { staffActionCtx } from "@/lib/auth/action-context";
import { getStaffActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { recordSetupStep, SETUP_STEPS, type SetupStep } from "@/lib/onboarding/setup-progress";
import { MAX_EMBLEM_BYTES, updateBranding } from "@/lib/onboarding/update-branding";
import { requestHost } from "@/lib/tenancy/request-host";
import { tenantForHost } from "@/lib/tenancy/tenant-for-host";

export type BrandingState = { ok: boolean | null; message?: string; fieldErrors?: Record<string, string>; primaryColor?: string };

export async function updateBrandingAction(_prev: BrandingState, form: FormData): Promise<BrandingState> {
  const t = await getTranslations("welcome.errors");
  const primaryColor = String(form.get("primaryColor") ?? "");
  const tenant = await tenantForHost(requestHost(await headers()));
  const actor = tenant ? await getStaffActor(tenant) : null;
  if (!tenant || !actor) return { ok: false, message: t("forbidden"), primaryColor };
  const file = form.get("emblem");
  let emblem: Buffer | null = null;
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_EMBLEM_BYTES) return { ok: false, fieldErrors: { emblem: t("emblem_too_large") }, message: t("validation"), primaryColor };
    emblem = Buffer.from(await file.arrayBuffer());
  }
  try {
    await updateBranding({ ctx: { tenant, actor }, input: { primaryColor }, emblem });
    revalidatePath("/", "layout");
    return { ok: true, message: t("saved"), primaryColor };
  } catch (error) {
    if (error instanceof DomainError) {
      const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors ?? {}).map(([k, v]) => [k, t(v[0] as "validation")]));
      return { ok: false, message: t.has(error.code as "validation") ? t(error.code as "validation") : t("validation"), fieldErrors, primaryColor };
    }
    logger.error("branding update failed", { error: String(error) });
    return { ok: false, message: t("unexpected"), primaryColor };
  }
}

/**
 * "Continue" / "Skip" of a wizard step: records the outcome (recordSetupStep checks config.write and a
 * writable comune), then opens the next step. Works without JavaScript (plain form post + redirect); an
 * error comes back as ?errore=<code> on the same step.
 */
export async function setupStepAction(form: FormData): Promise<void> {
  const step = String(form.get("step") ?? "");
  const outcome = String(form.get("outcome") ?? "");
  let target: string;
  try {
    const ctx = await staffActionCtx();
    await recordSetupStep({ ctx, input: { step: step as SetupStep, outcome: outcome as "done" | "skipped" } });
    const next = SETUP_STEPS[SETUP_STEPS.indexOf(step as SetupStep) + 1];
    target = next ? `/ufficio/benvenuto?passo=${next}` : step === "done" ? "/ufficio" : "/ufficio/benvenuto";
  } catch (error) {
    const code = error instanceof DomainError ? error.code : "unexpected";
    if (!(error instanceof DomainError)) logger.error("setup step failed", { error: String(error) });
    target = `/ufficio/benvenuto?passo=${encodeURIComponent(step)}&errore=${encodeURIComponent(code)}`;
  }
  revalidatePath("/ufficio/benvenuto");
  redirect(target);
}
