"use client";

import { useId } from "react";

type FieldErrors = Record<string, string[]> | undefined;

/** A labelled input whose error is announced and tied to it (aria-invalid + aria-describedby). */
export function TextField({
  name,
  label,
  hint,
  type = "text",
  defaultValue,
  errors,
  required,
  multiline,
  maxLength,
  autoComplete,
}: {
  name: string;
  label: string;
  hint?: string;
  type?: string;
  defaultValue?: string;
  errors: FieldErrors;
  required?: boolean;
  multiline?: boolean;
  maxLength?: number;
  autoComplete?: string;
}) {
  const id = useId();
  const error = errors?.[name]?.[0];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    defaultValue,
    required,
    maxLength,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    className: `w-full rounded border-2 bg-white px-3 py-2 text-base ${error ? "border-red-700" : "border-gray-500"}`,
  } as const;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {multiline ? <textarea rows={4} {...common} /> : <input type={type} autoComplete={autoComplete} {...common} />}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-semibold text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Result of a form: errors as an alert, success as a polite status message. */
export function FormMessage({ state, success }: { state: { ok: boolean; message?: string } | null; success?: string | null }) {
  if (!state) return <div role="status" aria-live="polite" />;
  if (!state.ok) {
    return (
      <p role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3 font-semibold text-red-800">
        {state.message}
      </p>
    );
  }
  return (
    <p role="status" aria-live="polite" className="rounded border-l-4 border-green-800 bg-green-50 p-3 font-semibold text-green-900">
      {success}
    </p>
  );
}

export function SubmitButton({ children, pending }: { children: React.ReactNode; pending: boolean }) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="rounded bg-brand px-4 py-2 font-semibold text-white hover:underline disabled:opacity-70"
    >
      {children}
    </button>
  );
}
