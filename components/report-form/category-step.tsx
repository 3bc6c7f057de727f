"use client";

import { useLocale } from "next-intl";
import { useState } from "react";
import type { PublicCategory, PublicCategoryGroup } from "@/lib/categories/list-public-categories";
import { FieldError, INPUT, type StepProps } from "./fields";

/** Phone numbers in a notice ("chiamare il 112", "0172 699111") become tel: links next to the text. */
function phoneNumbers(text: string): string[] {
  return [...new Set(text.match(/\b(?:1\d{2,3}|0\d{1,4}[ .]?\d{4,8}|3\d{2}[ .]?\d{6,7})\b/g) ?? [])];
}

function normalise(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

export function CategoryNotice({ category, t }: { category: PublicCategory; t: StepProps["t"] }) {
  if (!category.notice) return null;
  const blocking = category.noticeBlocks;
  return (
    <div
      role={blocking ? "alert" : "note"}
      data-testid="category-notice"
      className={`rounded-md border-l-4 p-4 ${blocking ? "border-red-700 bg-red-50" : "border-amber-600 bg-amber-50"}`}
    >
      <p className="font-semibold">{blocking ? t("noticeBlockingTitle") : t("noticeTitle")}</p>
      <p className="whitespace-pre-line">{category.notice}</p>
      {phoneNumbers(category.notice).map((n) => (
        <a key={n} href={`tel:${n.replace(/\D/g, "")}`} className="mt-2 mr-3 inline-block font-semibold underline">
          {t("callNumber", { number: n })}
        </a>
      ))}
      {blocking && <p className="mt-2">{t("noticeBlockingBody")}</p>}
    </div>
  );
}

export function CategoryStep({ draft, update, errors, t, categories }: StepProps & { categories: PublicCategoryGroup[] }) {
  const locale = useLocale();
  const [query, setQuery] = useState("");
  const label = (c: PublicCategory) => (locale === "en" && c.nameEn ? c.nameEn : c.name);
  const q = normalise(query.trim());
  const groups = categories
    .map((g) => {
      const leaves = g.children.length ? g.children : [g];
      const groupMatches = q && normalise(`${g.name} ${g.nameEn ?? ""}`).includes(q);
      const shown = q
        ? leaves.filter((c) => groupMatches || normalise(`${c.name} ${c.nameEn ?? ""} ${c.description ?? ""}`).includes(q))
        : leaves;
      return { group: g, shown };
    })
    .filter((g) => g.shown.length);
  const selected = categories.flatMap((g) => (g.children.length ? g.children : [g])).find((c) => c.id === draft.categoryId);

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor="category-search" className="block font-semibold">
          {t("categorySearch")}
        </label>
        <input
          id="category-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className={INPUT}
          aria-describedby="category-search-count"
          autoComplete="off"
        />
        <p id="category-search-count" className="mt-1 text-sm text-muted" aria-live="polite">
          {q ? t("categoryMatches", { count: groups.reduce((n, g) => n + g.shown.length, 0) }) : ""}
        </p>
      </div>
      <div id="field-categoryId" className="space-y-4" tabIndex={-1}>
        {groups.map(({ group, shown }) => (
          <fieldset key={group.id} className="space-y-1">
            <legend className="text-lg font-semibold">{label(group)}</legend>
            {shown.map((c) => (
              <label key={c.id} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-gray-300 p-3 has-checked:border-2 has-checked:border-brand">
                <input
                  type="radio"
                  name="categoryId"
                  value={c.id}
                  checked={draft.categoryId === c.id}
                  onChange={() => update({ categoryId: c.id })}
                  className="mt-1 h-5 w-5"
                  aria-describedby={errors.categoryId?.length ? "field-categoryId-error" : undefined}
                />
                <span>
                  <span className="block font-semibold">{label(c)}</span>
                  {c.description && <span className="block text-sm text-muted">{c.description}</span>}
                </span>
              </label>
            ))}
          </fieldset>
        ))}
        {groups.length === 0 && <p>{t("categoryNoMatch")}</p>}
      </div>
      <FieldError id="field-categoryId" errors={errors.categoryId} t={t} />
      {selected && <CategoryNotice category={selected} t={t} />}
    </div>
  );
}
