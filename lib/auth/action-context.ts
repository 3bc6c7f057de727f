import { headers } from "next/headers";
import type { Ctx } from "@/lib/context";
import { DomainError, NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";
import { requestHost } from "@/lib/tenancy/request-host";
import { tenantForHost } from "@/lib/tenancy/tenant-for-host";
import { getCitizenActor, getStaffActor } from "./session";

/** What every form action returns to useActionState: the ActionResult plus what the person typed. */
export type FormState = {
  ok: boolean;
  code?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  /** Bumped on success so forms can reset or show "saved". */
  savedAt?: number;
  data?: Record<string, string | number | boolean | null>;
};

/** The comune of this request, from the validated Host only (never from the form). */
export async function requestTenant() {
  const h = await headers();
  const tenant = await tenantForHost(requestHost(h));
  if (!tenant) throw new NotFoundError("tenant");
  return { tenant, ip: clientIp(h) };
}

/** Verb context for a staff action: the comune from the host, the actor fresh from session + membership. */
export async function staffActionCtx(options: { allowMfaPending?: boolean } = {}): Promise<Ctx> {
  const { tenant, ip } = await requestTenant();
  const actor = await getStaffActor(tenant, options);
  if (!actor) throw new UnauthenticatedError();
  return { tenant, actor, ip };
}

export async function citizenActionCtx() {
  const { tenant, ip } = await requestTenant();
  const actor = await getCitizenActor(tenant);
  if (!actor) throw new UnauthenticatedError();
  return { tenant, actor, ip };
}

/** FormData → plain strings (files ignored), echoed back so the form keeps what was typed. */
export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}

/**
 * Maps a thrown error to a FormState: domain errors keep their code (a message key) and field errors;
 * anything else is logged with a reference and shown generically — internal text never reaches the user.
 */
export function toFormState(error: unknown, values?: Record<string, string>): FormState {
  if (error instanceof DomainError) return { ok: false, code: error.code, fieldErrors: error.fieldErrors, values };
  const ref = crypto.randomUUID().slice(0, 8);
  logger.error("form action failed", { ref, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  return { ok: false, code: "generic", values, data: { ref } };
}
