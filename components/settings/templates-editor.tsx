"use client";

import { useTranslations } from "next-intl";
import { deleteTemplateAction, saveTemplateAction } from "@/app/actions/settings";
import type { ConfigLists } from "@/lib/config/list-config";
import { buttonClass, CommandButton, Field, FormStatus, useFormAction } from "./form-kit";

type Template = ConfigLists["templates"][number];

function TemplateForm({ template, statuses }: { template?: Template; statuses: readonly string[] }) {
  const t = useTranslations("settings");
  const ts = useTranslations("status");
  const [state, action, pending] = useFormAction(saveTemplateAction);
  return (
    <form action={action} className="space-y-3" key={template ? template.id : `new-${state.savedAt ?? 0}`}>
      {template ? <input type="hidden" name="id" value={template.id} /> : null}
      <Field state={state} name="title" label={t("templates.title")} defaultValue={template?.title} required />
      <Field state={state} name="body" label={t("templates.body")} defaultValue={template?.body} multiline rows={5} required />
      <Field
        state={state}
        name="status"
        label={t("templates.status")}
        defaultValue={template?.status ?? ""}
        options={[{ value: "", label: t("templates.anyStatus") }, ...statuses.map((s) => ({ value: s, label: ts(s as never) }))]}
      />
      <FormStatus state={state} success={t("saved")} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {template ? t("save") : t("templates.create")}
      </button>
    </form>
  );
}

export function TemplatesEditor({ templates, statuses }: { templates: Template[]; statuses: readonly string[] }) {
  const t = useTranslations("settings");
  return (
    <div className="space-y-6">
      {templates.length === 0 ? <p>{t("templates.empty")}</p> : null}
      <ul className="space-y-3">
        {templates.map((tpl) => (
          <li key={tpl.id} className="rounded-lg bg-white p-4 shadow-sm">
            <details>
              <summary className="cursor-pointer text-lg font-semibold">{tpl.title}</summary>
              <div className="mt-4 space-y-4">
                <TemplateForm template={tpl} statuses={statuses} />
                <CommandButton action={deleteTemplateAction} fields={{ id: tpl.id }} label={t("templates.delete")} danger confirm={t("confirmDelete", { name: tpl.title })} />
              </div>
            </details>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-tpl" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="new-tpl" className="mb-3 text-xl font-semibold">
          {t("templates.new")}
        </h2>
        <TemplateForm statuses={statuses} />
      </section>
    </div>
  );
}
