"use client";

import { useTranslations } from "next-intl";
import { deleteOrganisationAction, saveOrganisationAction } from "@/app/actions/settings";
import type { ConfigLists } from "@/lib/config/list-config";
import { buttonClass, CommandButton, Field, FormStatus, useFormAction } from "./form-kit";

type Organisation = ConfigLists["organisations"][number];

function OrganisationForm({ org, kinds }: { org?: Organisation; kinds: readonly string[] }) {
  const t = useTranslations("settings");
  const [state, action, pending] = useFormAction(saveOrganisationAction);
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2" key={org ? org.id : `new-${state.savedAt ?? 0}`}>
      {org ? <input type="hidden" name="id" value={org.id} /> : null}
      <Field state={state} name="name" label={t("organisations.name")} defaultValue={org?.name} required />
      <Field
        state={state}
        name="kind"
        label={t("organisations.kind")}
        defaultValue={org?.kind ?? "contractor"}
        options={kinds.map((k) => ({ value: k, label: t(`organisations.kinds.${k}`) }))}
      />
      <Field state={state} name="email" type="email" label={t("organisations.email")} defaultValue={org?.email} />
      <Field state={state} name="phone" type="tel" label={t("organisations.phone")} defaultValue={org?.phone} />
      <div className="space-y-2 sm:col-span-2">
        <FormStatus state={state} success={t("saved")} />
        <button type="submit" className={buttonClass} disabled={pending}>
          {org ? t("save") : t("organisations.create")}
        </button>
      </div>
    </form>
  );
}

/** Kinds come from the server (the schema list) so the client bundle carries no database code. */
export function OrganisationsEditor({ organisations, kinds }: { organisations: Organisation[]; kinds: readonly string[] }) {
  const t = useTranslations("settings");
  return (
    <div className="space-y-6">
      {organisations.length === 0 ? <p>{t("organisations.empty")}</p> : null}
      <ul className="space-y-3">
        {organisations.map((o) => (
          <li key={o.id} className="rounded-lg bg-white p-4 shadow-sm">
            <details>
              <summary className="cursor-pointer text-lg font-semibold">
                {o.name} <span className="text-sm font-normal text-muted">· {t(`organisations.kinds.${o.kind}`)}</span>
              </summary>
              <div className="mt-4 space-y-4">
                <OrganisationForm org={o} kinds={kinds} />
                <CommandButton action={deleteOrganisationAction} fields={{ id: o.id }} label={t("organisations.delete")} danger confirm={t("confirmDelete", { name: o.name })} />
              </div>
            </details>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-org" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="new-org" className="mb-3 text-xl font-semibold">
          {t("organisations.new")}
        </h2>
        <OrganisationForm kinds={kinds} />
      </section>
    </div>
  );
}
