"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signOut } from "@/lib/auth/auth";
import { getVendorActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { addCustomDomain } from "@/lib/vendor/add-domain";
import { changePlan } from "@/lib/vendor/change-plan";
import { enrolVendorTotp } from "@/lib/vendor/enrol-totp";
import { extendTrial } from "@/lib/vendor/extend-trial";
import { setTenantStatus } from "@/lib/vendor/set-tenant-status";
import { removeCustomDomain } from "@/lib/vendor/remove-domain";
import { grantSupportAccess, revokeSupportAccess } from "@/lib/vendor/support-access";

export type VendorActionState = { ok: boolean | null; message?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

async function ctx() {
  const h = await headers();
  return { actor: await getVendorActor(), ip: env.TRUST_PROXY ? (h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null) : null };
}

async function failure(error: unknown, values: Record<string, string>): Promise<VendorActionState> {
  const t = await getTranslations("vendor.errors");
  if (error instanceof DomainError) {
    const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors ?? {}).map(([k, v]) => [k, t.has(v[0] as "validation") ? t(v[0] as "validation") : t("validation")]));
    return { ok: false, message: t.has(error.code as "validation") ? t(error.code as "validation") : t("validation"), fieldErrors, values };
  }
  logger.error("vendor action failed", { error: String(error) });
  return { ok: false, message: t("unexpected"), values };
}

const read = (form: FormData, keys: string[]) => Object.fromEntries(keys.map((k) => [k, String(form.get(k) ?? "")]));

/** One action for every console form: `op` picks the verb; each verb checks the vendor's permission first. */
export async function vendorAction(_prev: VendorActionState, form: FormData): Promise<VendorActionState> {
  const values = read(form, ["op", "tenantId", "reason", "days", "trialDays", "plan", "host", "minutes", "grantId"]);
  const c = await ctx();
  const t = await getTranslations("vendor");
  let handoff: string | null = null;
  try {
    switch (values.op) {
      case "suspend":
      case "reactivate":
        await setTenantStatus({
          ctx: c,
          input: { tenantId: values.tenantId!, action: values.op, reason: values.reason!, trialDays: values.trialDays ? Number(values.trialDays) : undefined },
        });
        break;
      case "extend_trial":
        await extendTrial({ ctx: c, input: { tenantId: values.tenantId!, days: Number(values.days), reason: values.reason! } });
        break;
      case "change_plan":
        await changePlan({ ctx: c, input: { tenantId: values.tenantId!, plan: values.plan as "s", reason: values.reason! } });
        break;
      case "add_domain":
        await addCustomDomain({ ctx: c, input: { tenantId: values.tenantId!, host: values.host! } });
        break;
      case "remove_domain":
        await removeCustomDomain({ ctx: c, input: { tenantId: values.tenantId!, host: values.host!, reason: values.reason! } });
        break;
      case "revoke_support":
        await revokeSupportAccess({ ctx: c, input: { tenantId: values.tenantId!, grantId: values.grantId! } });
        break;
      case "support": {
        const grant = await grantSupportAccess({ ctx: c, input: { tenantId: values.tenantId!, reason: values.reason!, minutes: Number(values.minutes || 60) } });
        handoff = grant.url;
        break;
      }
      default:
        return failure(new DomainError("validation", "validation"), values);
    }
  } catch (error) {
    return failure(error, values);
  }
  revalidatePath(`/comuni/${values.tenantId}`);
  // Support access: straight to the comune's host through the one-time hand-off link.
  if (handoff) redirect(handoff);
  return { ok: true, message: t(`done.${values.op}` as "done.suspend"), values: { op: values.op! } };
}

export async function enrolTotpAction(_prev: VendorActionState, form: FormData): Promise<VendorActionState> {
  try {
    await enrolVendorTotp({ actor: await getVendorActor(), secret: String(form.get("secret") ?? ""), code: String(form.get("code") ?? "") });
  } catch (error) {
    return failure(error, {});
  }
  await signOut({ redirectTo: "/accedi?enrolled=1" });
  return { ok: true };
}
