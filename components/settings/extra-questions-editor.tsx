"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { inputClass, secondaryButtonClass } from "./form-kit";

export type Question = { code: string; label: string; type: "text" | "number" | "select" | "boolean"; required: boolean; options?: string[] };
const TYPES = ["text", "number", "select", "boolean"] as const;

/**
 * Extra questions of a category as editable rows (code, label, type, required, options), posted as one
 * JSON hidden field that the verb validates with zod. Options are one per line.
 */
export function ExtraQuestionsEditor({ initial, error }: { initial: Question[]; error?: string }) {
  const t = useTranslations("settings.categories");
  const [rows, setRows] = useState<Question[]>(initial);
  const base = useId();
  const update = (i: number, patch: Partial<Question>) => setRows((r) => r.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  return (
    <fieldset className="space-y-3 rounded border border-gray-400 p-3 sm:col-span-2" aria-describedby={error ? `${base}-err` : undefined}>
      <legend className="px-1 font-semibold">{t("questions")}</legend>
      <input type="hidden" name="extraQuestions" value={JSON.stringify(rows)} />
      {rows.length === 0 ? <p className="text-sm text-muted">{t("noQuestions")}</p> : null}
      {rows.map((q, i) => (
        <div key={i} className="grid gap-2 rounded bg-gray-50 p-2 sm:grid-cols-2">
          <label className="block">
            <span className="font-semibold">{t("qCode")}</span>
            <input className={inputClass} value={q.code} onChange={(e) => update(i, { code: e.target.value })} />
          </label>
          <label className="block">
            <span className="font-semibold">{t("qLabel")}</span>
            <input className={inputClass} value={q.label} onChange={(e) => update(i, { label: e.target.value })} />
          </label>
          <label className="block">
            <span className="font-semibold">{t("qType")}</span>
            <select className={inputClass} value={q.type} onChange={(e) => update(i, { type: e.target.value as Question["type"] })}>
              {TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`qTypes.${ty}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="flex min-h-11 items-center gap-2 self-end">
            <input type="checkbox" className="h-5 w-5" checked={q.required} onChange={(e) => update(i, { required: e.target.checked })} />
            <span>{t("qRequired")}</span>
          </label>
          {q.type === "select" ? (
            <label className="block sm:col-span-2">
              <span className="font-semibold">{t("qOptions")}</span>
              <textarea
                className={inputClass}
                rows={3}
                value={(q.options ?? []).join("\n")}
                onChange={(e) => update(i, { options: e.target.value.split("\n") })}
              />
            </label>
          ) : null}
          <div className="sm:col-span-2">
            <button type="button" className={secondaryButtonClass} onClick={() => setRows((r) => r.filter((_, j) => j !== i))}>
              {t("qRemove", { label: q.label || q.code || String(i + 1) })}
            </button>
          </div>
        </div>
      ))}
      {error ? (
        <p id={`${base}-err`} className="font-semibold text-red-800">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className={secondaryButtonClass}
        onClick={() => setRows((r) => [...r, { code: "", label: "", type: "text", required: false }])}
      >
        {t("qAdd")}
      </button>
    </fieldset>
  );
}
