import { isWorkingDay } from "@/lib/time/working-days";
import type { ReportChannel, ReportStatus } from "../schema";
import { OFFICES, REPLIES } from "./data/catalogue";
import { CITIZEN_COMMENTS, FIRST_NAMES, LAST_NAMES, RATING_FEEDBACK } from "./data/texts";
import type { GeneratorInput, GeneratorLeaf, NewRating, NewReport, NewReportEvent } from "./generate-reports";
import { between, pick, pickWeighted, uuidFrom, type Random } from "./random";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Where timelines write: events, ratings, and who supported which report ("email:…" → when). */
export type Sink = {
  events: NewReportEvent[];
  ratings: NewRating[];
  supporters: Map<string, Map<string, Date>>;
};
/** Channels where the citizen files the report; the others are typed in by the URP. */
export const SELF_SERVICE = new Set<ReportChannel>(["web", "app", "open311"]);
type EventFields = Partial<NewReportEvent> & Pick<NewReportEvent, "type" | "visibility">;

const RATINGS: [number, number][] = [
  [5, 40],
  [4, 30],
  [3, 12],
  [2, 8],
  [1, 10],
];

/**
 * The events that lead a report to `status`, with the matching timestamps written on the report. Gaps are
 * drawn at realistic lengths, then squeezed to fit between creation and now, so a recent report simply moved
 * faster instead of ending up in the future.
 */
