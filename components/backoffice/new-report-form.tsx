"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { createOnBehalfAction } from "@/app/actions/backoffice";
import { ActionForm, CheckboxField, SelectField, TextField } from "./action-form";

type Props = {
  categories: { value: string; label: string }[];
  centre: { lat: number; lng: number };
  idempotencyKey: string;
};

/** On-behalf entry: channel, category, place, text, optional citizen contact and the call-back flag. */
export function NewReportForm({ categories, centre, idempotencyKey }: Props) {
  const t = useTranslations("backoffice.newReport");
  const tc = useTranslations("backoffice.channels");
  const citizen = useId();
  return (
    <ActionForm action={createOnBehalfAction} submitLabel={t("submit")} className="space-y-4 rounded-lg bg-white p-4 shadow-sm" testId="new-report-form">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <SelectField name="channel" label={t("channel")} required options={(["phone", "counter", "email", "letter"] as const).map((c) => ({ value: c, label: tc(c) }))} />
      <SelectField name="categoryId" label={t("category")} required options={categories} />
      <TextField name="title" label={t("titleField")} />
      <TextField name="description" label={t("description")} multiline required />
      <TextField name="address" label={t("address")} autoComplete="off" />
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-1 text-sm text-muted">{t("positionHint")}</legend>
        <TextField name="lat" label={t("lat")} defaultValue={String(centre.lat)} inputMode="decimal" required />
        <TextField name="lng" label={t("lng")} defaultValue={String(centre.lng)} inputMode="decimal" required />
      </fieldset>
      <fieldset className="space-y-3" aria-labelledby={citizen}>
        <legend id={citizen} className="text-lg font-semibold">{t("citizen")}</legend>
        <TextField name="reporterName" label={t("name")} autoComplete="off" />
        <TextField name="reporterEmail" label={t("email")} type="email" autoComplete="off" />
        <TextField name="reporterPhone" label={t("phone")} type="tel" autoComplete="off" />
        <CheckboxField name="callbackRequested" label={t("callback")} />
      </fieldset>
      <CheckboxField name="wantsPrivate" label={t("private")} />
    </ActionForm>
  );
}
