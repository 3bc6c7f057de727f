import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { offices, reportEvents, reports, type EventVisibility, type ReportEventType } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
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
  /**
   * Signature. Public steps default to the office handling the report (or "Comune di X"), never to a
   * person's name: citizens see who is responsible, not which employee clicked. Internal steps default to
   * the actor's name (staff only).
   */
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
  report: Pick<Report, "id" | "code" | "isPublic" | "callbackRequested" | "callbackPendingSince" | "officeId">,
  step: { event: StepEvent; audit: { action: string; data?: Record<string, unknown> }; notice?: Omit<FollowerNotice, "eventId"> },
): Promise<{ eventId: string }> {
  const now = new Date();
  const actorLabel =
    step.event.actorLabel ?? (step.event.visibility === "public" ? await officeSignature(tx, ctx, report.officeId) : ctx.actor.name);
  const [event] = await tx
    .insert(reportEvents)
    .values({
      tenantId: ctx.tenant.id,
      reportId: report.id,
      type: step.event.type,
      visibility: step.event.visibility,
      actorUserId: ctx.actor.userId,
      actorLabel,
      body: step.event.body ?? null,
      fromStatus: step.event.fromStatus ?? null,
      toStatus: step.event.toStatus ?? null,
      data: step.event.data ?? {},
      createdAt: now,
    })
    .returning({ id: reportEvents.id });
  // recordAudit attributes support-access work to the vendor (actor_kind "vendor" + grant id).
  await recordAudit(tx, ctx, ctx.actor, {
    action: step.audit.action,
    targetType: "report",
    targetId: report.id,
    data: { code: report.code, eventId: event!.id, ...step.audit.data },
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

/**
 * The public signature of a reply: the person ("Nome Cognome — Titolo") or the comune itself. Vendor
 * support acting through a grant always signs as the comune: citizens must never see the name of a
 * vendor's employee as if they worked for the comune.
 */
export function signature(ctx: StaffCtx, as: "person" | "comune", roleLabel: string): string {
  if (as === "comune" || ctx.actor.supportGrantId) return `Comune di ${ctx.tenant.name}`;
  return `${ctx.actor.name} — ${ctx.actor.title ?? roleLabel}`;
}

/** The signature of public state changes and their emails: the report's office, or the comune. */
export async function officeSignature(tx: Tx, ctx: StaffCtx, officeId: string | null): Promise<string> {
  if (officeId) {
    const [office] = await tx
      .select({ name: offices.name })
      .from(offices)
      .where(and(eq(offices.tenantId, ctx.tenant.id), eq(offices.id, officeId)));
    if (office) return office.name;
  }
  return `Comune di ${ctx.tenant.name}`;
}
