"use client";

import { useTranslations } from "next-intl";
import { saveSecurityAction } from "@/app/actions/settings";
import { buttonClass, Checkbox, FormStatus, useFormAction } from "./form-kit";

/** "Second factor mandatory for staff". */
export function SecurityForm({ mfaRequired }: { mfaRequired: boolean }) {
  const t = useTranslations("settings");
  const [state, action, pending] = useFormAction(saveSecurityAction);
  return (
    <form action={action} className="space-y-3">
      <Checkbox state={state} name="mfaRequired" label={t("security.mfaRequired")} defaultChecked={mfaRequired} />
      <p className="text-sm text-muted">{t("security.mfaHint")}</p>
      <FormStatus state={state} success={t("saved")} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}
