"use client";

import { useTranslations } from "next-intl";
import { useFollowRedirect } from "@/components/auth/use-follow-redirect";
import { useActionState } from "react";
import { signInWithLink, type SignInState } from "@/app/actions/auth";

/** The emailed link lands here; signing in needs a click, so mail scanners that prefetch links can't use it up. */
export function LinkSignIn({ email, token, next }: { email: string; token: string; next: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithLink, { ok: false });
  useFollowRedirect(state);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="next" value={next} />
      <p>{t("linkConfirm", { email })}</p>
      {state.code ? (
        <p role="alert" className="font-semibold text-red-800">
          {t("errors.link_invalid")}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="rounded bg-brand px-4 py-2 font-semibold text-white">
        {t("signIn")}
      </button>
    </form>
  );
}
