import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { PublicTimelineEntry } from "@/lib/reports/get-public-report";
import { ReportDocuments } from "./report-documents";

/**
 * The public timeline: received, state changes (plain words; a duplicate links its original), replies
 * signed by office/role (with their public documents), citizens' comments and the reporter's additions (with
 * their photos). All user text renders as text.
 */
export async function ReportTimeline({ entries, fileQuery = "" }: { entries: PublicTimelineEntry[]; fileQuery?: string }) {
  const [t, ts, format] = await Promise.all([getTranslations("citizens.timeline"), getTranslations("status"), getFormatter()]);
  const statusLabel = (s: string | null) => (s && ts.has(s) ? ts(s) : (s ?? ""));
  return (
    <ol className="space-y-4 border-l-4 border-gray-300 pl-4" data-testid="timeline">
      {entries.map((e) => {
        let heading: string;
        let signature: string | null = e.actorLabel;
        if (e.type === "created") heading = t("created");
        else if (e.type === "status_changed") heading = t("statusChanged", { status: statusLabel(e.toStatus) });
        else if (e.type === "public_reply") heading = t("reply");
        else if (e.type === "comment") {
          heading = t("comment");
          signature = t("byCitizen");
        } else heading = t("updated");
        if (e.byReporter) signature = t("byReporter");
        if (e.type === "created") signature = null;
        return (
          <li key={e.id} className="space-y-1">
            <p className="font-semibold">
              {heading}
              {signature ? <span className="font-normal text-muted"> — {signature}</span> : null}
            </p>
            <p className="text-sm text-muted">
              <time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
            </p>
            {e.duplicateOf ? (
              <p>
                <Link href={`/segnalazioni/${e.duplicateOf}`} className="underline">
                  {t("duplicateOf", { code: e.duplicateOf })}
                </Link>
              </p>
            ) : null}
            {e.forwardedTo ? <p>{t("forwardedTo", { body: e.forwardedTo })}</p> : null}
            {e.body ? <p className="whitespace-pre-wrap break-words rounded bg-white p-3 shadow-sm">{e.body}</p> : null}
            {e.photos.length > 0 ? (
              <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label={t("photos")} data-testid="timeline-photos">
                {e.photos.map((p, i) => (
                  <li key={p.id}>
                    <a href={`/api/files/${p.id}?size=full${fileQuery}`}>
                      {/* eslint-disable-next-line @next/next/no-img-element -- served by our own access-checked route */}
                      <img
                        src={`/api/files/${p.id}?size=thumb${fileQuery}`}
                        alt={t("photoAlt", { n: i + 1, date: format.dateTime(e.createdAt, { dateStyle: "medium" }) })}
                        width={p.width ?? undefined}
                        height={p.height ?? undefined}
                        loading="lazy"
                        className="h-32 w-full rounded object-cover"
                      />
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            {e.documents.length > 0 ? <ReportDocuments documents={e.documents} fileQuery={fileQuery} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
