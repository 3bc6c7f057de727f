"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { checkoutAction, portalAction, saveInvoicingAction, type BillingState } from "@/app/t/[tenant]/(backoffice)/ufficio/abbonamento/actions";

const button = "rounded bg-[#0b5394] px-4 py-2 font-semibold text-white disabled:opacity-60";

/** Subscribe (Stripe Checkout, monthly or yearly) or manage the subscription (Customer Portal). */
export function BillingActions({ subscribed, hasCustomer, canSubscribe }: { subscribed: boolean; hasCustomer: boolean; canSubscribe: boolean }) {
  const t = useTranslations("billing");
  const [checkout, checkoutFormAction, checkoutPending] = useActionState<BillingState, FormData>(checkoutAction, { ok: null });
  const [portal, portalFormAction, portalPending] = useActionState<BillingState>(portalAction, { ok: null });
  const message = checkout.message ?? portal.message;
  return (
    <div className="mt-4 space-y-3">
      {message ? <p role="alert" className="font-semibold text-red-800">{message}</p> : null}
      {!subscribed ? (
        canSubscribe ? (
          <form action={checkoutFormAction} className="flex flex-wrap items-end gap-3">
            <fieldset>
              <legend className="font-semibold">{t("interval")}</legend>
              <label className="mr-4"><input type="radio" name="interval" value="month" defaultChecked /> {t("monthly")}</label>
              <label><input type="radio" name="interval" value="year" /> {t("yearly")}</label>
            </fieldset>
            <button type="submit" className={button} disabled={checkoutPending}>{t("subscribe")}</button>
          </form>
        ) : (
          <p>{t("invoicingFirst")}</p>
        )
      ) : null}
      {hasCustomer ? (
        <form action={portalFormAction}>
          <button type="submit" className={button} disabled={portalPending}>{t("portal")}</button>
        </form>
      ) : null}
    </div>
  );
}

const LABELS = ["enteName", "codiceFiscale", "partitaIva", "codiceUnivoco", "pec", "billingAddress"] as const;

/** Italian invoicing data (FatturaPA); keeps what was typed on error. */
export function InvoicingForm({ initial }: { initial: Record<(typeof LABELS)[number], string> }) {
  const t = useTranslations("billing");
  const [state, action, pending] = useActionState<BillingState, FormData>(saveInvoicingAction, { ok: null, values: initial });
  const id = useId();
  const values = state.values ?? initial;
  return (
    <form action={action} className="mt-4 grid gap-4 sm:grid-cols-2" noValidate>
      {LABELS.map((name) => (
        <div key={name} className={name === "billingAddress" || name === "enteName" ? "sm:col-span-2" : ""}>
          <label htmlFor={`${id}-${name}`} className="font-semibold">{t(`fields.${name}`)}</label>
          <input
            id={`${id}-${name}`}
            name={name}
            defaultValue={values[name]}
            type={name === "pec" ? "email" : "text"}
            aria-invalid={Boolean(state.fieldErrors?.[name])}
            aria-describedby={state.fieldErrors?.[name] ? `${id}-${name}-error` : undefined}
            className="mt-1 block w-full rounded border border-gray-500 px-3 py-2 text-base"
          />
          {state.fieldErrors?.[name] ? <p id={`${id}-${name}-error`} className="mt-1 font-semibold text-red-800">{state.fieldErrors[name]}</p> : null}
        </div>
      ))}
      <div className="sm:col-span-2">
        {state.message ? <p role={state.ok ? "status" : "alert"} className={state.ok ? "mb-2 font-semibold text-green-900" : "mb-2 font-semibold text-red-800"}>{state.message}</p> : null}
        <button type="submit" className={button} disabled={pending}>{t("saveInvoicing")}</button>
      </div>
    </form>
  );
}
