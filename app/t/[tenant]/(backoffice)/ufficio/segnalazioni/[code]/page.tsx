import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm, TextField } from "@/components/backoffice/action-form";
import { staffPageContext } from "@/components/backoffice/page-context";
import { ReportActions } from "@/components/backoffice/report-actions";
import { ReportTimeline } from "@/components/backoffice/report-timeline";
import { ReportLocationMap } from "@/components/map/report-location-map";
import { StatusBadge } from "@/components/reports/status-badge";
import { reportAction } from "@/app/actions/backoffice";
import { can } from "@/lib/auth/permissions";
import { getStaffReport } from "@/lib/backoffice/get-staff-report";
import { listBackofficeOptions } from "@/lib/backoffice/list-options";
import { mapConfig } from "@/lib/maps/config";
import { NotFoundError } from "@/lib/errors";

type Props = { params: Promise<{ tenant: string; code: string }> };

export default async function StaffReportPage({ params }: Props) {
  const ctx = await staffPageContext(params);
  const { code } = await params;
  const data = await getStaffReport({ ctx, code }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const [options, t, ts, format] = await Promise.all([listBackofficeOptions({ ctx }), getTranslations("backoffice"), getTranslations("status"), getFormatter()]);
  const r = data.report;
  const dt = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const photos = data.files;
  // Answers by question code; a question later removed from the category still shows, under its code.
  const answers = Object.entries(r.answers ?? {}).map(([code, value]) => ({
    code,
    label: data.categoryQuestions.find((q) => q.code === code)?.label ?? code,
    value: typeof value === "boolean" ? t(value ? "report.yes" : "report.no") : String(value),
  }));

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-6 p-4 pb-16">
      <p>
        <Link href="/ufficio" className="underline">← {t("report.back")}</Link>
      </p>
      <header className="space-y-2">
        <p className="font-mono text-lg font-semibold" data-testid="report-code">{r.code}</p>
        <h1 className="text-2xl font-bold sm:text-3xl">{r.title ?? data.categoryName}</h1>
        <p className="flex flex-wrap items-center gap-2">
          <span data-testid="report-status"><StatusBadge status={r.status} label={ts(r.status)} /></span>
          {!r.isPublic ? <span className="rounded bg-gray-200 px-2 text-sm font-semibold">{t("report.private")}</span> : null}
          {data.duplicateOfCode ? (
            <Link href={`/ufficio/segnalazioni/${data.duplicateOfCode}`} className="underline">{t("report.duplicateOf", { code: data.duplicateOfCode })}</Link>
          ) : null}
        </p>
      </header>

      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-6">
          <section aria-labelledby="details-title" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="details-title" className="text-xl font-semibold">{t("report.details")}</h2>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="report-details">
              <dt className="font-semibold">{t("report.category")}</dt><dd data-testid="report-category">{data.categoryName}</dd>
              <dt className="font-semibold">{t("report.office")}</dt><dd data-testid="report-office">{data.officeName ?? "—"}</dd>
              <dt className="font-semibold">{t("report.organisation")}</dt><dd data-testid="report-organisation">{data.organisationName ?? "—"}</dd>
              <dt className="font-semibold">{t("report.assignee")}</dt><dd>{data.assigneeName ?? t("report.nobody")}</dd>
              <dt className="font-semibold">{t("report.priority")}</dt><dd>{t(`priorities.${r.priority}`)}</dd>
              <dt className="font-semibold">{t("report.channel")}</dt><dd>{t(`channels.${r.channel}`)}</dd>
              <dt className="font-semibold">{t("report.received")}</dt><dd>{dt(r.createdAt)}</dd>
              <dt className="font-semibold">{t("report.due")}</dt><dd>{dt(r.dueAt)}</dd>
              <dt className="font-semibold">{t("report.address")}</dt><dd>{r.address ?? "—"}</dd>
              <dt className="font-semibold">{t("report.position")}</dt>
              <dd>
                {r.lat.toFixed(5)}, {r.lng.toFixed(5)} ·{" "}
                <a className="underline" href={`https://www.openstreetmap.org/?mlat=${r.lat}&mlon=${r.lng}#map=18/${r.lat}/${r.lng}`} rel="noreferrer" target="_blank">
                  {t("report.openMap")}
                </a>
              </dd>
            </dl>
            <div className="mt-3">
              <ReportLocationMap config={mapConfig()} lat={r.lat} lng={r.lng} label={t("report.mapLabel", { code: r.code })} />
            </div>
            {answers.length > 0 ? (
              <>
                <h3 className="mt-4 text-lg font-semibold">{t("report.answers")}</h3>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="report-answers">
                  {answers.map((a) => (
                    <div key={a.code} className="contents">
                      <dt className="font-semibold">{a.label}</dt>
                      <dd>{a.value}</dd>
                    </div>
                  ))}
                </dl>
              </>
            ) : null}
            {data.duplicates.length > 0 ? (
              <p className="mt-2">
                {t("report.duplicates")}:{" "}
                {data.duplicates.map((d) => (
                  <Link key={d.code} href={`/ufficio/segnalazioni/${d.code}`} className="mr-2 font-mono underline">{d.code}</Link>
                ))}
              </p>
            ) : null}
          </section>

          <section aria-labelledby="desc-title" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="desc-title" className="text-xl font-semibold">{t("report.description")}</h2>
            <p className="mt-2 whitespace-pre-wrap" data-testid="report-description">{r.description}</p>
            {r.publicTitle || r.publicDescription ? (
              <div className="mt-3 border-l-4 border-gray-400 pl-3">
                {r.publicTitle ? <p><strong>{t("report.moderatedTitle")}:</strong> {r.publicTitle}</p> : null}
                {r.publicDescription ? <p className="whitespace-pre-wrap"><strong>{t("report.moderatedDescription")}:</strong> {r.publicDescription}</p> : null}
              </div>
            ) : null}
          </section>

          {/* A contractor's user gets the report without the reporter's contact (getStaffReport redacts it). */}
          {data.redacted ? null : (
            <section aria-labelledby="reporter-title" className="rounded-lg bg-white p-4 shadow-sm">
              <h2 id="reporter-title" className="text-xl font-semibold">{t("report.reporter")}</h2>
              {r.reporterName || r.reporterEmail || r.reporterPhone ? (
                <ul className="mt-2 space-y-1">
                  {r.reporterName ? <li>{r.reporterName}</li> : null}
                  {r.reporterPhone ? <li>{t("report.phone")}: <a className="underline" href={`tel:${r.reporterPhone.replace(/[^+\d]/g, "")}`}>{r.reporterPhone}</a></li> : null}
                  {r.reporterEmail ? <li>{t("report.email")}: <a className="underline" href={`mailto:${r.reporterEmail}`}>{r.reporterEmail}</a></li> : null}
                </ul>
              ) : (
                <p className="mt-2">{t("report.anonymous")}</p>
            )}
            {r.callbackRequested ? <p className="mt-2 font-semibold">{t("report.callbackRequested")}</p> : null}
            {r.callbackPendingSince ? (
              <div className="mt-3 rounded border-2 border-yellow-700 bg-yellow-50 p-3" data-testid="callback-pending">
                <p className="font-semibold">{t("report.callbackPending", { date: dt(r.callbackPendingSince) })}</p>
                {can(ctx.actor.role, "reports.handle") ? (
                  <ActionForm action={reportAction} intent="callback_done" reportId={r.id} submitLabel={t("actions.callbackDone")}>
                    <TextField name="note" label={t("actions.callbackNote")} />
                  </ActionForm>
                ) : null}
              </div>
            ) : null}
          </section>
          )}

          <section aria-labelledby="photos-title" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="photos-title" className="text-xl font-semibold">{t("report.photos")}</h2>
            {photos.length === 0 ? <p className="mt-2">{t("report.noPhotos")}</p> : null}
            <ul className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-3">
              {photos.map((f, i) => (
                <li key={f.id} className="space-y-1">
                  {f.kind === "photo" ? (
                    <a href={`/api/backoffice/files/${f.id}`}>
                      {/* eslint-disable-next-line @next/next/no-img-element -- served by the scope-checked files route */}
                      <img src={`/api/backoffice/files/${f.id}?thumb=1`} alt={t("report.photoAlt", { n: String(i + 1), code: r.code })} className="aspect-square w-full rounded object-cover" loading="lazy" />
                    </a>
                  ) : (
                    <a href={`/api/backoffice/files/${f.id}`} className="underline">{t("report.document", { name: f.originalName ?? "PDF" })}</a>
                  )}
                  {f.hidden || !f.isPublic ? <span className="block text-sm font-semibold">{f.hidden ? t("report.hidden") : t("report.internal")}</span> : null}
                </li>
              ))}
            </ul>
          </section>

          <ReportTimeline data={data} />
        </div>

        <ReportActions data={data} options={options} actor={ctx.actor} tenantName={ctx.tenant.name} />
      </div>
    </main>
  );
}
