"use client";

import type { ExtraQuestion } from "@/db/schema/categories";
import { describedBy, FieldError, INPUT, type StepProps } from "./fields";

/** The comune's own questions for the chosen category; their labels come from its configuration. */
export function ExtraQuestions({ questions, draft, update, errors, t }: StepProps & { questions: ExtraQuestion[] }) {
  if (!questions.length) return null;
  const set = (code: string, value: string | boolean) => update((d) => ({ answers: { ...d.answers, [code]: value } }));
  return (
    <fieldset className="space-y-3 rounded-md border border-gray-300 p-3">
      <legend className="px-1 font-semibold">{t("extraQuestions")}</legend>
      {questions.map((q) => {
        const field = `answers.${q.code}`;
        const id = `field-${field}`;
        const value = draft.answers[q.code];
        const label = `${q.label}${q.required ? "" : ` ${t("optional")}`}`;
        const common = {
          id,
          "aria-invalid": errors[field]?.length ? true : undefined,
          "aria-describedby": describedBy(id, errors, field),
        };
        return (
          <div key={q.code}>
            {q.type === "boolean" ? (
              <div className="flex items-center gap-3">
                <input type="checkbox" {...common} checked={value === true} onChange={(e) => set(q.code, e.target.checked)} className="h-5 w-5" />
                <label htmlFor={id} className="font-semibold">
                  {label}
                </label>
              </div>
            ) : (
              <>
                <label htmlFor={id} className="block font-semibold">
                  {label}
                </label>
                {q.type === "select" ? (
                  <select {...common} value={typeof value === "string" ? value : ""} onChange={(e) => set(q.code, e.target.value)} required={q.required} className={INPUT}>
                    <option value="">{t("choose")}</option>
                    {(q.options ?? []).map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    {...common}
                    type="text"
                    inputMode={q.type === "number" ? "decimal" : undefined}
                    value={typeof value === "string" ? value : ""}
                    onChange={(e) => set(q.code, e.target.value)}
                    required={q.required}
                    maxLength={500}
                    className={INPUT}
                  />
                )}
              </>
            )}
            <FieldError id={id} errors={errors[field]} t={t} />
          </div>
        );
      })}
    </fieldset>
  );
}
