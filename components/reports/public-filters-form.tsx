import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { PublicCategory } from "@/lib/reports/list-public";
import type { PublicFilters } from "@/lib/reports/public-filters";
import { REPORT_STATUSES } from "@/lib/reports/statuses";

const selectClass = "w-full rounded border-2 border-gray-500 bg-white px-3 py-2 text-base";

/** Category, state and period filters as a plain GET form: works without JavaScript, URLs are shareable. */
export async function PublicFiltersForm({ categories, filters }: { categories: PublicCategory[]; filters: PublicFilters }) {
  const [t, ts, locale] = await Promise.all([getTranslations("citizens.filters"), getTranslations("status"), getLocale()]);
  const name = (c: PublicCategory) => (locale === "en" && c.nameEn ? c.nameEn : c.name);
  const parents = new Map(categories.map((c) => [c.id, c]));
  return (
    <form method="get" action="/" className="grid gap-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-4 sm:items-end" aria-labelledby="filters-title">
      <h2 id="filters-title" className="text-xl font-semibold sm:col-span-4">
        {t("title")}
      </h2>
      <div className="space-y-1">
        <label htmlFor="f-category" className="block font-semibold">
          {t("category")}
        </label>
        <select id="f-category" name="category" defaultValue={filters.category ?? ""} className={selectClass}>
          <option value="">{t("allCategories")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.parentId && parents.get(c.parentId) ? `${name(parents.get(c.parentId)!)} › ${name(c)}` : name(c)}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="f-status" className="block font-semibold">
          {t("status")}
        </label>
        <select id="f-status" name="status" defaultValue={filters.status ?? ""} className={selectClass}>
          <option value="">{t("allStatuses")}</option>
          <option value="open">{t("open")}</option>
          <option value="closed">{t("closed")}</option>
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="f-period" className="block font-semibold">
          {t("period")}
        </label>
        <select id="f-period" name="periodo" defaultValue={filters.periodo ?? ""} className={selectClass}>
          <option value="">{t("allTime")}</option>
          <option value="7">{t("days7")}</option>
          <option value="30">{t("days30")}</option>
          <option value="365">{t("days365")}</option>
        </select>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:underline">
          {t("apply")}
        </button>
        <Link href="/" className="underline">
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
