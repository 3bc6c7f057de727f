"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { confirmOnboardingAction, type ConfirmState } from "@/app/(platform)/attiva/actions";

export function ConfirmOnboarding({ token }: { token: string }) {
  const t = useTranslations("onboarding");
  const [state, action, pending] = useActionState<ConfirmState, FormData>(confirmOnboardingAction, { ok: null });
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {state.ok === false ? (
        <p role="alert" className="font-semibold text-red-800">
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded bg-[#0b5394] px-5 py-3 text-lg font-semibold text-white disabled:opacity-60">
        {pending ? t("creating") : t("confirmButton")}
      </button>
    </form>
  );
}
