import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { staffPageContext } from "@/components/backoffice/page-context";
import { WeekChart } from "@/components/backoffice/week-chart";
import { getDashboard, type CohortFigures } from "@/lib/backoffice/dashboard";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ giorni?: string }> };

export async function generateMetadata() {
  return { title: (await getTranslations("backoffice"))("dashboard.title") };
}

/** The comune's dashboard (dashboards.read: politicians, supervisors, admins): figures for 30 or 90 days. */
export default async function DashboardPage({ params, searchParams }: Props) {
  const ctx = await staffPageContext(params, "dashboards.read");
  const days = (await searchParams).giorni === "90" ? 90 : 30;
  const [d, t, format] = await Promise.all([getDashboard({ ctx, days }), getTranslations("backoffice"), getFormatter()]);
  const n = (value: number) => format.number(value);
  const duration = (hours: number | null) =>
    hours == null ? t("supervision.na") : hours < 48 ? t("supervision.hours", { value: hours }) : t("supervision.days_value", { value: hours / 24 });
  const card = (label: string, value: string, testId: string) => (
    <div className="rounded-lg bg-white p-4 shadow-sm">
      <dt className="text-sm font-semibold text-muted">{label}</dt>
      <dd className="text-2xl font-bold" data-testid={testId}>{value}</dd>
    </div>
  );
  const head = (cells: string[]) => (
    <thead className="border-b-2 border-gray-300 text-sm">
      <tr>{cells.map((c) => <th key={c} scope="col" className="p-2">{c}</th>)}</tr>
    </thead>
  );
  const figureCells = (f: CohortFigures) => (
    <>
      <td className="p-2">{n(f.received)}</td>
      <td className="p-2">{n(f.closed)}</td>
      <td className="p-2">{n(f.open)}</td>
      <td className="p-2">{n(f.overdue)}</td>
      <td className="p-2">{duration(f.medianHoursToAcknowledge)}</td>
      <td className="p-2">{duration(f.medianHoursToResolve)}</td>
    </>
  );
  const cols = [t("dashboard.received"), t("dashboard.closed"), t("dashboard.stillOpen"), t("dashboard.overdue"), t("supervision.medianAck"), t("supervision.medianResolve")];

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 p-4 pb-16">
      <h1 className="pt-2 text-3xl font-bold">{t("dashboard.title")}</h1>
      <p>{t("dashboard.intro", { days, since: format.dateTime(d.since, { dateStyle: "long" }) })}</p>
      <nav aria-label={t("supervision.period")} className="flex gap-4">
        {[30, 90].map((p) => (
          <Link key={p} href={`/ufficio/cruscotto?giorni=${p}`} aria-current={days === p ? "page" : undefined} className={days === p ? "font-bold underline" : "underline"}>
            {t("supervision.days", { days: p })}
          </Link>
        ))}
      </nav>

      <section aria-labelledby="kpi-title" className="space-y-3">
        <h2 id="kpi-title" className="text-xl font-semibold">{t("dashboard.kpis")}</h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {card(t("dashboard.received"), n(d.totals.received), "kpi-received")}
          {card(t("dashboard.closed"), n(d.totals.closed), "kpi-closed")}
          {card(t("dashboard.stillOpen"), n(d.totals.open), "kpi-open")}
          {card(t("dashboard.overdue"), n(d.totals.overdue), "kpi-overdue")}
          {card(t("supervision.medianAck"), duration(d.totals.medianHoursToAcknowledge), "kpi-median-ack")}
          {card(t("supervision.medianResolve"), duration(d.totals.medianHoursToResolve), "kpi-median-resolve")}
          {card(
            t("dashboard.satisfaction"),
            d.satisfaction.average == null ? t("supervision.na") : t("dashboard.satisfactionValue", { value: d.satisfaction.average, count: d.satisfaction.ratings }),
            "kpi-satisfaction",
          )}
          {card(t("dashboard.backlog"), t("dashboard.backlogValue", { open: d.backlog.open, overdue: d.backlog.overdue }), "kpi-backlog")}
        </dl>
        <p className="text-sm text-muted">{t("dashboard.cohortNote")}</p>
      </section>

      <section aria-labelledby="weeks-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="weeks-title" className="text-xl font-semibold">{t("dashboard.trend")}</h2>
        <WeekChart weeks={d.weeks} labels={{ received: t("dashboard.received"), closed: t("dashboard.closed") }} />
        <div className="overflow-x-auto">
          <table className="w-full text-left" data-testid="dashboard-weeks">
            <caption className="sr-only">{t("dashboard.trend")}</caption>
            {head([t("dashboard.week"), t("dashboard.received"), t("dashboard.closed")])}
            <tbody>
              {d.weeks.map((w) => (
                <tr key={w.week} className="border-b border-gray-200">
                  <th scope="row" className="p-2 font-semibold">
                    {t("dashboard.weekOf", { date: format.dateTime(new Date(`${w.week}T12:00:00Z`), { dateStyle: "medium", timeZone: "Europe/Rome" }) })}
                  </th>
                  <td className="p-2">{n(w.received)}</td>
                  <td className="p-2">{n(w.closed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="offices-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="offices-title" className="text-xl font-semibold">{t("dashboard.byOffice")}</h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left" data-testid="dashboard-offices">
            <caption className="sr-only">{t("dashboard.byOffice")}</caption>
            {head([t("supervision.office"), ...cols, t("dashboard.backlog")])}
            <tbody>
              {d.byOffice.map((o) => (
                <tr key={o.id ?? "none"} className="border-b border-gray-200">
                  <th scope="row" className="p-2 font-semibold">{o.name ?? t("supervision.noOffice")}</th>
                  {figureCells(o)}
                  <td className="p-2">{t("dashboard.backlogValue", { open: o.backlogOpen, overdue: o.backlogOverdue })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="categories-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="categories-title" className="text-xl font-semibold">{t("dashboard.byCategory")}</h2>
        {d.byCategory.length === 0 ? <p>{t("dashboard.none")}</p> : (
          <div className="overflow-x-auto">
            <table className="w-full text-left" data-testid="dashboard-categories">
              <caption className="sr-only">{t("dashboard.byCategory")}</caption>
              {head([t("dashboard.category"), ...cols])}
              <tbody>
                {d.byCategory.map((c) => (
                  <tr key={c.id} className="border-b border-gray-200">
                    <th scope="row" className="p-2 font-semibold">{c.name}</th>
                    {figureCells(c)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
