import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ReportsMap } from "@/components/map/reports-map";
import { MapLegend } from "@/components/reports/map-legend";
import { PublicFiltersForm } from "@/components/reports/public-filters-form";
import { PublicReportList } from "@/components/reports/public-report-list";
import { mapConfig } from "@/lib/maps/config";
import { countReportsByStatus } from "@/lib/reports/count-by-status";
import { listPublicCategories, listPublicReports } from "@/lib/reports/list-public";
import { filtersToParams, parsePublicFilters } from "@/lib/reports/public-filters";
import { OPEN_STATUSES, REPORT_STATUSES } from "@/lib/reports/statuses";
import { getTenant } from "@/lib/tenancy/get-tenant";

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The comune's home: live counts, filters, the map of public reports and its accessible list. */
export default async function TenantHome({ params, searchParams }: Props) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const query = await searchParams;
  const filters = parsePublicFilters(query);
  const pageParam = Array.isArray(query.pagina) ? query.pagina[0] : query.pagina;
  const page = Math.min(10_000, Math.max(1, Number.parseInt(pageParam ?? "1", 10) || 1));
  const [counts, list, categories, t, tm, ts, format] = await Promise.all([
    countReportsByStatus(tenant.id),
    listPublicReports(tenant, filters, page),
    listPublicCategories(tenant),
    getTranslations("tenantHome"),
    getTranslations("citizens.map"),
    getTranslations("status"),
    getFormatter(),
  ]);
  const open = OPEN_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return (
    <main id="main" className="mx-auto max-w-5xl space-y-8 p-4 pb-16">
      <section className="space-y-2 pt-4">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="max-w-3xl text-lg text-muted">{t("intro")}</p>
      </section>

      <section aria-labelledby="counts-title" className="space-y-3">
        <h2 id="counts-title" className="text-2xl font-semibold">
          {t("countsTitle")}
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="status-counts">
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-muted">{t("total")}</dt>
            <dd className="text-3xl font-bold" data-testid="count-total">
              {format.number(counts.total)}
            </dd>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm">
            <dt className="text-sm text-muted">{t("openNow")}</dt>
            <dd className="text-3xl font-bold" data-testid="count-open">
              {format.number(open)}
            </dd>
          </div>
          {REPORT_STATUSES.map((status) => (
            <div key={status} className="rounded-lg bg-white p-4 shadow-sm">
              <dt className="text-sm text-muted">{ts(status)}</dt>
              <dd className="text-2xl font-semibold" data-testid={`count-${status}`}>
                {format.number(counts[status])}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <PublicFiltersForm categories={categories} filters={filters} />

      <section aria-labelledby="map-title" className="space-y-3">
        <h2 id="map-title" className="text-2xl font-semibold">
          {tm("title")}
        </h2>
        <a href="#elenco" className="inline-block underline">
          {tm("skip")}
        </a>
        <ReportsMap
          config={mapConfig()}
          center={{ lat: tenant.centreLat, lng: tenant.centreLng }}
          zoom={13}
          filterQuery={filtersToParams(filters).toString()}
        />
        <MapLegend />
      </section>

      <PublicReportList page={list} filters={filters} />
    </main>
  );
}
