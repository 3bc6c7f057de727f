"use client";

import type { useTranslations } from "next-intl";
import type { FieldErrors } from "./draft";

export type T = ReturnType<typeof useTranslations>;

export const BTN_PRIMARY =
  "min-h-11 rounded-md bg-brand px-5 py-2 font-semibold text-white hover:opacity-90 disabled:cursor-wait disabled:opacity-70";
export const BTN_SECONDARY =
  "min-h-11 rounded-md border-2 border-brand bg-white px-5 py-2 font-semibold text-brand hover:bg-gray-50 disabled:opacity-70";
export const INPUT =
  "mt-1 block w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700 aria-[invalid=true]:border-2";

/** Field error keys come from the server (ValidationError) or the step checks; both map to messages here. */
export function errorMessage(t: T, key: string): string {
  return t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.invalid");
}

/** The field's own error, linked with aria-describedby and announced through the summary. */
export function FieldError({ id, errors, t }: { id: string; errors?: string[]; t: T }) {
  if (!errors?.length) return null;
  return (
    <p id={`${id}-error`} className="mt-1 font-semibold text-red-800">
      {errors.map((k) => errorMessage(t, k)).join(" ")}
    </p>
  );
}

export function describedBy(id: string, errors: FieldErrors, field: string, hint?: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors[field]?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** Errors of the current step at the top, each linked to its field (GOV.UK pattern). */
export function ErrorSummary({ errors, message, t }: { errors: FieldErrors; message: string | null; t: T }) {
  const entries = Object.entries(errors).filter(([, v]) => v.length);
  if (!entries.length && !message) return null;
  return (
    <div role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-4" data-testid="error-summary">
      <p className="font-semibold text-red-900">{message ?? t("errorSummaryTitle")}</p>
      {entries.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {entries.map(([field, keys]) => (
            <li key={field}>
              <a href={`#field-${field}`} className="text-red-900 underline">
                {keys.map((k) => errorMessage(t, k)).join(" ")}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type TextFieldProps = {
  field: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  errors: FieldErrors;
  t: T;
  type?: string;
  autoComplete?: string;
  maxLength?: number;
  required?: boolean;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
};

export function TextField({ field, label, hint, value, onChange, errors, t, type = "text", ...rest }: TextFieldProps) {
  const id = `field-${field}`;
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={field}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors[field]?.length ? true : undefined}
        aria-describedby={describedBy(id, errors, field, Boolean(hint))}
        className={INPUT}
        {...rest}
      />
      <FieldError id={id} errors={errors[field]} t={t} />
    </div>
  );
}

export type StepProps = {
  draft: import("./draft").Draft;
  update: (patch: Partial<import("./draft").Draft> | ((d: import("./draft").Draft) => Partial<import("./draft").Draft>)) => void;
  errors: FieldErrors;
  t: T;
};
