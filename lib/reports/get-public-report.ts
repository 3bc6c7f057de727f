import { and, asc, eq } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { attachments, categories, offices, reportEvents, reports, type ReportStatus } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { verifyLinkToken } from "./links";

export type PublicTimelineEntry = {
  id: string;
  type: "created" | "status_changed" | "public_reply" | "comment" | "updated";
  actorLabel: string | null;
  body: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  /** Public details only: the original of a duplicate, the body a report was forwarded to. */
  duplicateOf: string | null;
  forwardedTo: string | null;
  /** Written by the reporter (added information, or "non è risolto" reopening). */
  byReporter: boolean;
  /** Public photos attached with this entry (e.g. the reporter's added photos). */
  photos: PublicPhoto[];
  /** Public documents attached with this entry (e.g. a PDF with the office's reply). */
  documents: PublicDocument[];
  createdAt: Date;
};

export type PublicPhoto = { id: string; width: number | null; height: number | null };
export type PublicDocument = { id: string; name: string | null; mimeType: string; sizeBytes: number };

export type PublicReport = {
  id: string;
  code: string;
  title: string | null;
  description: string;
  status: ReportStatus;
  isPublic: boolean;
  category: { id: string; name: string; nameEn: string | null; commentsEnabled: boolean };
  office: string | null;
  lat: number;
  lng: number;
  address: string | null;
  supportCount: number;
  createdAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  duplicateOf: string | null;
  /** The report's own photos; those added later sit on their timeline entry. */
  photos: PublicPhoto[];
  /** The report's own public documents; those of a reply sit on its timeline entry. */
  documents: PublicDocument[];
  timeline: PublicTimelineEntry[];
  /** Whether visitors may comment (category and comune settings). */
  commentsOpen: boolean;
};

const PUBLIC_EVENT_TYPES = new Set(["created", "status_changed", "public_reply", "comment", "updated"]);

/**
 * A report as anyone may see it. Public reports of public categories only; a private report (or one of an
 * internal category) only with the reporter's view token — otherwise NotFoundError, exactly as for a code
 * that does not exist. Never returns reporter fields; the timeline holds only public, unhidden events.
 */
