import { and, asc, eq, inArray } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { attachments, categories, offices, reportEvents, reports } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { publicPhotoUrl, w3 } from "@/lib/open311/requests";
import { loadServiceCatalog } from "@/lib/open311/services";
import { isOpenStatus } from "@/lib/reports/statuses";

/**
 * One public report by its code, with public fields only (no reporter data, no internal notes). Private
 * reports, reports in internal categories and other comuni's reports are all "not found".
 */
export async function getPublicReport(tenant: Pick<TenantRef, "id">, code: string, baseUrl: string) {
  const catalog = await loadServiceCatalog(tenant);
  return withTenant(tenant.id, async (tx) => {
    const [r] = await tx
      .select({
        id: reports.id,
        code: reports.code,
        status: reports.status,
        categoryId: reports.categoryId,
        title: reports.title,
        publicTitle: reports.publicTitle,
        description: reports.description,
        publicDescription: reports.publicDescription,
        address: reports.address,
        lat: reports.lat,
        lng: reports.lng,
        supportCount: reports.supportCount,
        createdAt: reports.createdAt,
        updatedAt: reports.updatedAt,
        acknowledgedAt: reports.acknowledgedAt,
        resolvedAt: reports.resolvedAt,
        closedAt: reports.closedAt,
        dueAt: reports.dueAt,
        office: offices.name,
        categoryName: categories.name,
      })
      .from(reports)
      .innerJoin(categories, and(eq(categories.tenantId, reports.tenantId), eq(categories.id, reports.categoryId)))
      .leftJoin(offices, and(eq(offices.tenantId, reports.tenantId), eq(offices.id, reports.officeId)))
      .where(and(eq(reports.tenantId, tenant.id), eq(reports.code, code), eq(reports.isPublic, true)));
    if (!r || !catalog.visibleCategoryIds.has(r.categoryId)) throw new NotFoundError("report");
    const photos = await tx
      .select({ id: attachments.id })
      .from(attachments)
      .where(
        and(
          eq(attachments.tenantId, tenant.id),
          eq(attachments.reportId, r.id),
          eq(attachments.kind, "photo"),
          eq(attachments.isPublic, true),
          eq(attachments.hidden, false),
        ),
      )
      .orderBy(asc(attachments.createdAt), asc(attachments.id));
    const service = catalog.byCategoryId.get(r.categoryId);
    const iso = (d: Date | null) => (d ? w3(d) : null);
    return {
      reportId: r.id,
      body: {
        code: r.code,
        status: r.status,
        open: isOpenStatus(r.status),
        category: { serviceCode: service?.serviceCode ?? r.categoryId, name: r.categoryName },
        office: r.office,
        title: r.publicTitle ?? r.title,
        description: r.publicDescription ?? r.description,
        address: r.address,
        lat: r.lat,
        lng: r.lng,
        supportCount: r.supportCount,
        createdAt: w3(r.createdAt),
        updatedAt: w3(r.updatedAt),
        acknowledgedAt: iso(r.acknowledgedAt),
        resolvedAt: iso(r.resolvedAt),
        closedAt: iso(r.closedAt),
        dueAt: iso(r.dueAt),
        photos: photos.map((p) => publicPhotoUrl(baseUrl, p.id)),
      },
    };
  });
}

const PUBLIC_TIMELINE = ["created", "status_changed", "public_reply"] as const;

/** The public timeline: creation, state changes and public replies; never internal notes or citizens' data. */
export async function getPublicReportUpdates(tenant: Pick<TenantRef, "id">, code: string, baseUrl: string) {
  const { reportId } = await getPublicReport(tenant, code, baseUrl);
  const events = await withTenant(tenant.id, (tx) =>
    tx
      .select({
        id: reportEvents.id,
        type: reportEvents.type,
        fromStatus: reportEvents.fromStatus,
        toStatus: reportEvents.toStatus,
        body: reportEvents.body,
        actorLabel: reportEvents.actorLabel,
        createdAt: reportEvents.createdAt,
      })
      .from(reportEvents)
      .where(
        and(
          eq(reportEvents.tenantId, tenant.id),
          eq(reportEvents.reportId, reportId),
          eq(reportEvents.visibility, "public"),
          eq(reportEvents.hidden, false),
          inArray(reportEvents.type, [...PUBLIC_TIMELINE]),
        ),
      )
      .orderBy(asc(reportEvents.createdAt), asc(reportEvents.id)),
  );
  return events.map((e) => ({
    id: e.id,
    type: e.type,
    at: w3(e.createdAt),
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    body: e.type === "created" ? null : e.body,
    // The public signature of staff ("Ufficio Manutenzioni"); the creation carries no name at all.
    author: e.type === "created" ? null : e.actorLabel,
  }));
}
