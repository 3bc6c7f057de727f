"use client";

import { useTranslations } from "next-intl";
import { createContext, useActionState, useContext, useId, useState } from "react";
import { INITIAL_FORM_STATE, type FormState } from "@/lib/backoffice/form-state";
import { downscaleInputPhotos } from "./downscale-photos";

export const FormContext = createContext<FormState>(INITIAL_FORM_STATE);

export const fieldClass = "mt-1 block w-full rounded border border-gray-600 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";
export const buttonClass = "inline-flex min-h-11 items-center rounded bg-brand px-4 py-2 font-semibold text-white disabled:opacity-60";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  intent?: string;
  reportId?: string;
  submitLabel: string;
  children?: React.ReactNode;
  className?: string;
  testId?: string;
};

/**
 * A back-office form bound to a server action with useActionState: announces the outcome (role=status on
 * success, role=alert on error), gives each field its error and refills what was typed after an error.
 * Works without JavaScript too (progressive enhancement of the server action).
 */
export function ActionForm({ action, intent, reportId, submitLabel, children, className, testId }: Props) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FORM_STATE);
  const messageId = useId();
  return (
    <FormContext.Provider value={state}>
      <form action={formAction} className={className ?? "space-y-3"} data-testid={testId} aria-describedby={state.message ? messageId : undefined}>
        {intent ? <input type="hidden" name="intent" value={intent} /> : null}
        {reportId ? <input type="hidden" name="reportId" value={reportId} /> : null}
        {children}
        {state.message ? (
          <p
            key={state.at}
            id={messageId}
            role={state.ok ? "status" : "alert"}
            className={state.ok ? "font-semibold text-green-800" : "font-semibold text-red-800"}
          >
            {state.message}
          </p>
        ) : null}
        <button type="submit" className={buttonClass} disabled={pending}>
          {submitLabel}
        </button>
      </form>
    </FormContext.Provider>
  );
}

export function useField(name: string, defaultValue?: string) {
  const state = useContext(FormContext);
  const errors = state.fieldErrors?.[name];
  const value = !state.ok && state.values && name in state.values ? state.values[name] : defaultValue;
  return { errors, value };
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <span id={id} className="mt-1 block font-semibold text-red-800">
      {errors.join(" ")}
    </span>
  );
}

type TextProps = {
  name: string;
  label: string;
  hint?: string;
  multiline?: boolean;
  required?: boolean;
  type?: string;
  defaultValue?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
  autoComplete?: string;
};

export function TextField({ name, label, hint, multiline, required, type = "text", defaultValue, inputMode, autoComplete }: TextProps) {
  const { errors, value } = useField(name, defaultValue);
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, errors ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    required,
    defaultValue: value,
    "aria-invalid": errors ? true : undefined,
    "aria-describedby": describedBy,
    className: fieldClass,
  };
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <span id={`${id}-hint`} className="block text-sm text-muted">
          {hint}
        </span>
      ) : null}
      {multiline ? <textarea rows={4} {...common} /> : <input type={type} inputMode={inputMode} autoComplete={autoComplete} {...common} />}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  options,
  defaultValue,
  required,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  required?: boolean;
}) {
  const { errors, value } = useField(name, defaultValue);
  const at = useContext(FormContext).at;
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {/* React resets a form after its action and a <select> back to its first defaultValue: remount it per outcome. */}
      <select
        key={at}
        id={id}
        name={name}
        required={required}
        defaultValue={value}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className={fieldClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function CheckboxField({ name, label, value = "on", defaultChecked }: { name: string; label: string; value?: string; defaultChecked?: boolean }) {
  const state = useContext(FormContext);
  const checked = !state.ok && state.values ? state.values[name] === value : defaultChecked;
  return (
    <label className="flex min-h-11 items-start gap-2">
      <input type="checkbox" name={name} value={value} defaultChecked={checked} className="mt-1 h-5 w-5 shrink-0" />
      <span>{label}</span>
    </label>
  );
}

/** Same limit as the server's (lib/backoffice/attachments.ts MAX_FILE_BYTES), checked before sending. */
const MAX_FILE_BYTES = 15 * 1024 * 1024;

/**
 * Photos and documents. Chosen photos are downscaled in the browser before the form is sent (a phone's
 * picture would otherwise be several MB over a field connection); while that runs the field is marked
 * invalid so the form cannot be sent half-ready, and the progress is announced.
 */
export function FileField({ name, label, capture, accept = "image/*,application/pdf" }: { name: string; label: string; capture?: boolean; accept?: string }) {
  const t = useTranslations("backoffice.actions");
  const { errors } = useField(name);
  const fileErrors = useContext(FormContext).fieldErrors?.files;
  const [status, setStatus] = useState<"idle" | "preparing" | "ready" | "too_large">("idle");
  const all = [...(errors ?? []), ...(fileErrors ?? []), ...(status === "too_large" ? [t("fileTooLarge")] : [])];
  const id = useId();

  async function prepare(input: HTMLInputElement) {
    setStatus("preparing");
    input.setCustomValidity(t("photosPreparing"));
    try {
      await downscaleInputPhotos(input);
    } finally {
      const tooLarge = Array.from(input.files ?? []).some((f) => f.size > MAX_FILE_BYTES);
      input.setCustomValidity(tooLarge ? t("fileTooLarge") : "");
      setStatus(tooLarge ? "too_large" : input.files?.length ? "ready" : "idle");
    }
  }

  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <input
        id={id}
        type="file"
        name={name}
        multiple
        accept={accept}
        capture={capture ? "environment" : undefined}
        onChange={(e) => void prepare(e.currentTarget)}
        aria-invalid={all.length ? true : undefined}
        aria-describedby={[`${id}-status`, all.length ? `${id}-error` : null].filter(Boolean).join(" ")}
        className="mt-1 block w-full text-base"
        data-photos-state={status}
      />
      {/* A live region without role=status: the form's own outcome is the one status message of the form. */}
      <span id={`${id}-status`} aria-live="polite" className="block text-sm text-muted">
        {status === "preparing" ? t("photosPreparing") : status === "ready" ? t("photosReady") : ""}
      </span>
      <FieldErrors id={`${id}-error`} errors={all.length ? all : undefined} />
    </div>
  );
}
