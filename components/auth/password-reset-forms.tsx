"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { acceptInvitationAction, requestResetAction, resetPasswordAction, type SignInState } from "@/app/actions/auth";
import { buttonClass, Field, FormStatus, inputClass, useFormAction } from "@/components/settings/form-kit";

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<SignInState, FormData>(requestResetAction, { ok: false });
  if (state.sent) {
    return (
      <p role="status" className="rounded bg-green-50 p-3 font-semibold text-green-900">
        {t("reset.sent", { email: state.email ?? "" })}
      </p>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <label className="block">
        <span className="font-semibold">{t("email")}</span>
        <input name="email" type="email" autoComplete="username" required defaultValue={state.email} className={inputClass} />
      </label>
      {state.code ? (
        <p role="alert" className="font-semibold text-red-800">
          {t(`errors.${state.code}` as "errors.invalid_email")}
        </p>
      ) : null}
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("reset.send")}
      </button>
    </form>
  );
}

export function ResetPasswordForm({ email, token }: { email: string; token: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useFormAction(resetPasswordAction);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="email" value={email} />
      <input type="text" name="username" autoComplete="username" value={email} hidden readOnly />
      <Field state={state} name="password" type="password" label={t("reset.newPassword")} hint={t("passwordRules")} autoComplete="new-password" required />
      {state.code === "link_invalid" ? (
        <p role="alert" className="font-semibold text-red-800">
          {t("reset.linkInvalid")}
        </p>
      ) : (
        <FormStatus state={state} />
      )}
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("reset.save")}
      </button>
    </form>
  );
}

export function AcceptInvitationForm({ token, email, hasAccount, hasPassword }: { token: string; email: string; hasAccount: boolean; hasPassword: boolean }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useFormAction(acceptInvitationAction);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <input type="text" name="username" autoComplete="username" value={email} hidden readOnly />
      {!hasAccount ? <Field state={state} name="name" label={t("invite.name")} autoComplete="name" required /> : null}
      {!hasPassword ? (
        <Field state={state} name="password" type="password" label={t("invite.password")} hint={t("passwordRules")} autoComplete="new-password" required />
      ) : (
        <p>{t("invite.existing")}</p>
      )}
      {state.code === "not_found" ? (
        <p role="alert" className="font-semibold text-red-800">
          {t("invite.invalid")}
        </p>
      ) : (
        <FormStatus state={state} />
      )}
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("invite.accept")}
      </button>
    </form>
  );
}
