import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { auditEvents, reportEvents, reports, type EventVisibility, type ReportEventType } from "@/db/schema";
import { requirePermission, type Permission } from "@/lib/auth/permissions";
import type { Ctx, StaffActor } from "@/lib/context";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { notifyFollowers, type FollowerNotice } from "@/lib/reports/notify-followers";
import { toValidationError } from "@/lib/reports/create-report";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { reportScope } from "./report-scope";

export type StaffCtx = Ctx<StaffActor>;
export type Report = typeof reports.$inferSelect;

/** The staff actor of a context, or ForbiddenError (citizens, API keys and anonymous callers never get here). */
export function asStaff(ctx: Ctx): StaffCtx {
  if (ctx.actor.kind !== "staff") throw new ForbiddenError();
  return ctx as StaffCtx;
}

/** zod at the verb's edge; messages are i18n keys (backoffice.errors.*, errors.*). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  return parsed.data;
}

/**
 * Every back-office write goes through here: staff only, permission checked first, comune writable (not
 * suspended), then one transaction under RLS. What `fn` writes — the change, its timeline event, its audit
 * row and its outbox emails — commits or rolls back together.
 */
export async function staffWrite<T>(ctx: Ctx, permission: Permission, fn: (tx: Tx, ctx: StaffCtx) => Promise<T>): Promise<T> {
  const staff = guardStaffWrite(ctx, permission);
  return withTenant(staff.tenant.id, (tx) => fn(tx, staff));
}

/** The checks of staffWrite, for verbs that must do work (file processing) before opening the transaction. */
export function guardStaffWrite(ctx: Ctx, permission: Permission): StaffCtx {
  const staff = asStaff(ctx);
  requirePermission(staff.actor, permission);
  assertTenantWritable(staff.tenant);
  return staff;
}

/**
 * The report, locked for the rest of the transaction, if it is in the actor's scope; NotFoundError
 * otherwise (another comune's report, or one of another office, does not exist for this person).
 */
export async function lockReport(tx: Tx, ctx: StaffCtx, reportId: string): Promise<Report> {
  const [report] = await tx
    .select()
    .from(reports)
    .where(and(reportScope(ctx.tenant.id, ctx.actor), eq(reports.id, reportId)))
    .for("update");
  if (!report) throw new NotFoundError("report");
  return report;
}

export type StepEvent = {
  type: ReportEventType;
  visibility: EventVisibility;
  body?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  data?: Record<string, unknown>;
  /** Public signature; defaults to the actor's name. */
  actorLabel?: string | null;
};

/**
 * Records one step of a report's handling: the timeline event and the audit row, and for public steps the
 * followers' emails (only when a notice is given) and the "da richiamare" flag for citizens without
 * email who asked to be called back. Internal steps never notify anyone outside the office.
 */
export async function recordStep(
  tx: Tx,
  ctx: StaffCtx,
  report: Pick<Report, "id" | "code" | "isPublic" | "callbackRequested" | "callbackPendingSince">,
  step: { event: StepEvent; audit: { action: string; data?: Record<string, unknown> }; notice?: Omit<FollowerNotice, "eventId"> },
): Promise<{ eventId: string }> {
  const now = new Date();
  const [event] = await tx
    .insert(reportEvents)
    .values({
      tenantId: ctx.tenant.id,
      reportId: report.id,
      type: step.event.type,
      visibility: step.event.visibility,
      actorUserId: ctx.actor.userId,
      actorLabel: step.event.actorLabel ?? ctx.actor.name,
      body: step.event.body ?? null,
      fromStatus: step.event.fromStatus ?? null,
      toStatus: step.event.toStatus ?? null,
      data: step.event.data ?? {},
      createdAt: now,
    })
    .returning({ id: reportEvents.id });
  await tx.insert(auditEvents).values({
    tenantId: ctx.tenant.id,
    actorUserId: ctx.actor.userId,
    actorKind: "staff",
    action: step.audit.action,
    targetType: "report",
    targetId: report.id,
    data: { code: report.code, eventId: event!.id, ...step.audit.data },
    ip: ctx.ip ?? null,
  });
  if (step.event.visibility === "public") {
    if (step.notice) {
      await notifyFollowers(tx, ctx.tenant, report, { ...step.notice, eventId: event!.id });
    }
    if (report.callbackRequested && !report.callbackPendingSince) {
      await tx
        .update(reports)
        .set({ callbackPendingSince: now })
        .where(and(eq(reports.tenantId, ctx.tenant.id), eq(reports.id, report.id)));
    }
  }
  return { eventId: event!.id };
}

/** The public signature of a reply: the person ("Nome Cognome — Titolo") or the comune itself. */
export function signature(ctx: StaffCtx, as: "person" | "comune", roleLabel: string): string {
  if (as === "comune") return `Comune di ${ctx.tenant.name}`;
  return `${ctx.actor.name} — ${ctx.actor.title ?? roleLabel}`;
}
