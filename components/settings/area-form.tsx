"use client";

import { useTranslations } from "next-intl";
import { saveAreaAction } from "@/app/actions/settings";
import { buttonClass, Field, FormStatus, useFormAction } from "./form-kit";

export function AreaForm({ geojson }: { geojson: string }) {
  const t = useTranslations("settings.area");
  const ts = useTranslations("settings");
  const [state, action, pending] = useFormAction(saveAreaAction);
  return (
    <form action={action} className="space-y-3">
      <Field state={state} name="geojson" label={t("geojson")} hint={t("geojsonHint")} defaultValue={geojson} multiline rows={12} required />
      <FormStatus state={state} success={ts("saved")} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {ts("save")}
      </button>
    </form>
  );
}
