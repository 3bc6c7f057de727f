import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { withTenant } from "@/db/client";
import { attachments, categories, offices, organisations, reportEvents, reports, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { NotFoundError } from "@/lib/errors";
import { reportScope } from "./report-scope";
import { asStaff } from "./staff-write";

const CODE = /^[A-Z]{2,6}-\d{4}-\d{6}$/;

type EventRow = typeof reportEvents.$inferSelect;

/**
 * Guards what a contractor's user (role external) sees of a report's timeline: public steps, the
 * organisations' own progress posts, and the assignment to an organisation with its instructions.
 * Internal notes of the comune's staff stay with the comune.
 */
export function externalMaySee(event: Pick<EventRow, "visibility" | "type" | "data">): boolean {
  if (event.visibility === "public") return true;
  const data = (event.data ?? {}) as Record<string, unknown>;
  if (event.type === "internal_note") return data.external === true;
  return event.type === "assigned" && data.target === "organisation";
}

/**
 * Everything staff see of one report — original and moderated text, reporter contact, every timeline
 * event (public and internal), every attachment (hidden ones too) and the duplicates linked to it — if
 * it is in the actor's scope; NotFoundError otherwise. A contractor's user (external) gets it redacted
 * here, so no page can leak it: no reporter contact or call-back data, no internal notes of the comune
 * (see externalMaySee) and no files attached to them; `redacted` tells the page.
 */
export async function getStaffReport({ ctx, code }: { ctx: Ctx; code: string }) {
  const staff = asStaff(ctx);
  requirePermission(staff.actor, "reports.read");
  const normalized = decodeURIComponent(code).toUpperCase();
  if (!CODE.test(normalized)) throw new NotFoundError("report");
  const tenantId = staff.tenant.id;
  return withTenant(tenantId, async (tx) => {
    const assignee = alias(users, "assignee");
    const original = alias(reports, "original");
    const [row] = await tx
      .select({
        report: reports,
        categoryName: categories.name,
        /** Labels of the answers to the category's extra questions (report.answers holds them by code). */
        categoryQuestions: categories.extraQuestions,
        officeName: offices.name,
        organisationName: organisations.name,
        assigneeName: assignee.name,
        duplicateOfCode: original.code,
      })
      .from(reports)
      .innerJoin(categories, and(eq(categories.tenantId, reports.tenantId), eq(categories.id, reports.categoryId)))
      .leftJoin(offices, and(eq(offices.tenantId, reports.tenantId), eq(offices.id, reports.officeId)))
      .leftJoin(organisations, and(eq(organisations.tenantId, reports.tenantId), eq(organisations.id, reports.organisationId)))
      .leftJoin(assignee, eq(assignee.id, reports.assigneeUserId))
      .leftJoin(original, and(eq(original.tenantId, reports.tenantId), eq(original.id, reports.duplicateOfId)))
      .where(and(reportScope(tenantId, staff.actor), eq(reports.code, normalized)));
    if (!row) throw new NotFoundError("report");
    const reportId = row.report.id;
    const [events, files, duplicates] = await Promise.all([
      tx
        .select({ event: reportEvents, actorName: users.name })
        .from(reportEvents)
        .leftJoin(users, eq(users.id, reportEvents.actorUserId))
        .where(and(eq(reportEvents.tenantId, tenantId), eq(reportEvents.reportId, reportId)))
        .orderBy(asc(reportEvents.createdAt)),
      tx
        .select()
        .from(attachments)
        .where(and(eq(attachments.tenantId, tenantId), eq(attachments.reportId, reportId)))
        .orderBy(asc(attachments.createdAt)),
      tx
        .select({ code: reports.code, status: reports.status })
        .from(reports)
        .where(and(eq(reports.tenantId, tenantId), eq(reports.duplicateOfId, reportId))),
    ]);
    if (staff.actor.role !== "external") return { ...row, events, files, duplicates, redacted: false };
    const visible = events.filter((e) => externalMaySee(e.event));
    const visibleIds = new Set(visible.map((e) => e.event.id));
    return {
      ...row,
      report: { ...row.report, reporterName: null, reporterEmail: null, reporterPhone: null, reporterUserId: null, callbackRequested: false, callbackPendingSince: null },
      events: visible,
      files: files.filter((f) => !f.eventId || visibleIds.has(f.eventId)),
      duplicates,
      redacted: true,
    };
  });
}

export type StaffReport = Awaited<ReturnType<typeof getStaffReport>>;
