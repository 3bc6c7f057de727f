"use client";

import { useTranslations } from "next-intl";
import { categoryCommandAction, saveCategoryAction } from "@/app/actions/settings";
import type { ConfigLists } from "@/lib/config/list-config";
import { ExtraQuestionsEditor, type Question } from "./extra-questions-editor";
import { buttonClass, Checkbox, CommandButton, Field, FormStatus, useFormAction, useMessage } from "./form-kit";

type Root = ConfigLists["categories"][number];
type Category = Omit<Root, "children">;
type Option = { value: string; label: string };

function CategoryForm({ category, roots, offices, organisations }: { category?: Category; roots: Option[]; offices: Option[]; organisations: Option[] }) {
  const t = useTranslations("settings.categories");
  const ts = useTranslations("settings");
  const msg = useMessage();
  const [state, action, pending] = useFormAction(saveCategoryAction);
  const qError = state.fieldErrors?.extraQuestions?.map((e) => msg("fieldErrors", e)).join(" ");
  let questions: Question[] = (category?.extraQuestions as Question[] | undefined) ?? [];
  if (!state.ok && state.values?.extraQuestions) {
    try {
      questions = JSON.parse(state.values.extraQuestions) as Question[];
    } catch {
      // keep the stored ones
    }
  }
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2" key={category ? category.id : `new-${state.savedAt ?? 0}`}>
      {category ? <input type="hidden" name="id" value={category.id} /> : null}
      <Field state={state} name="name" label={t("name")} defaultValue={category?.name} required />
      <Field state={state} name="nameEn" label={t("nameEn")} defaultValue={category?.nameEn} />
      <Field
        state={state}
        name="parentId"
        label={t("parent")}
        defaultValue={category?.parentId ?? ""}
        options={[{ value: "", label: t("topLevel") }, ...roots.filter((r) => r.value !== category?.id)]}
      />
      <Field state={state} name="code" label={t("code")} hint={t("codeHint")} defaultValue={category?.code} />
      <Field
        state={state}
        name="visibility"
        label={t("visibility")}
        defaultValue={category?.visibility ?? "public"}
        options={[
          { value: "public", label: t("visibilityPublic") },
          { value: "internal", label: t("visibilityInternal") },
        ]}
      />
      <Field state={state} name="slaDays" type="number" label={t("sla")} hint={t("slaHint")} defaultValue={category?.slaDays ?? ""} />
      <Field state={state} name="defaultOfficeId" label={t("office")} defaultValue={category?.defaultOfficeId ?? ""} options={[{ value: "", label: t("none") }, ...offices]} />
      <Field
        state={state}
        name="defaultOrganisationId"
        label={t("organisation")}
        defaultValue={category?.defaultOrganisationId ?? ""}
        options={[{ value: "", label: t("none") }, ...organisations]}
      />
      <Field state={state} name="description" label={t("description")} defaultValue={category?.description} multiline rows={2} className="sm:col-span-2" />
      <Field state={state} name="notice" label={t("notice")} hint={t("noticeHint")} defaultValue={category?.notice} multiline rows={2} className="sm:col-span-2" />
      <div className="sm:col-span-2">
        <Checkbox state={state} name="noticeBlocks" label={t("noticeBlocks")} defaultChecked={category?.noticeBlocks} />
        <Checkbox state={state} name="reportsPrivateByDefault" label={t("private")} defaultChecked={category?.reportsPrivateByDefault} />
        <Checkbox state={state} name="commentsEnabled" label={t("comments")} defaultChecked={category?.commentsEnabled ?? true} />
      </div>
      <ExtraQuestionsEditor key={`${state.savedAt ?? 0}`} initial={questions} error={qError} />
      <div className="space-y-2 sm:col-span-2">
        <FormStatus state={state} success={ts("saved")} />
        <button type="submit" className={buttonClass} disabled={pending}>
          {category ? ts("save") : t("create")}
        </button>
      </div>
    </form>
  );
}

function CategoryItem({ category, lists }: { category: Category; lists: { roots: Option[]; offices: Option[]; organisations: Option[] } }) {
  const t = useTranslations("settings.categories");
  const ts = useTranslations("settings");
  const cmd = (command: string, label: string, danger = false) => (
    <CommandButton
      action={categoryCommandAction}
      fields={{ id: category.id, command }}
      label={label}
      danger={danger}
      confirm={command === "delete" ? ts("confirmDelete", { name: category.name }) : undefined}
    />
  );
  return (
    <details>
      <summary className="cursor-pointer text-lg font-semibold">
        {category.name}
        {category.code ? <span className="font-normal text-muted"> · {category.code}</span> : null}
        {!category.active ? <span className="ml-2 rounded bg-gray-200 px-2 text-sm text-ink">{t("inactive")}</span> : null}
        {category.visibility === "internal" ? <span className="ml-2 rounded bg-amber-100 px-2 text-sm text-ink">{t("internal")}</span> : null}
      </summary>
      <div className="mt-4 space-y-4">
        <div className="flex flex-wrap gap-2">
          {cmd("up", t("moveUp", { name: category.name }))}
          {cmd("down", t("moveDown", { name: category.name }))}
          {category.active ? cmd("deactivate", t("deactivate")) : cmd("activate", t("activate"))}
          {cmd("delete", t("delete"), true)}
        </div>
        <CategoryForm category={category} {...lists} />
      </div>
    </details>
  );
}

/** The two-level category tree with per-category actions, and a form to add one. */
export function CategoriesEditor({ tree, offices, organisations }: { tree: Root[]; offices: Option[]; organisations: Option[] }) {
  const t = useTranslations("settings.categories");
  const roots = tree.map((r) => ({ value: r.id, label: r.name }));
  const lists = { roots, offices, organisations };
  return (
    <div className="space-y-6">
      <ul className="space-y-3" aria-label={t("treeLabel")}>
        {tree.map((root) => (
          <li key={root.id} className="rounded-lg bg-white p-4 shadow-sm">
            <CategoryItem category={root} lists={lists} />
            {root.children.length > 0 ? (
              <ul className="mt-3 space-y-2 border-l-4 border-gray-300 pl-4">
                {root.children.map((c) => (
                  <li key={c.id}>
                    <CategoryItem category={c} lists={lists} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-cat" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="new-cat" className="mb-3 text-xl font-semibold">
          {t("new")}
        </h2>
        <CategoryForm {...lists} />
      </section>
    </div>
  );
}
