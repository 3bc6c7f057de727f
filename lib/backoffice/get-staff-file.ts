import { and, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { attachments, reportEvents, reports } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";
import { externalMaySee } from "./get-staff-report";
import { reportScope } from "./report-scope";
import { asStaff } from "./staff-write";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A report's file for staff — private and hidden ones included — only if its report is in the actor's
 * scope (an operator cannot fetch another office's photos by guessing ids), and for a contractor's user
 * only if the step it was attached to is one they may see (not a staff internal note). NotFoundError otherwise.
 */
export async function getStaffFile({ ctx, id, thumb }: { ctx: Ctx; id: string; thumb: boolean }) {
  const staff = asStaff(ctx);
  requirePermission(staff.actor, "reports.read");
  if (!UUID.test(id)) throw new NotFoundError("file");
  const [file] = await withTenant(staff.tenant.id, (tx) =>
    tx
      .select({
        storageKey: attachments.storageKey,
        thumbKey: attachments.thumbKey,
        mimeType: attachments.mimeType,
        name: attachments.originalName,
        event: { visibility: reportEvents.visibility, type: reportEvents.type, data: reportEvents.data },
      })
      .from(attachments)
      .innerJoin(reports, and(eq(reports.tenantId, attachments.tenantId), eq(reports.id, attachments.reportId)))
      .leftJoin(reportEvents, and(eq(reportEvents.tenantId, attachments.tenantId), eq(reportEvents.id, attachments.eventId)))
      .where(and(reportScope(staff.tenant.id, staff.actor), eq(attachments.tenantId, staff.tenant.id), eq(attachments.id, id))),
  );
  if (!file) throw new NotFoundError("file");
  if (staff.actor.role === "external" && file.event?.type && !externalMaySee(file.event as Parameters<typeof externalMaySee>[0])) {
    throw new NotFoundError("file");
  }
  const key = thumb && file.thumbKey ? file.thumbKey : file.storageKey;
  const data = await getStorage().get(key);
  if (!data) throw new NotFoundError("file");
  return { data, mimeType: thumb && file.thumbKey ? "image/jpeg" : file.mimeType, name: file.name };
}
