"use client";

import { useTranslations } from "next-intl";
import { changePasswordAction, disableTotpAction, enableTotpAction } from "@/app/actions/profile";
import { buttonClass, Field, FormStatus, useFormAction } from "@/components/settings/form-kit";

export function ChangePasswordForm() {
  const t = useTranslations("auth.profile");
  const [state, action, pending] = useFormAction(changePasswordAction);
  return (
    <form action={action} className="space-y-3">
      <input type="text" name="username" autoComplete="username" hidden readOnly />
      <Field state={state} name="current" type="password" label={t("current")} autoComplete="current-password" required />
      <Field state={state} name="password" type="password" label={t("new")} hint={t("newHint")} autoComplete="new-password" required />
      <FormStatus state={state} success={t("passwordChanged")} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("changePassword")}
      </button>
    </form>
  );
}

export function EnableTotpForm({ secret }: { secret: string }) {
  const t = useTranslations("auth.profile");
  const [state, action, pending] = useFormAction(enableTotpAction);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="secret" value={secret} />
      <Field state={state} name="code" label={t("code")} hint={t("codeHint")} autoComplete="one-time-code" required />
      <FormStatus state={state} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("enable")}
      </button>
    </form>
  );
}

export function DisableTotpForm() {
  const t = useTranslations("auth.profile");
  const [state, action, pending] = useFormAction(disableTotpAction);
  return (
    <form action={action} className="space-y-3">
      <Field state={state} name="code" label={t("code")} autoComplete="one-time-code" required />
      <FormStatus state={state} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("disable")}
      </button>
    </form>
  );
}
