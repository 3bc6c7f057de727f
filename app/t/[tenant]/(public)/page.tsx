import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/reports/status-badge";
import { countReportsByStatus } from "@/lib/reports/count-by-status";
import { listRecentPublicReports } from "@/lib/reports/list-recent-public";
import { getTenant } from "@/lib/tenancy/get-tenant";
import { OPEN_STATUSES, REPORT_STATUSES } from "@/lib/reports/statuses";

export default async function TenantHome({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await getTenant((await params).tenant);
  if (!tenant) notFound();
  const [counts, recent, t, ts, format, locale] = await Promise.all([
    countReportsByStatus(tenant.id),
    listRecentPublicReports(tenant.id, 10),
    getTranslations("tenantHome"),
    getTranslations("status"),
    getFormatter(),
    getLocale(),
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

      <section aria-labelledby="recent-title" className="space-y-3">
        <h2 id="recent-title" className="text-2xl font-semibold">
          {t("recentTitle")}
        </h2>
        {recent.length === 0 ? (
          <p>{t("noReports")}</p>
        ) : (
          <ul className="divide-y divide-gray-200 rounded-lg bg-white shadow-sm" data-testid="recent-reports">
            {recent.map((r) => (
              <li key={r.code} className="flex flex-wrap items-center justify-between gap-2 p-4">
                <div className="min-w-0">
                  <p className="font-semibold">{r.title ?? (locale === "en" && r.categoryEn ? r.categoryEn : r.category)}</p>
                  <p className="text-sm text-muted">
                    <span className="font-mono">{r.code}</span> · {locale === "en" && r.categoryEn ? r.categoryEn : r.category}
                    {r.address ? ` · ${r.address}` : ""} ·{" "}
                    {t("receivedOn", { date: format.dateTime(r.createdAt, { dateStyle: "medium" }) })}
                  </p>
                </div>
                <StatusBadge status={r.status} label={ts(r.status)} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
