"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { enrolTotpAction, type VendorActionState } from "@/app/vendor/actions";

export function TotpEnrolment({ secret }: { secret: string }) {
  const t = useTranslations("vendor");
  const [state, action, pending] = useActionState<VendorActionState, FormData>(enrolTotpAction, { ok: null });
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="secret" value={secret} />
      <label className="block">
        <span className="font-semibold">{t("mfaCode")}</span>
        <input name="code" inputMode="numeric" pattern="[0-9]{6}" autoComplete="one-time-code" required className="mt-1 block w-full rounded border border-gray-500 px-3 py-2" />
      </label>
      {state.message ? <p role="alert" className="font-semibold text-red-800">{state.message}</p> : null}
      <button type="submit" disabled={pending} className="rounded bg-gray-900 px-4 py-2 font-semibold text-white">{t("mfaConfirm")}</button>
    </form>
  );
}
