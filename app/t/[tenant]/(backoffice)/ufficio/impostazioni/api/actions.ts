"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { clientIp } from "@/lib/api/request-context";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { getStaffActor } from "@/lib/auth/session";
import { DomainError, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { requestHost } from "@/lib/tenancy/request-host";
import { tenantForHost } from "@/lib/tenancy/tenant-for-host";

type Created = { name: string; key: string; prefix: string };
/** ActionResult plus what the user typed (kept on error) and the initial, empty state. */
export type CreateKeyState =
  | Extract<ActionResult<Created>, { ok: true }>
  | (Extract<ActionResult<Created>, { ok: false }> & { name?: string })
  | { ok: null; name?: string };

/** The comune from the Host and the signed-in staff member; permissions are checked by the verbs. */
async function context() {
  const h = await headers();
  const tenant = await tenantForHost(requestHost(h));
  const actor = tenant ? await getStaffActor(tenant) : null;
  return tenant && actor ? { tenant, actor, ip: clientIp(h) === "unknown" ? null : clientIp(h) } : null;
}

async function failure(error: unknown): Promise<{ ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  const t = await getTranslations("apiKeys.errors");
  if (error instanceof DomainError) {
    const code = ["forbidden", "not_found", "validation"].includes(error.code) ? error.code : "unexpected";
    return { ok: false, code, message: t(code as "forbidden"), fieldErrors: error.fieldErrors };
  }
  logger.error("api keys action failed", { error: error instanceof Error ? error.message : String(error) });
  return { ok: false, code: "unexpected", message: t("unexpected") };
}

export async function createApiKeyAction(_prev: CreateKeyState, form: FormData): Promise<CreateKeyState> {
  const name = String(form.get("name") ?? "");
  const ctx = await context();
  if (!ctx) return { ...(await failure(new DomainError("forbidden", "forbidden"))), name };
  try {
    const created = await createApiKey({ ctx, input: { name } });
    revalidatePath("/ufficio/impostazioni/api");
    return { ok: true, data: { name: created.name, key: created.key, prefix: created.prefix } };
  } catch (error) {
    return { ...(await failure(error)), name };
  }
}

export async function revokeApiKeyAction(form: FormData): Promise<void> {
  const ctx = await context();
  if (!ctx) return;
  try {
    await revokeApiKey({ ctx, input: { id: String(form.get("id") ?? "") } });
  } catch (error) {
    await failure(error);
  }
  revalidatePath("/ufficio/impostazioni/api");
}