export async function getPublicReport(
  tenant: Pick<TenantRef, "id" | "settings">,
  code: string,
  viewToken?: string | null,
): Promise<PublicReport> {
  if (!/^[A-Z0-9]{1,10}-\d{4}-\d{1,9}$/.test(code)) throw new NotFoundError("report");
  return withTenant(tenant.id, async (tx) => {
    const report = await findVisibleReport(tx, tenant.id, code, viewToken);
    const [office] = report.officeId
      ? await tx.select({ name: offices.name }).from(offices).where(and(eq(offices.tenantId, tenant.id), eq(offices.id, report.officeId)))
      : [];
    // Which contractor or utility works on it is an internal work order: the public sees the office only
    // (a report closed as not competent names the body it went to in its public timeline).
    const [original] = report.duplicateOfId
      ? await tx.select({ code: reports.code }).from(reports).where(and(eq(reports.tenantId, tenant.id), eq(reports.id, report.duplicateOfId)))
      : [];
    const events = await tx
      .select()
      .from(reportEvents)
      .where(
        and(
          eq(reportEvents.tenantId, tenant.id),
          eq(reportEvents.reportId, report.id),
          eq(reportEvents.visibility, "public"),
          eq(reportEvents.hidden, false),
        ),
      )
      .orderBy(asc(reportEvents.createdAt));
    const publicEvents = new Set(events.map((e) => e.id));
    // Same checks as the public file route (getPublicFile): public, not hidden, and if attached to a
    // timeline entry, that entry is public and not hidden.
    const files = (
      await tx
        .select({
          id: attachments.id,
          width: attachments.width,
          height: attachments.height,
          eventId: attachments.eventId,
          kind: attachments.kind,
          name: attachments.originalName,
          mimeType: attachments.mimeType,
          sizeBytes: attachments.sizeBytes,
        })
        .from(attachments)
        .where(
          and(
            eq(attachments.tenantId, tenant.id),
            eq(attachments.reportId, report.id),
            eq(attachments.isPublic, true),
            eq(attachments.hidden, false),
          ),
        )
        .orderBy(asc(attachments.createdAt))
    ).filter((a) => !a.eventId || publicEvents.has(a.eventId));
    const photos = files.filter((a) => a.kind === "photo");
    const documents = files.filter((a) => a.kind === "document");

    const shown = events.filter((e) => PUBLIC_EVENT_TYPES.has(e.type));
    const shownIds = new Set(shown.map((e) => e.id));
    const photosOf = (eventId: string) => photos.filter((p) => p.eventId === eventId).map(({ id, width, height }) => ({ id, width, height }));
    const toDocument = ({ id, name, mimeType, sizeBytes }: (typeof documents)[number]): PublicDocument => ({ id, name, mimeType, sizeBytes });
    const documentsOf = (eventId: string) => documents.filter((d) => d.eventId === eventId).map(toDocument);
    const timeline: PublicTimelineEntry[] = shown.map((e) => ({
        id: e.id,
        type: e.type as PublicTimelineEntry["type"],
        actorLabel: e.actorLabel,
        body: e.body,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        duplicateOf: e.toStatus === "duplicate" ? (original?.code ?? null) : null,
        forwardedTo: e.toStatus === "not_competent" && typeof e.data?.forwardedTo === "string" ? e.data.forwardedTo : null,
        byReporter: e.data?.by === "reporter" || e.data?.reason === "citizen_not_fixed",
        photos: photosOf(e.id),
        documents: documentsOf(e.id),
        createdAt: e.createdAt,
      }));

    return {
      id: report.id,
      code: report.code,
      title: report.publicTitle ?? report.title,
      description: report.publicDescription ?? report.description,
      status: report.status,
      isPublic: report.isPublic && report.categoryVisibility === "public",
      category: {
        id: report.categoryId,
        name: report.categoryName,
        nameEn: report.categoryNameEn,
        commentsEnabled: report.commentsEnabled,
      },
      office: office?.name ?? null,
      lat: report.lat,
      lng: report.lng,
      address: report.address,
      supportCount: report.supportCount,
      createdAt: report.createdAt,
      acknowledgedAt: report.acknowledgedAt,
      resolvedAt: report.resolvedAt,
      closedAt: report.closedAt,
      duplicateOf: original?.code ?? null,
      photos: photos.filter((p) => !p.eventId || !shownIds.has(p.eventId)).map(({ id, width, height }) => ({ id, width, height })),
      documents: documents.filter((d) => !d.eventId || !shownIds.has(d.eventId)).map(toDocument),
      timeline,
      commentsOpen: report.commentsEnabled && tenant.settings?.commentsEnabled !== false,
    };
  });
}

/**
 * Loads a report by code if the visitor may see it: public report of a public category, or any report of
 * this comune with a valid view token bound to its id. Guards privacy: anything else is NotFoundError.
 */
export async function findVisibleReport(tx: Tx, tenantId: string, code: string, viewToken?: string | null) {
  const [row] = await tx
    .select({
      id: reports.id,
      code: reports.code,
      title: reports.title,
      publicTitle: reports.publicTitle,
      description: reports.description,
      publicDescription: reports.publicDescription,
      status: reports.status,
      isPublic: reports.isPublic,
      categoryId: reports.categoryId,
      officeId: reports.officeId,
      lat: reports.lat,
      lng: reports.lng,
      address: reports.address,
      supportCount: reports.supportCount,
      createdAt: reports.createdAt,
      acknowledgedAt: reports.acknowledgedAt,
      resolvedAt: reports.resolvedAt,
      closedAt: reports.closedAt,
      duplicateOfId: reports.duplicateOfId,
      categoryName: categories.name,
      categoryNameEn: categories.nameEn,
      categoryVisibility: categories.visibility,
      commentsEnabled: categories.commentsEnabled,
    })
    .from(reports)
    .innerJoin(categories, and(eq(categories.tenantId, reports.tenantId), eq(categories.id, reports.categoryId)))
    .where(and(eq(reports.tenantId, tenantId), eq(reports.code, code)));
  if (!row) throw new NotFoundError("report");
  const publiclyVisible = row.isPublic && row.categoryVisibility === "public";
  if (!publiclyVisible && !verifyLinkToken("view", row.id, viewToken)) throw new NotFoundError("report");
  return row;
}

/** A report anyone may act on (follow, comment, support): public, of a public category, of this comune. */
export async function findPublicReport(tx: Tx, tenantId: string, code: string) {
  const report = await findVisibleReport(tx, tenantId, code, null);
  return report;
}
