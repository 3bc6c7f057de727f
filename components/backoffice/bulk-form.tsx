"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { bulkAction } from "@/app/actions/backoffice";
import { INITIAL_FORM_STATE } from "@/lib/backoffice/form-state";
import { buttonClass } from "./action-form";

type Option = { value: string; label: string };

/**
 * Wraps the inbox table: the row checkboxes belong to this form, the bar applies one action to them all.
 * `people` are only those the acting person may assign to (the server checks again). A rejection needs
 * its reason, a resolution may carry a message: both are public and reach the reporters.
 */
export function BulkForm({ children, people, offices, canTriage }: { children: React.ReactNode; people: Option[]; offices: Option[]; canTriage: boolean }) {
  const t = useTranslations("backoffice.inbox.bulk");
  const [state, action, pending] = useActionState(bulkAction, INITIAL_FORM_STATE);
  const [choice, setChoice] = useState(state.values?.bulkAction ?? "acknowledge");
  const messageError = state.fieldErrors?.message?.[0];
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
              <option value="resolve">{t("resolve")}</option>
              <option value="reject">{t("reject")}</option>
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
          {choice === "resolve" || choice === "reject" ? (
            <div className="sm:col-span-2">
              <label htmlFor={`${id}-m`} className="block font-semibold">{choice === "reject" ? t("reason") : t("message")}</label>
              <textarea
                id={`${id}-m`}
                name="message"
                rows={3}
                required={choice === "reject"}
                defaultValue={state.values?.message ?? ""}
                key={`${choice}-${state.at ?? 0}`}
                aria-invalid={messageError ? true : undefined}
                aria-describedby={messageError ? `${id}-m-error` : `${id}-m-hint`}
                className={select}
              />
              {messageError ? (
                <p id={`${id}-m-error`} className="mt-1 font-semibold text-red-800">{messageError}</p>
              ) : (
                <p id={`${id}-m-hint`} className="mt-1 text-sm text-muted">{t("publicHint")}</p>
              )}
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
