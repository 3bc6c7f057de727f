import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { staffPageContext } from "@/components/backoffice/page-context";
import { StatusBadge } from "@/components/reports/status-badge";
import { listInbox } from "@/lib/backoffice/list-inbox";
import { officeWorkload } from "@/lib/backoffice/office-workload";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ days?: string }> };

export default async function SupervisionPage({ params, searchParams }: Props) {
  const ctx = await staffPageContext(params, "reports.triage");
  const days = (await searchParams).days === "90" ? 90 : 30;
  const [workload, unassigned, overdue, t, ts, format] = await Promise.all([
    officeWorkload({ ctx, days }),
    listInbox({ ctx, input: { tab: "unassigned", sort: "oldest" } }),
    listInbox({ ctx, input: { tab: "overdue", sort: "due" } }),
    getTranslations("backoffice"),
    getTranslations("status"),
    getFormatter(),
  ]);
  const duration = (hours: number | null) =>
    hours == null ? t("supervision.na") : hours < 48 ? t("supervision.hours", { value: hours }) : t("supervision.days_value", { value: hours / 24 });
  const list = (title: string, data: typeof unassigned, tab: string, testId: string) => (
    <section aria-labelledby={`${testId}-title`} className="space-y-2 rounded-lg bg-white p-4 shadow-sm" data-testid={testId}>
      <h2 id={`${testId}-title`} className="text-xl font-semibold">{title}</h2>
      <ul className="divide-y divide-gray-200">
        {data.rows.slice(0, 10).map((r) => (
          <li key={r.id} className="flex flex-wrap items-center gap-2 py-2">
            <Link href={`/ufficio/segnalazioni/${r.code}`} className="font-mono font-semibold underline">{r.code}</Link>
            <StatusBadge status={r.status} label={ts(r.status)} />
            <span className="text-sm">{r.categoryName} · {r.officeName ?? t("supervision.noOffice")}</span>
          </li>
        ))}
      </ul>
      <Link href={`/ufficio?tab=${tab}`} className="underline">{t("supervision.seeAll", { count: data.total })}</Link>
    </section>
  );
  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 p-4 pb-16">
      <h1 className="pt-2 text-3xl font-bold">{t("supervision.title")}</h1>
      <section aria-labelledby="workload-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="workload-title" className="text-xl font-semibold">{t("supervision.workload")}</h2>
        <nav aria-label={t("supervision.period")} className="flex gap-4">
          {[30, 90].map((d) => (
            <Link key={d} href={`/ufficio/supervisione?days=${d}`} aria-current={days === d ? "page" : undefined} className={days === d ? "font-bold underline" : "underline"}>
              {t("supervision.days", { days: d })}
            </Link>
          ))}
        </nav>
        <div className="overflow-x-auto">
          <table className="w-full text-left" data-testid="workload">
            <thead className="border-b-2 border-gray-300 text-sm">
              <tr>
                <th scope="col" className="p-2">{t("supervision.office")}</th>
                <th scope="col" className="p-2">{t("supervision.received")}</th>
                <th scope="col" className="p-2">{t("supervision.open")}</th>
                <th scope="col" className="p-2">{t("supervision.overdue")}</th>
                <th scope="col" className="p-2">{t("supervision.medianAck")}</th>
                <th scope="col" className="p-2">{t("supervision.medianResolve")}</th>
              </tr>
            </thead>
            <tbody>
              {workload.map((w) => (
                <tr key={w.officeId ?? "none"} className="border-b border-gray-200">
                  <th scope="row" className="p-2 font-semibold">{w.officeName ?? t("supervision.noOffice")}</th>
                  <td className="p-2">{format.number(w.received)}</td>
                  <td className="p-2">{format.number(w.open)}</td>
                  <td className="p-2">{format.number(w.overdue)}</td>
                  <td className="p-2">{duration(w.medianHoursToAcknowledge)}</td>
                  <td className="p-2">{duration(w.medianHoursToResolve)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        {list(t("supervision.unassigned"), unassigned, "unassigned", "supervision-unassigned")}
        {list(t("supervision.overdueList"), overdue, "overdue", "supervision-overdue")}
      </div>
    </main>
  );
}
