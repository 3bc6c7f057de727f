import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { attachments, reports } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { loadServiceCatalog } from "@/lib/open311/services";
import { getStorage } from "@/lib/storage";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A photo for media_url: served only when the photo is public and not hidden, its report is public and
 * in a visible category. Anything else (private reports' photos included) is null → 404.
 */
export async function getPublicPhoto(tenant: Pick<TenantRef, "id">, id: string): Promise<{ data: Buffer; mimeType: string } | null> {
  if (!UUID.test(id)) return null;
  const catalog = await loadServiceCatalog(tenant);
  const [row] = await withTenant(tenant.id, (tx) =>
    tx
      .select({ storageKey: attachments.storageKey, mimeType: attachments.mimeType, categoryId: reports.categoryId })
      .from(attachments)
      .innerJoin(reports, and(eq(reports.tenantId, attachments.tenantId), eq(reports.id, attachments.reportId)))
      .where(
        and(
          eq(attachments.tenantId, tenant.id),
          eq(attachments.id, id),
          eq(attachments.kind, "photo"),
          eq(attachments.isPublic, true),
          eq(attachments.hidden, false),
          eq(reports.isPublic, true),
        ),
      ),
  );
  if (!row || !catalog.visibleCategoryIds.has(row.categoryId)) return null;
  const data = await getStorage().get(row.storageKey);
  return data ? { data, mimeType: row.mimeType } : null;
}
