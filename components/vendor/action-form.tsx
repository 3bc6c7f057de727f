"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { vendorAction, type VendorActionState } from "@/app/vendor/actions";

type Field = { name: string; type?: "text" | "number" | "select"; options?: { value: string; label: string }[]; defaultValue?: string };

/** One console action (suspend, extend trial, …): its fields, a required reason where the verb needs one. */
export function VendorActionForm({
  op,
  tenantId,
  title,
  fields,
  submit,
  hidden = {},
}: {
  op: string;
  tenantId: string;
  title: string;
  fields: Field[];
  submit: string;
  /** Values the form carries without showing them (e.g. which domain or grant the action is about). */
  hidden?: Record<string, string>;
}) {
  const t = useTranslations("vendor");
  const [state, action, pending] = useActionState<VendorActionState, FormData>(vendorAction, { ok: null });
  const id = useId();
  return (
    <form action={action} className="space-y-3 rounded-lg bg-white p-4 shadow-sm" aria-labelledby={`${id}-title`} data-testid={`action-${op}`}>
      <h3 id={`${id}-title`} className="text-lg font-semibold">{title}</h3>
      <input type="hidden" name="op" value={op} />
      <input type="hidden" name="tenantId" value={tenantId} />
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      {fields.map((f) => (
        <div key={f.name}>
          <label htmlFor={`${id}-${f.name}`} className="font-semibold">{t(`fields.${f.name}` as "fields.reason")}</label>
          {f.type === "select" ? (
            <select id={`${id}-${f.name}`} name={f.name} defaultValue={state.values?.[f.name] ?? f.defaultValue} className="mt-1 block w-full rounded border border-gray-500 px-3 py-2">
              {f.options!.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          ) : (
            <input
              id={`${id}-${f.name}`}
              name={f.name}
              type={f.type ?? "text"}
              defaultValue={state.ok === false ? state.values?.[f.name] : f.defaultValue}
              aria-invalid={Boolean(state.fieldErrors?.[f.name])}
              className="mt-1 block w-full rounded border border-gray-500 px-3 py-2"
            />
          )}
          {state.fieldErrors?.[f.name] ? <p className="mt-1 font-semibold text-red-800">{state.fieldErrors[f.name]}</p> : null}
        </div>
      ))}
      {state.message ? <p role={state.ok ? "status" : "alert"} className={state.ok ? "font-semibold text-green-900" : "font-semibold text-red-800"}>{state.message}</p> : null}
      <button type="submit" disabled={pending} className="rounded bg-gray-900 px-4 py-2 font-semibold text-white disabled:opacity-60">{submit}</button>
    </form>
  );
}
