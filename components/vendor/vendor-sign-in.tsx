"use client";

import { useTranslations } from "next-intl";
import { useFollowRedirect } from "@/components/auth/use-follow-redirect";
import { useActionState } from "react";
import { signInWithPassword, type SignInState } from "@/app/actions/auth";

const input = "mt-1 block w-full rounded border border-gray-500 px-3 py-2 text-base";

export function VendorSignIn() {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPassword, { ok: false });
  useFollowRedirect(state);
  return (
    <form action={action} className="space-y-4 rounded-lg bg-white p-5 shadow-sm">
      <input type="hidden" name="next" value="/" />
      <label className="block">
        <span className="font-semibold">{t("email")}</span>
        <input name="email" type="email" autoComplete="username" required defaultValue={state.email} className={input} />
      </label>
      <label className="block">
        <span className="font-semibold">{t("password")}</span>
        <input name="password" type="password" autoComplete="current-password" required className={input} />
      </label>
      <label className="block">
        <span className="font-semibold">{t("totp")}</span>
        <input name="totp" inputMode="numeric" pattern="[0-9]{6}" autoComplete="one-time-code" className={input} />
      </label>
      {state.code ? (
        <p role="alert" className="font-semibold text-red-800">
          {t(`errors.${state.code}` as "errors.invalid_credentials")}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded bg-gray-900 px-4 py-2 font-semibold text-white disabled:opacity-60">
        {t("signIn")}
      </button>
    </form>
  );
}
