"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { updateInvoicingData } from "@/lib/billing/invoicing-data";
import { openBillingPortal } from "@/lib/billing/open-portal";
import { startCheckout } from "@/lib/billing/start-checkout";
import { getStaffActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { requestHost } from "@/lib/tenancy/request-host";
import { tenantForHost } from "@/lib/tenancy/tenant-for-host";

export type BillingState = { ok: boolean | null; message?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

async function context() {
  const tenant = await tenantForHost(requestHost(await headers()));
  const actor = tenant ? await getStaffActor(tenant) : null;
  return tenant && actor ? { tenant, actor } : null;
}

async function failure(error: unknown, values?: Record<string, string>): Promise<BillingState> {
  const t = await getTranslations("billing.errors");
  if (error instanceof DomainError) {
    const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors ?? {}).map(([k, v]) => [k, t.has(v[0] as "validation") ? t(v[0] as "validation") : t("validation")]));
    return { ok: false, message: t.has(error.code as "validation") ? t(error.code as "validation") : t("validation"), fieldErrors, values };
  }
  logger.error("billing action failed", { error: String(error) });
  return { ok: false, message: t("unexpected"), values };
}

const FIELDS = ["enteName", "codiceFiscale", "partitaIva", "codiceUnivoco", "pec", "billingAddress"] as const;

export async function saveInvoicingAction(_prev: BillingState, form: FormData): Promise<BillingState> {
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(form.get(k) ?? "")]));
  const ctx = await context();
  if (!ctx) return failure(new DomainError("forbidden", "forbidden"), values);
  try {
    await updateInvoicingData({ ctx, input: values as never });
    revalidatePath("/ufficio/abbonamento");
    return { ok: true, message: (await getTranslations("billing"))("saved"), values };
  } catch (error) {
    return failure(error, values);
  }
}

export async function checkoutAction(_prev: BillingState, form: FormData): Promise<BillingState> {
  const ctx = await context();
  if (!ctx) return failure(new DomainError("forbidden", "forbidden"));
  let url: string;
  try {
    url = (await startCheckout({ ctx, input: { interval: form.get("interval") === "year" ? "year" : "month" } })).url;
  } catch (error) {
    return failure(error);
  }
  redirect(url);
}

export async function portalAction(): Promise<BillingState> {
  const ctx = await context();
  if (!ctx) return failure(new DomainError("forbidden", "forbidden"));
  let url: string;
  try {
    url = (await openBillingPortal({ ctx })).url;
  } catch (error) {
    return failure(error);
  }
  redirect(url);
}