export function buildTimeline(
  input: GeneratorInput,
  leaf: GeneratorLeaf,
  report: NewReport,
  target: ReportStatus,
  original: NewReport | null,
  sink: Sink,
): void {
  const { rand, supervisor } = input;
  const reportId = report.id!;
  const operators = input.operatorsByOffice.get(leaf.officeId) ?? [];
  // Offices without an operator account are handled by the URP supervisor, signing as the office.
  const handler = operators.length > 0 ? pick(rand, operators) : supervisor;
  const office = leaf.officeSignature;
  const events = sink.events;
  const steps: { gap: number; run: (at: Date) => void; byCitizen: boolean }[] = [];
  let current: ReportStatus = "new";
  let lastEvent = time(report.createdAt);

  const emit = (at: Date, fields: EventFields, id = reportId) => {
    events.push({ tenantId: input.tenantId, id: uuidFrom(rand), reportId: id, createdAt: at, ...fields });
    if (id === reportId) lastEvent = Math.max(lastEvent, at.getTime());
  };
  const byStaff = (fields: EventFields) => ({ actorUserId: handler.userId, actorLabel: office, ...fields });
  const step = (gap: number, run: (at: Date) => void, byCitizen = false) =>
    steps.push({ gap, run, byCitizen });
  const moveTo = (gap: number, to: ReportStatus, fields: (at: Date) => Partial<NewReport> = () => ({})) =>
    step(gap, (at) => {
      emit(at, byStaff({ type: "status_changed", visibility: "public", fromStatus: current, toStatus: to }));
      current = to;
      Object.assign(report, { status: to }, fields(at));
    });
  const reply = (body: string) => {
    const signer = rand() < 0.05 ? input.politician : { userId: handler.userId, signature: office };
    step(between(rand, 1, 20) * MINUTE, (at) =>
      emit(at, {
        type: "public_reply",
        visibility: "public",
        actorUserId: signer.userId,
        actorLabel: signer.signature,
        body,
      }),
    );
  };

  // As createReport writes it: reports taken by phone, at the counter or from mail are entered by the URP.
  const enteredBy = leaf.internal ? handler : SELF_SERVICE.has(report.channel ?? "web") ? null : supervisor;
  emit(report.createdAt as Date, {
    type: "created",
    visibility: "public",
    actorUserId: enteredBy?.userId ?? null,
    actorLabel: enteredBy?.name ?? null,
    toStatus: "new",
    data: { channel: report.channel },
  });

  const open = target === "acknowledged" || target === "in_progress";
  const closedByOffice = target === "rejected" || target === "not_competent";
  const acknowledged = open || (target === "resolved" && rand() < 0.92) || (closedByOffice && rand() < 0.35);
  if (acknowledged) {
    moveTo((1 + 60 * rand() ** 2) * HOUR, "acknowledged", (at) => ({ acknowledgedAt: at }));
    if (rand() < 0.3) reply(pick(rand, REPLIES.acknowledged));
    if (operators.length > 0 && (target === "in_progress" || target === "resolved") && rand() < 0.7) {
      const contractor = leaf.organisationName ? `; esecuzione: ${leaf.organisationName}` : "";
      step(between(rand, 5, 180) * MINUTE, (at) => {
        report.assigneeUserId = handler.userId;
        emit(
          at,
          byStaff({
            type: "assigned",
            visibility: "internal",
            body: `Assegnata a ${handler.name}${contractor}`,
            data: { assigneeUserId: handler.userId, organisationId: report.organisationId ?? null },
          }),
        );
      });
    }
    if (leaf.commentsEnabled && report.isPublic && rand() < 0.12) {
      const author = `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES).charAt(0)}.`;
      const body = pick(rand, CITIZEN_COMMENTS);
      const comment = (at: Date) =>
        emit(at, { type: "comment", visibility: "public", actorLabel: author, body });
      step(between(rand, 0.5, 6) * DAY, comment, true);
    }
    if ((target === "in_progress" || target === "resolved") && rand() < 0.45) {
      const body = pick(rand, REPLIES.internalNotes);
      step(between(rand, 0.3, 3) * DAY, (at) =>
        emit(at, byStaff({ type: "internal_note", visibility: "internal", body })),
      );
    }
    if (target === "in_progress" || (target === "resolved" && rand() < 0.85)) {
      moveTo(between(rand, 0.5, 8) * DAY, "in_progress");
      if (rand() < 0.25) reply(pick(rand, REPLIES.inProgress));
    }
  }

  const resolvedReplies = REPLIES.resolved[leaf.parentKey] ?? REPLIES.resolved.strade ?? [];
  const resolve = (gap: number) => {
    moveTo(gap, "resolved", (at) => ({ resolvedAt: at, closedAt: at, closeReason: null }));
    reply(pick(rand, resolvedReplies));
  };
  if (target === "resolved") {
    resolve(between(rand, 0.3, 1.4) * leaf.slaDays * DAY);
    if (rand() < 0.04) {
      step(between(rand, 1, 7) * DAY, (at) => {
        emit(at, {
          type: "status_changed",
          visibility: "public",
          actorUserId: supervisor.userId,
          actorLabel: OFFICES.urp.signature,
          fromStatus: "resolved",
          toStatus: "in_progress",
          body: REPLIES.reopened,
          data: { reason: "citizen_feedback" },
        });
        current = "in_progress";
        Object.assign(report, { status: "in_progress", resolvedAt: null, closedAt: null });
      });
      resolve(between(rand, 2, 10) * DAY);
    }
    if (rand() < 0.35) {
      const score = pickWeighted(rand, RATINGS, (r) => r[1])[0];
      const comment = pick(rand, RATING_FEEDBACK[score] ?? [""]) || null;
      const rate = (at: Date) => {
        report.rating = score;
        emit(at, { type: "rating", visibility: "public", body: comment, data: { rating: score } });
        sink.ratings.push({ tenantId: input.tenantId, reportId, score, fixed: true, comment, createdAt: at });
      };
      step(between(rand, 0.2, 6) * DAY, rate, true);
    }
  } else if (target === "rejected") {
    const reason = pick(rand, REPLIES.rejected);
    moveTo(between(rand, 0.2, 6) * DAY, "rejected", (at) => ({ closedAt: at, closeReason: reason }));
    reply(reason);
  } else if (target === "not_competent") {
    const body = pick(rand, input.otherBodies);
    const closeReason = `Di competenza di ${body}: segnalazione inoltrata.`;
    moveTo(between(rand, 0.2, 5) * DAY, "not_competent", (at) => ({ closedAt: at, closeReason }));
    reply(pick(rand, REPLIES.notCompetent).replaceAll("{ente}", body));
  } else if (target === "duplicate" && original) {
    moveTo(between(rand, 1, 48) * HOUR, "duplicate", (at) => {
      // Linked both ways: the original's timeline records the merge, and its reporter supports the original.
      emit(
        at,
        byStaff({ type: "merged", visibility: "public", body: `Unita la segnalazione ${report.code}` }),
        original.id,
      );
      if (report.reporterEmail) {
        const supporters = sink.supporters.get(original.id!) ?? new Map<string, Date>();
        sink.supporters.set(original.id!, supporters.set(`email:${report.reporterEmail}`, at));
        original.supportCount = (original.supportCount ?? 0) + 1;
      }
      original.updatedAt = new Date(Math.max(time(original.updatedAt), at.getTime()));
      return { closedAt: at, duplicateOfId: original.id, closeReason: `Duplicata di ${original.code}` };
    });
    reply(REPLIES.duplicate.replaceAll("{codice}", original.code));
  }

  const created = time(report.createdAt);
  const budget = input.now.getTime() - created - 2 * MINUTE;
  const total = steps.reduce((sum, s) => sum + s.gap, 0);
  const scale = total > budget ? budget / total : 1;
  const latest = input.now.getTime() - MINUTE;
  let at = created;
  for (const [i, s] of steps.entries()) {
    // Room for the steps still to come, one second each, keeps every timestamp in the past.
    const limit = latest - (steps.length - 1 - i) * 1000;
    let next = at + Math.max(1000, s.gap * scale);
    const awake = s.byCitizen ? nextDaytime(rand, next) : nextOfficeHours(rand, next);
    if (awake <= limit) next = awake;
    at = Math.min(next, limit);
    s.run(new Date(at));
  }
  report.updatedAt = new Date(Math.max(lastEvent, time(report.updatedAt)));
  // A citizen without email waits for a call back after the last news.
  if (report.callbackRequested && target !== "new" && rand() < 0.5) {
    report.callbackPendingSince = report.updatedAt;
  }
}

/** Offices work on working days, about 8 to 17 in Rome (UTC hours, ignoring daylight saving). */
export function isOfficeHours(t: number): boolean {
  const d = new Date(t);
  return d.getUTCHours() >= 7 && d.getUTCHours() < 16 && workingDay(d);
}

/** Between 7 and 16 UTC the civil date in Rome is the UTC date, so no time-zone lookup is needed. */
function workingDay(d: Date): boolean {
  return isWorkingDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())));
}

function nextOfficeHours(rand: Random, t: number): number {
  if (isOfficeHours(t)) return t;
  const d = new Date(t);
  if (d.getUTCHours() >= 16 || !workingDay(d)) d.setUTCDate(d.getUTCDate() + 1);
  while (!workingDay(d)) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(7, 0, 0, 0);
  return d.getTime() + Math.floor(rand() * 3 * HOUR);
}

function nextDaytime(rand: Random, t: number): number {
  const d = new Date(t);
  if (d.getUTCHours() >= 6 && d.getUTCHours() < 21) return t;
  if (d.getUTCHours() >= 21) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(6, 0, 0, 0);
  return d.getTime() + Math.floor(rand() * 4 * HOUR);
}

export function time(d: Date | undefined): number {
  return d ? d.getTime() : 0;
}
