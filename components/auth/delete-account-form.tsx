"use client";

import { useTranslations } from "next-intl";
import { deleteAccountAction } from "@/app/actions/account";
import { dangerButtonClass, Field, FormStatus, useFormAction } from "@/components/settings/form-kit";

/** The confirmation step: the person retypes their email address before the account is erased. */
export function DeleteAccountForm({ email }: { email: string }) {
  const t = useTranslations("account");
  const [state, action, pending] = useFormAction(deleteAccountAction);
  return (
    <form action={action} className="space-y-3">
      <Field state={state} name="confirmEmail" type="email" label={t("confirmLabel", { email })} autoComplete="off" required />
      {state.code === "staff_cannot_delete" ? (
        <p role="alert" className="font-semibold text-red-800">
          {t("staffCannotDelete")}
        </p>
      ) : (
        <FormStatus state={state} />
      )}
      <button type="submit" className={dangerButtonClass} disabled={pending}>
        {t("deleteButton")}
      </button>
    </form>
  );
}
