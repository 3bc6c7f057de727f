"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, type ReactNode } from "react";
import type { FormState } from "@/lib/auth/action-context";

export type FormAction = (prev: FormState, form: FormData) => Promise<FormState>;

export const inputClass =
  "mt-1 block w-full rounded border border-gray-600 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";
export const buttonClass =
  "inline-flex min-h-11 items-center rounded bg-brand px-4 py-2 font-semibold text-white disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex min-h-11 items-center rounded border border-gray-600 bg-white px-4 py-2 font-semibold text-ink disabled:opacity-60";
export const dangerButtonClass =
  "inline-flex min-h-11 items-center rounded border border-red-800 bg-white px-4 py-2 font-semibold text-red-800 disabled:opacity-60";

export function useFormAction(action: FormAction) {
  return useActionState<FormState, FormData>(action, { ok: false });
}

/** Translates a message key of the settings namespace, falling back to the generic message. */
export function useMessage() {
  const t = useTranslations("settings");
  return (group: "errors" | "fieldErrors", code: string, values?: Record<string, string>) => {
    const key = `${group}.${code}`;
    return t.has(key as never) ? t(key as never, values as never) : t(`${group}.generic` as never, values as never);
  };
}

/** Success ("saved") or the form's error, announced to screen readers. */
export function FormStatus({ state, success }: { state: FormState; success?: string }) {
  const msg = useMessage();
  const t = useTranslations("settings");
  if (state.ok && success) {
    return (
      <p role="status" className="rounded bg-green-50 p-2 font-semibold text-green-900">
        {success}
      </p>
    );
  }
  if (!state.ok && state.code) {
    return (
      <p role="alert" className="rounded bg-red-50 p-2 font-semibold text-red-800">
        {state.code === "validation" ? t("errors.validation") : msg("errors", state.code, { ref: String(state.data?.ref ?? "") })}
      </p>
    );
  }
  return null;
}

type FieldProps = {
  state: FormState;
  name: string;
  label: string;
  defaultValue?: string | number | null;
  type?: "text" | "email" | "number" | "password" | "tel" | "date";
  required?: boolean;
  hint?: string;
  autoComplete?: string;
  multiline?: boolean;
  rows?: number;
  options?: { value: string; label: string }[];
  className?: string;
};

/** Labelled input/textarea/select; keeps what was typed after an error and ties its error to the control. */
export function Field(p: FieldProps) {
  const id = useId();
  const msg = useMessage();
  const errors = p.state.fieldErrors?.[p.name];
  const value = p.state.ok ? (p.defaultValue ?? "") : (p.state.values?.[p.name] ?? p.defaultValue ?? "");
  const describedBy = [errors ? `${id}-err` : null, p.hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: p.name,
    required: p.required,
    "aria-invalid": errors ? true : undefined,
    "aria-describedby": describedBy,
    className: inputClass,
    defaultValue: String(value),
    // A new key after a server round trip makes React apply the echoed value to the uncontrolled input.
    key: `${p.state.savedAt ?? 0}-${p.state.values?.[p.name] ?? ""}`,
  };
  return (
    <div className={p.className}>
      <label htmlFor={id} className="block font-semibold">
        {p.label}
      </label>
      {p.hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {p.hint}
        </p>
      ) : null}
      {p.options ? (
        <select {...common}>
          {p.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : p.multiline ? (
        <textarea {...common} rows={p.rows ?? 4} />
      ) : (
        <input {...common} type={p.type ?? "text"} autoComplete={p.autoComplete} />
      )}
      {errors ? (
        <p id={`${id}-err`} className="mt-1 font-semibold text-red-800">
          {errors.map((e) => msg("fieldErrors", e)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function Checkbox({ state, name, label, defaultChecked }: { state: FormState; name: string; label: string; defaultChecked?: boolean }) {
  const checked = state.ok || !state.values ? Boolean(defaultChecked) : state.values[name] === "on";
  return (
    <label className="flex min-h-11 items-center gap-2">
      <input key={`${state.savedAt ?? 0}-${checked}`} type="checkbox" name={name} defaultChecked={checked} className="h-5 w-5" />
      <span>{label}</span>
    </label>
  );
}

/** A one-button form (delete, revoke, move) with its own pending state and error. */
export function CommandButton({
  action,
  fields,
  label,
  danger,
  confirm,
  children,
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  danger?: boolean;
  confirm?: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useFormAction(action);
  return (
    <form
      action={formAction}
      className="inline-flex flex-col gap-1"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <button type="submit" disabled={pending} className={danger ? dangerButtonClass : secondaryButtonClass}>
        {label}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
