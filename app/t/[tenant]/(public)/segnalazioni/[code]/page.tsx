import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { ReportLocationMap } from "@/components/map/report-location-map";
import { CommentForm, FocusFragment, FollowForm, SupportForm } from "@/components/reports/engage-forms";
import { ReportDocuments } from "@/components/reports/report-documents";
import { ReportTimeline } from "@/components/reports/report-timeline";
import { StatusBadge } from "@/components/reports/status-badge";
import { getCitizenActor } from "@/lib/auth/session";
import { COMMENT_MAX } from "@/lib/engagement/comment-on-report";
import { DomainError } from "@/lib/errors";
import { mapConfig } from "@/lib/maps/config";
import { getPublicReport, type PublicReport } from "@/lib/reports/get-public-report";
import { isOpenStatus } from "@/lib/reports/statuses";
import { getTenant, type Tenant } from "@/lib/tenancy/get-tenant";
import { commentAction, followAction, supportAction } from "../actions";

type Props = {
  params: Promise<{ tenant: string; code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Metadata and page ask for the same report in one request: read it once. */
const loadReport = cache(async (tenant: Tenant, code: string, token: string | null): Promise<PublicReport> => {
  try {
    return await getPublicReport(tenant, code, token);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  }
});

async function load({ params, searchParams }: Props): Promise<{ report: PublicReport; token: string | null; tenant: Tenant }> {
  const { tenant: segment, code } = await params;
  const tenant = await getTenant(segment);
  if (!tenant) notFound();
  const query = await searchParams;
  const token = typeof query.t === "string" ? query.t : null;
  return { report: await loadReport(tenant, decodeURIComponent(code).toUpperCase(), token), token, tenant };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { report } = await load(props);
  const t = await getTranslations("citizens.report");
  // A private report's page is reachable only with its token: keep it out of search engines.
  return { title: t("metaTitle", { code: report.code }), robots: report.isPublic ? undefined : { index: false } };
}

/** The public page of one report: what, where, state in plain words, who handles it, the timeline. */
export default async function ReportPage(props: Props) {
  const { report, token, tenant } = await load(props);
  const [t, ts, te, format, locale, citizen] = await Promise.all([
    getTranslations("citizens.report"),
    getTranslations("status"),
    getTranslations("citizens.engage"),
    getFormatter(),
    getLocale(),
    getCitizenActor(tenant),
  ]);
  const signedInEmail = citizen?.email ?? null;
  const category = locale === "en" && report.category.nameEn ? report.category.nameEn : report.category.name;
  const date = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "long" }) : t("notYet"));
  const fileQuery = token && !report.isPublic ? `&t=${encodeURIComponent(token)}` : "";
  const closed = !isOpenStatus(report.status);
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-8 p-4 pb-16">
      <p>
        <Link href="/" className="underline">
          ← {t("back")}
        </Link>
      </p>
      <header className="space-y-3">
        <p className="font-mono text-sm text-muted">{report.code}</p>
        <h1 className="break-words text-3xl font-bold">{report.title ?? category}</h1>
        <p data-testid="report-status" className="flex flex-wrap items-center gap-2">
          <span className="sr-only">{t("status")}: </span>
          <StatusBadge status={report.status} label={ts(report.status)} />
          {report.duplicateOf ? (
            <Link href={`/segnalazioni/${report.duplicateOf}`} className="underline">
              {t("duplicateOf")} {report.duplicateOf}
            </Link>
          ) : null}
        </p>
        {closed && report.status !== "resolved" ? <p className="text-sm text-muted">{t("closedNotFixed")}</p> : null}
        {!report.isPublic ? <p className="rounded border-l-4 border-brand bg-white p-3">{t("privateNotice")}</p> : null}
      </header>

      <dl className="grid gap-x-6 gap-y-3 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2">
        <Item label={t("category")} value={category} />
        <Item label={t("office")} value={report.office ?? t("noOffice")} />
        <Item label={t("received")} value={date(report.createdAt)} />
        <Item label={t("acknowledged")} value={date(report.acknowledgedAt)} />
        {report.status === "resolved" || report.resolvedAt ? (
          <Item label={t("resolved")} value={date(report.resolvedAt)} />
        ) : (
          <Item label={t("closed")} value={date(report.closedAt)} />
        )}
      </dl>

      <p data-testid="supporters" className="text-lg font-semibold">
        {t("supporters", { count: report.supportCount })}
      </p>

      <Section id="description" title={t("description")}>
        <p className="whitespace-pre-wrap break-words">{report.description}</p>
      </Section>

      {report.photos.length > 0 ? (
        <Section id="photos" title={t("photos")}>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            {report.photos.map((p, i) => (
              <li key={p.id}>
                <a href={`/api/files/${p.id}?size=full${fileQuery}`}>
                  {/* eslint-disable-next-line @next/next/no-img-element -- served by our own access-checked route */}
                  <img
                    src={`/api/files/${p.id}?size=thumb${fileQuery}`}
                    alt={t("photoAlt", { n: i + 1, code: report.code })}
                    width={p.width ?? undefined}
                    height={p.height ?? undefined}
                    loading="lazy"
                    className="h-32 w-full rounded object-cover"
                  />
                </a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {report.documents.length > 0 ? (
        <Section id="documents" title={t("documents")}>
          <ReportDocuments documents={report.documents} fileQuery={fileQuery} />
        </Section>
      ) : null}

      <Section id="position" title={t("position")}>
        {report.address ? <p>{report.address}</p> : null}
        <p className="text-sm text-muted">{t("coordinates", { lat: report.lat.toFixed(5), lng: report.lng.toFixed(5) })}</p>
        <ReportLocationMap config={mapConfig()} lat={report.lat} lng={report.lng} label={t("positionMap")} />
      </Section>

      <Section id="timeline" title={t("timeline")} className="space-y-3">
        <ReportTimeline entries={report.timeline} fileQuery={fileQuery} />
      </Section>

      {report.isPublic ? (
        <Section id="engage" title={te("title")} className="space-y-6">
          {/* #sostieni and #segui are the targets of the report form's "è già stato segnalato?" links. */}
          <FocusFragment ids={["sostieni", "segui"]} />
          <div className="grid gap-6 md:grid-cols-2">
            <div id="sostieni" tabIndex={-1} aria-labelledby="support-title" role="region" className="scroll-mt-4 space-y-2 rounded-lg bg-white p-4 shadow-sm">
              <h3 id="support-title" className="text-xl font-semibold">{te("supportTitle")}</h3>
              <SupportForm code={report.code} action={supportAction} signedInEmail={signedInEmail} />
            </div>
            <div id="segui" tabIndex={-1} aria-labelledby="follow-title" role="region" className="scroll-mt-4 space-y-2 rounded-lg bg-white p-4 shadow-sm">
              <h3 id="follow-title" className="text-xl font-semibold">{te("followTitle")}</h3>
              <FollowForm code={report.code} action={followAction} signedInEmail={signedInEmail} />
            </div>
          </div>
          <div className="space-y-2 rounded-lg bg-white p-4 shadow-sm">
            <h3 className="text-xl font-semibold">{te("commentTitle")}</h3>
            {report.commentsOpen ? (
              <CommentForm code={report.code} action={commentAction} max={COMMENT_MAX} signedInEmail={signedInEmail} />
            ) : (
              <p>{te("commentsOff")}</p>
            )}
          </div>
        </Section>
      ) : null}
    </main>
  );
}

/** A titled part of the page, named by its heading for screen readers. */
function Section({ id, title, className = "space-y-2", children }: { id: string; title: string; className?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className={className}>
      <h2 id={`${id}-title`} className="text-2xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="font-semibold">{value}</dd>
    </div>
  );
}
