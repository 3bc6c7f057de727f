"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { bulkAction } from "@/app/actions/backoffice";
import { INITIAL_FORM_STATE } from "@/lib/backoffice/form-state";
import { buttonClass } from "./action-form";

type Option = { value: string; label: string };

/** Wraps the inbox table: the row checkboxes belong to this form, the bar applies one action to them all. */
export function BulkForm({ children, people, offices, canTriage }: { children: React.ReactNode; people: Option[]; offices: Option[]; canTriage: boolean }) {
  const t = useTranslations("backoffice.inbox.bulk");
  const [state, action, pending] = useActionState(bulkAction, INITIAL_FORM_STATE);
  const [choice, setChoice] = useState("acknowledge");
  const id = useId();
  const select = "mt-1 block w-full rounded border border-gray-600 bg-white px-3 py-2";
  return (
    <form action={action} className="space-y-3">
      {children}
      <fieldset className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <legend className="px-1 text-lg font-semibold">{t("title")}</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          <div>
            <label htmlFor={`${id}-a`} className="block font-semibold">{t("action")}</label>
            <select id={`${id}-a`} name="bulkAction" value={choice} onChange={(e) => setChoice(e.target.value)} className={select}>
              <option value="acknowledge">{t("acknowledge")}</option>
              <option value="start">{t("start")}</option>
              <option value="assign_user">{t("assign_user")}</option>
              {canTriage ? <option value="assign_office">{t("assign_office")}</option> : null}
            </select>
          </div>
          {choice === "assign_user" ? (
            <div>
              <label htmlFor={`${id}-u`} className="block font-semibold">{t("person")}</label>
              <select id={`${id}-u`} name="userId" className={select}>
                {people.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
              </select>
            </div>
          ) : null}
          {choice === "assign_office" ? (
            <div>
              <label htmlFor={`${id}-o`} className="block font-semibold">{t("office")}</label>
              <select id={`${id}-o`} name="officeId" className={select}>
                {offices.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            </div>
          ) : null}
        </div>
        {state.message ? (
          <p key={state.at} role={state.ok ? "status" : "alert"} className={state.ok ? "font-semibold text-green-800" : "font-semibold text-red-800"}>
            {state.message}
          </p>
        ) : null}
        <button type="submit" className={buttonClass} disabled={pending}>{t("apply")}</button>
      </fieldset>
    </form>
  );
}
