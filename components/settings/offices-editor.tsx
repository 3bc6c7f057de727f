"use client";

import { useTranslations } from "next-intl";
import { deleteOfficeAction, saveOfficeAction } from "@/app/actions/settings";
import type { ConfigLists } from "@/lib/config/list-config";
import { buttonClass, dangerButtonClass, Field, FormStatus, useFormAction } from "./form-kit";

type Office = ConfigLists["offices"][number];

function OfficeForm({ office }: { office?: Office }) {
  const t = useTranslations("settings");
  const [state, action, pending] = useFormAction(saveOfficeAction);
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2" key={office ? office.id : `new-${state.savedAt ?? 0}`}>
      {office ? <input type="hidden" name="id" value={office.id} /> : null}
      <Field state={state} name="name" label={t("offices.name")} defaultValue={office?.name} required />
      <Field state={state} name="email" type="email" label={t("offices.email")} defaultValue={office?.email} />
      <Field state={state} name="phone" type="tel" label={t("offices.phone")} defaultValue={office?.phone} />
      <Field state={state} name="headName" label={t("offices.head")} defaultValue={office?.headName} />
      <div className="space-y-2 sm:col-span-2">
        <FormStatus state={state} success={t("saved")} />
        <button type="submit" className={buttonClass} disabled={pending}>
          {office ? t("save") : t("offices.create")}
        </button>
      </div>
    </form>
  );
}

function DeleteOffice({ office, others }: { office: Office; others: Office[] }) {
  const t = useTranslations("settings");
  const [state, action, pending] = useFormAction(deleteOfficeAction);
  return (
    <form action={action} className="mt-4 space-y-2 border-t border-gray-300 pt-4">
      <input type="hidden" name="id" value={office.id} />
      <Field
        state={state}
        name="reassignToOfficeId"
        label={t("offices.reassign")}
        hint={t("offices.reassignHint", { count: office.openReports })}
        options={[{ value: "", label: t("offices.noReassign") }, ...others.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <FormStatus state={state} />
      <button type="submit" className={dangerButtonClass} disabled={pending}>
        {t("offices.delete")}
      </button>
    </form>
  );
}

/** Offices: each in a disclosure with its edit and delete forms; a new-office form at the end. */
export function OfficesEditor({ offices }: { offices: Office[] }) {
  const t = useTranslations("settings");
  return (
    <div className="space-y-6">
      <ul className="space-y-3">
        {offices.map((o) => (
          <li key={o.id} className="rounded-lg bg-white p-4 shadow-sm">
            <details>
              <summary className="cursor-pointer text-lg font-semibold">
                {o.name} <span className="text-sm font-normal text-muted">· {t("offices.open", { count: o.openReports })}</span>
              </summary>
              <div className="mt-4">
                <OfficeForm office={o} />
                <DeleteOffice office={o} others={offices.filter((x) => x.id !== o.id)} />
              </div>
            </details>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-office" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="new-office" className="mb-3 text-xl font-semibold">
          {t("offices.new")}
        </h2>
        <OfficeForm />
      </section>
    </div>
  );
}
