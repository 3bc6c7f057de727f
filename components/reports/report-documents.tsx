import { getFormatter, getTranslations } from "next-intl/server";
import type { PublicDocument } from "@/lib/reports/get-public-report";

/** Human file type from the stored, content-checked MIME type (PDF for application/pdf). */
function typeLabel(mimeType: string): string {
  const sub = mimeType.split("/")[1] ?? mimeType;
  return sub.replace(/^x-/, "").toUpperCase();
}

/**
 * Public documents of a report or of one timeline entry (e.g. the PDF of an office's reply): name, type and
 * size, downloaded through the access-checked public file route (with the reporter's view token when private).
 */
export async function ReportDocuments({ documents, fileQuery = "" }: { documents: PublicDocument[]; fileQuery?: string }) {
  const [t, format] = await Promise.all([getTranslations("citizens.report"), getFormatter()]);
  const size = (bytes: number) =>
    bytes >= 1024 * 1024
      ? format.number(bytes / (1024 * 1024), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 })
      : format.number(Math.max(1, Math.round(bytes / 1024)), { style: "unit", unit: "kilobyte" });
  return (
    <ul className="space-y-2" data-testid="report-documents">
      {documents.map((d, i) => (
        <li key={d.id}>
          <a href={`/api/files/${d.id}?size=full${fileQuery}`} className="font-semibold text-brand underline">
            {d.name ?? t("documentUnnamed", { n: i + 1 })}
          </a>{" "}
          <span className="text-sm text-muted">({t("documentMeta", { type: typeLabel(d.mimeType), size: size(d.sizeBytes) })})</span>
        </li>
      ))}
    </ul>
  );
}
