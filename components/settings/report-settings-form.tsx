"use client";

import { useTranslations } from "next-intl";
import { saveReportSettingsAction } from "@/app/actions/settings";
import { buttonClass, Checkbox, Field, FormStatus, useFormAction } from "./form-kit";

/** The comune's choices for citizens' reports: description length limit and comments on/off. */
export function ReportSettingsForm({ descriptionMaxLength, commentsEnabled }: { descriptionMaxLength: number; commentsEnabled: boolean }) {
  const t = useTranslations("settings");
  const [state, action, pending] = useFormAction(saveReportSettingsAction);
  return (
    <form action={action} className="space-y-3">
      <Field
        state={state}
        name="descriptionMaxLength"
        type="number"
        required
        label={t("reportSettings.descriptionMaxLength")}
        hint={t("reportSettings.descriptionHint")}
        defaultValue={descriptionMaxLength}
      />
      <Checkbox state={state} name="commentsEnabled" label={t("reportSettings.commentsEnabled")} defaultChecked={commentsEnabled} />
      <p className="text-sm text-muted">{t("reportSettings.commentsHint")}</p>
      <FormStatus state={state} success={t("saved")} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}
