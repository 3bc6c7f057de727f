import { and, asc, desc, eq, gte, inArray, lte, or, type SQL } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { attachments, offices, OPEN_STATUSES, reportEvents, reports } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { isOpenStatus } from "@/lib/reports/statuses";
import type { ServiceCatalog } from "./services";

export type RequestQuery = {
  /** service_request_id list: overrides every other filter (spec). */
  ids?: string[];
  categoryIds?: string[];
  start: Date;
  end: Date;
  statuses?: ("open" | "closed")[];
  limit: number;
  offset: number;
};

type Row = {
  id: string;
  code: string;
  categoryId: string;
  status: string;
  description: string;
  publicDescription: string | null;
  address: string | null;
  lat: number;
  lng: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  dueAt: Date | null;
  office: string | null;
};

export type PublicRequest = Row & { statusNotes: string | null; photoId: string | null };

const CLOSED_STATUSES = ["resolved", "not_competent", "rejected", "duplicate"] as const;

/**
 * Public service requests of one comune. Guards what leaves through the API: only public reports in
 * visible categories, never reporter data (the select lists the public columns only), explicit
 * tenant filter inside withTenant.
 */
export async function findPublicRequests(
  tenant: Pick<TenantRef, "id">,
  catalog: ServiceCatalog,
  query: RequestQuery,
): Promise<PublicRequest[]> {
  const visible = [...catalog.visibleCategoryIds];
  if (visible.length === 0) return [];
  const filters: SQL[] = [eq(reports.tenantId, tenant.id), eq(reports.isPublic, true), inArray(reports.categoryId, visible)];
  if (query.ids) {
    if (query.ids.length === 0) return [];
    filters.push(inArray(reports.code, query.ids));
  } else {
    filters.push(gte(reports.createdAt, query.start), lte(reports.createdAt, query.end));
    if (query.categoryIds) {
      if (query.categoryIds.length === 0) return [];
      filters.push(inArray(reports.categoryId, query.categoryIds));
    }
    const statuses = new Set(query.statuses ?? []);
    if (statuses.size === 1) {
      filters.push(inArray(reports.status, statuses.has("open") ? [...OPEN_STATUSES] : [...CLOSED_STATUSES]));
    }
  }
  return withTenant(tenant.id, async (tx) => {
    const rows: Row[] = await tx
      .select({
        id: reports.id,
        code: reports.code,
        categoryId: reports.categoryId,
        status: reports.status,
        description: reports.description,
        publicDescription: reports.publicDescription,
        address: reports.address,
        lat: reports.lat,
        lng: reports.lng,
        createdAt: reports.createdAt,
        updatedAt: reports.updatedAt,
        closedAt: reports.closedAt,
        dueAt: reports.dueAt,
        office: offices.name,
      })
      .from(reports)
      .leftJoin(offices, and(eq(offices.tenantId, reports.tenantId), eq(offices.id, reports.officeId)))
      .where(and(...filters))
      .orderBy(desc(reports.createdAt), desc(reports.code))
      .limit(query.ids ? Math.min(query.ids.length, 1000) : query.limit)
      .offset(query.ids ? 0 : query.offset);
    return withNotesAndPhotos(tx, tenant.id, rows);
  });
}

/** Latest public note (public reply or status change with a text) and first public photo of each report. */
async function withNotesAndPhotos(tx: Tx, tenantId: string, rows: Row[]): Promise<PublicRequest[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const notes = await tx
    .select({ reportId: reportEvents.reportId, body: reportEvents.body })
    .from(reportEvents)
    .where(
      and(
        eq(reportEvents.tenantId, tenantId),
        inArray(reportEvents.reportId, ids),
        eq(reportEvents.visibility, "public"),
        eq(reportEvents.hidden, false),
        or(eq(reportEvents.type, "public_reply"), eq(reportEvents.type, "status_changed")),
      ),
    )
    .orderBy(desc(reportEvents.createdAt));
  const photos = await tx
    .select({ reportId: attachments.reportId, id: attachments.id })
    .from(attachments)
    .where(
      and(
        eq(attachments.tenantId, tenantId),
        inArray(attachments.reportId, ids),
        eq(attachments.kind, "photo"),
        eq(attachments.isPublic, true),
        eq(attachments.hidden, false),
      ),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  const noteOf = new Map<string, string>();
  for (const n of notes) if (n.body?.trim() && !noteOf.has(n.reportId)) noteOf.set(n.reportId, n.body);
  const photoOf = new Map<string, string>();
  for (const p of photos) if (!photoOf.has(p.reportId)) photoOf.set(p.reportId, p.id);
  return rows.map((r) => ({ ...r, statusNotes: noteOf.get(r.id) ?? null, photoId: photoOf.get(r.id) ?? null }));
}

/** w3 datetime with timezone (UTC, "Z"), whole seconds: what strict clients parse. */
export function w3(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** GET requests fields, in the spec's order. Ids and codes are strings; lat/long numbers. */
export function serializeRequest(r: PublicRequest, catalog: ServiceCatalog, baseUrl: string) {
  const service = catalog.byCategoryId.get(r.categoryId);
  const open = isOpenStatus(r.status);
  return {
    service_request_id: r.code,
    status: open ? ("open" as const) : ("closed" as const),
    status_notes: r.statusNotes,
    service_name: service?.name ?? null,
    service_code: service?.serviceCode ?? r.categoryId,
    description: (r.publicDescription ?? r.description) || null,
    agency_responsible: r.office,
    service_notice: service?.notice ?? null,
    requested_datetime: w3(r.createdAt),
    updated_datetime: w3(open ? r.updatedAt : (r.closedAt ?? r.updatedAt)),
    expected_datetime: r.dueAt ? w3(r.dueAt) : null,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: r.photoId ? publicPhotoUrl(baseUrl, r.photoId) : null,
  };
}

/** Where a public photo is served (app/api/v1/photos/[id]); the same check guards it there. */
export function publicPhotoUrl(baseUrl: string, attachmentId: string): string {
  return `${baseUrl}/api/v1/photos/${attachmentId}`;
}
