"use server";

import { redirect } from "next/navigation";
import { formValues, staffActionCtx, toFormState, type FormState } from "@/lib/auth/action-context";
import { updateSession } from "@/lib/auth/auth";
import { mfaProof } from "@/lib/auth/mfa-proof";
import { changePassword, disableTotp, enableTotp } from "@/lib/auth/profile";

/** The signed-in staff member's own password (current one required). */
export async function changePasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  try {
    const ctx = await staffActionCtx();
    await changePassword({ ctx, input: { current: values.current ?? "", password: values.password ?? "" } });
  } catch (error) {
    return toFormState(error, { ...values, current: "", password: "" });
  }
  return { ok: true, savedAt: Date.now() };
}

/**
 * Confirms TOTP enrolment, then upgrades the current session in place (Auth.js unstable_update) with a
 * server-computed proof, so a person whose comune made the second factor mandatory goes straight on to
 * work instead of signing in again. The JWT callback re-reads the stored secret and checks the proof.
 */
export async function enableTotpAction(_: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  let next = "/ufficio/profilo";
  try {
    const ctx = await staffActionCtx({ allowMfaPending: true });
    const secret = await enableTotp({ ctx, input: { secret: values.secret ?? "", code: values.code ?? "" } });
    if (ctx.actor.kind === "staff") {
      await updateSession({ mfaProof: mfaProof(ctx.actor.userId, ctx.tenant.id, secret) } as never);
    }
    next = "/ufficio/profilo?totp=on";
  } catch (error) {
    return toFormState(error, { code: "" });
  }
  redirect(next);
}

export async function disableTotpAction(_: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form);
  try {
    const ctx = await staffActionCtx();
    await disableTotp({ ctx, input: { code: values.code ?? "" } });
  } catch (error) {
    return toFormState(error, { code: "" });
  }
  redirect("/ufficio/profilo?totp=off");
}
