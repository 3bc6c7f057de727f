import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { PublicListPage } from "@/lib/reports/list-public";
import { filtersToParams, type PublicFilters } from "@/lib/reports/public-filters";
import { StatusBadge } from "./status-badge";

/**
 * The accessible equivalent of the map: a table with headers, one link per report (keyboard: Tab through
 * the codes), and paging links that keep the filters.
 */
export async function PublicReportList({ page, filters }: { page: PublicListPage; filters: PublicFilters }) {
  const [t, ts, format, locale] = await Promise.all([
    getTranslations("citizens.list"),
    getTranslations("status"),
    getFormatter(),
    getLocale(),
  ]);
  const pageHref = (n: number) => {
    const params = filtersToParams(filters);
    if (n > 1) params.set("pagina", String(n));
    const qs = params.toString();
    return `/${qs ? `?${qs}` : ""}#elenco`;
  };
  return (
    <section aria-labelledby="elenco" className="space-y-3">
      <h2 id="elenco" className="text-2xl font-semibold" tabIndex={-1}>
        {t("title")}
      </h2>
      <p role="status">{t("summary", { count: page.total })}</p>
      {page.items.length > 0 ? (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full text-left" data-testid="recent-reports">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="border-b-2 border-gray-300 text-sm">
              <tr>
                <th scope="col" className="p-3">{t("subject")}</th>
                <th scope="col" className="p-3">{t("status")}</th>
                <th scope="col" className="hidden p-3 sm:table-cell">{t("date")}</th>
                <th scope="col" className="hidden p-3 text-right md:table-cell">{t("supports")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-200">
              {page.items.map((r) => {
                const category = locale === "en" && r.categoryEn ? r.categoryEn : r.category;
                return (
                  <tr key={r.code} data-testid="report-row">
                    <td className="p-3 align-top">
                      <Link href={`/segnalazioni/${r.code}`} className="font-semibold text-brand underline">
                        {r.title ?? category}
                      </Link>
                      <p className="text-sm text-muted">
                        <span className="font-mono">{r.code}</span> · {category}
                        {r.address ? ` · ${r.address}` : ""}
                      </p>
                    </td>
                    <td className="p-3 align-top">
                      <StatusBadge status={r.status} label={ts(r.status)} />
                    </td>
                    <td className="hidden p-3 align-top sm:table-cell">{format.dateTime(r.createdAt, { dateStyle: "medium" })}</td>
                    <td className="hidden p-3 text-right align-top md:table-cell">{format.number(r.supportCount)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {page.pages > 1 ? (
        <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-3">
          {page.page > 1 ? (
            <Link href={pageHref(page.page - 1)} className="underline" rel="prev">
              ← {t("previous")}
            </Link>
          ) : (
            <span />
          )}
          <span aria-current="page">{t("pageOf", { page: page.page, pages: page.pages })}</span>
          {page.page < page.pages ? (
            <Link href={pageHref(page.page + 1)} className="underline" rel="next">
              {t("next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}
