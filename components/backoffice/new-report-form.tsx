"use client";

import { useTranslations } from "next-intl";
import { useContext, useId, useState } from "react";
import { createOnBehalfAction } from "@/app/actions/backoffice";
import type { ExtraQuestion } from "@/db/schema/categories";
import type { MapConfig } from "@/lib/maps/config";
import { ActionForm, CheckboxField, FieldErrors, FormContext, SelectField, TextField, fieldClass, useField } from "./action-form";
import { PinPicker } from "./pin-picker";

type Category = { value: string; label: string; questions: ExtraQuestion[] };

type Props = {
  categories: Category[];
  centre: { lat: number; lng: number };
  map: MapConfig;
  idempotencyKey: string;
};

/**
 * On-behalf entry: channel, category with its extra questions, place on the map, text, optional citizen
 * contact and the call-back flag.
 */
export function NewReportForm({ categories, centre, map, idempotencyKey }: Props) {
  const t = useTranslations("backoffice.newReport");
  const tc = useTranslations("backoffice.channels");
  const citizen = useId();
  return (
    <ActionForm action={createOnBehalfAction} submitLabel={t("submit")} className="space-y-4 rounded-lg bg-white p-4 shadow-sm" testId="new-report-form">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <SelectField name="channel" label={t("channel")} required options={(["phone", "counter", "email", "letter"] as const).map((c) => ({ value: c, label: tc(c) }))} />
      <CategoryAndQuestions categories={categories} />
      <TextField name="title" label={t("titleField")} />
      <TextField name="description" label={t("description")} multiline required />
      <TextField name="address" label={t("address")} hint={t("addressHint")} autoComplete="off" />
      <PinPicker config={map} start={centre} placed={false} />
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

/** The category and, under it, the comune's own questions for that category (as on the citizens' form). */
function CategoryAndQuestions({ categories }: { categories: Category[] }) {
  const t = useTranslations("backoffice.newReport");
  const chosen = useField("categoryId", categories[0]?.value ?? "");
  const [categoryId, setCategoryId] = useState(chosen.value ?? "");
  const questions = categories.find((c) => c.value === categoryId)?.questions ?? [];
  return (
    <div
      className="space-y-4"
      onChange={(e) => {
        const target = e.target as unknown as HTMLSelectElement;
        if (target.name === "categoryId") setCategoryId(target.value);
      }}
    >
      <SelectField name="categoryId" label={t("category")} required options={categories} />
      {questions.length > 0 ? (
        <fieldset className="space-y-3 rounded border border-gray-300 p-3" data-testid="extra-questions">
          <legend className="px-1 font-semibold">{t("extraQuestions")}</legend>
          {questions.map((q) => (
            <QuestionField key={`${categoryId}:${q.code}`} question={q} />
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}

/**
 * One extra question. Yes/no answers travel as `answerFlags` (checked codes), the others as
 * `answers.<code>`, so the server action can give createReport booleans and strings as the category expects.
 */
function QuestionField({ question: q }: { question: ExtraQuestion }) {
  const t = useTranslations("backoffice.newReport");
  const state = useContext(FormContext);
  const id = useId();
  const name = `answers.${q.code}`;
  const { errors, value } = useField(name, "");
  const label = q.required ? q.label : `${q.label} ${t("optional")}`;
  const common = { id, "aria-invalid": errors ? true : undefined, "aria-describedby": errors ? `${id}-error` : undefined };
  if (q.type === "boolean") {
    const wasChecked = !state.ok && (state.values?.answerFlags ?? "").split("\n").includes(q.code);
    return (
      <div>
        <label className="flex min-h-11 items-start gap-2">
          <input type="checkbox" name="answerFlags" value={q.code} defaultChecked={wasChecked} className="mt-1 h-5 w-5 shrink-0" {...common} />
          <span className="font-semibold">{label}</span>
        </label>
        <FieldErrors id={`${id}-error`} errors={errors} />
      </div>
    );
  }
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {q.type === "select" ? (
        <select key={state.at} name={name} defaultValue={value} required={q.required} className={fieldClass} {...common}>
          <option value="">{t("choose")}</option>
          {(q.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input name={name} type="text" inputMode={q.type === "number" ? "decimal" : undefined} defaultValue={value} required={q.required} maxLength={500} className={fieldClass} {...common} />
      )}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
