import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { attachments, categories, reportEvents, reports } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";
import { verifyLinkToken } from "./links";

export type PublicFile = { data: Buffer; mimeType: string; publicReport: boolean; name: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An attachment as the public may fetch it: public and not hidden (nor on a hidden timeline entry), of a
 * public report of a public category — or of the reporter's own private report with its view token.
 * Everything else, including another comune's file, is NotFoundError.
 */
export async function getPublicFile(
  tenant: Pick<TenantRef, "id">,
  attachmentId: string,
  size: "thumb" | "full",
  viewToken?: string | null,
): Promise<PublicFile> {
  if (!UUID.test(attachmentId)) throw new NotFoundError("file");
  const found = await withTenant(tenant.id, async (tx) => {
    const [row] = await tx
      .select({
        storageKey: attachments.storageKey,
        thumbKey: attachments.thumbKey,
        mimeType: attachments.mimeType,
        name: attachments.originalName,
        isPublic: attachments.isPublic,
        hidden: attachments.hidden,
        eventId: attachments.eventId,
        reportId: reports.id,
        reportPublic: reports.isPublic,
        categoryVisibility: categories.visibility,
      })
      .from(attachments)
      .innerJoin(reports, and(eq(reports.tenantId, attachments.tenantId), eq(reports.id, attachments.reportId)))
      .innerJoin(categories, and(eq(categories.tenantId, reports.tenantId), eq(categories.id, reports.categoryId)))
      .where(and(eq(attachments.tenantId, tenant.id), eq(attachments.id, attachmentId)));
    if (!row || !row.isPublic || row.hidden) return null;
    if (row.eventId) {
      const [event] = await tx
        .select({ hidden: reportEvents.hidden, visibility: reportEvents.visibility })
        .from(reportEvents)
        .where(and(eq(reportEvents.tenantId, tenant.id), eq(reportEvents.id, row.eventId)));
      if (!event || event.hidden || event.visibility !== "public") return null;
    }
    const publicReport = row.reportPublic && row.categoryVisibility === "public";
    if (!publicReport && !verifyLinkToken("view", row.reportId, viewToken)) return null;
    return { ...row, publicReport };
  });
  if (!found) throw new NotFoundError("file");
  const key = size === "thumb" && found.thumbKey ? found.thumbKey : found.storageKey;
  const data = await getStorage().get(key);
  if (!data) throw new NotFoundError("file");
  // Thumbnails are JPEG/WebP made by the upload pipeline; the original's type is the stored, checked one.
  const mimeType = size === "thumb" && found.thumbKey ? sniffImageType(data) ?? found.mimeType : found.mimeType;
  return { data, mimeType, publicReport: found.publicReport, name: found.name };
}

function sniffImageType(data: Buffer): string | null {
  if (data[0] === 0xff && data[1] === 0xd8) return "image/jpeg";
  if (data.subarray(0, 4).toString("latin1") === "\x89PNG") return "image/png";
  if (data.subarray(0, 4).toString("latin1") === "RIFF" && data.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  return null;
}
