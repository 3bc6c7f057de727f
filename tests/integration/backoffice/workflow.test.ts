import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { acknowledgeReport } from "@/lib/backoffice/acknowledge-report";
import { closeNotCompetent } from "@/lib/backoffice/close-not-competent";
import { markDuplicate } from "@/lib/backoffice/mark-duplicate";
import { rejectReport } from "@/lib/backoffice/reject-report";
import { reopenReport } from "@/lib/backoffice/reopen-report";
import { resolveReport } from "@/lib/backoffice/resolve-report";
import { startProgress } from "@/lib/backoffice/start-progress";
import { ConflictError, ForbiddenError, NotFoundError, SuspendedError, ValidationError } from "@/lib/errors";
import { getSystemDb } from "@/db/system";
import { reportFollowers, reportSupports } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { caught } from "../../support/db";
import { auditOf, createWorld, eventsOf, outboxOf, reportRow, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeDb);

const emailsTo = async (tenantId: string, template: string) =>
  (await outboxOf(tenantId)).filter((m) => (m.payload as { message?: { template?: string } }).message?.template === template);

describe("acknowledgeReport", () => {
  it("takes a report in charge: status, timestamps, public event, audit row and the follower's email", async () => {
    const report = await w.roadReport();
    await acknowledgeReport({ ctx: w.ctx.operator, input: { reportId: report.id, message: "Sopralluogo domani" } });
    const row = await reportRow(w.tenant.id, report.id);
    expect(row.status).toBe("acknowledged");
    expect(row.acknowledgedAt).not.toBeNull();
    const events = await eventsOf(w.tenant.id, report.id);
    const step = events.find((e) => e.type === "status_changed")!;
    expect(step).toMatchObject({ visibility: "public", fromStatus: "new", toStatus: "acknowledged", body: "Sopralluogo domani", actorUserId: w.people.operator.user.id });
    expect((await auditOf(w.tenant.id, report.id)).map((a) => a.action)).toContain("report.acknowledge");
    const mails = (await emailsTo(w.tenant.id, "reportAcknowledged")).filter((m) => m.dedupeKey?.includes(step.id));
    expect(mails).toHaveLength(1);
    expect((mails[0]!.payload as { message: { to: string; values: { office: string } } }).message).toMatchObject({ to: report.reporterEmail, values: { office: "Manutenzioni" } });
  });

  it("refuses a second take in charge (state machine)", async () => {
    const report = await w.roadReport({ status: "acknowledged" });
    const error = await caught(() => acknowledgeReport({ ctx: w.ctx.operator, input: { reportId: report.id } }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("transition_not_allowed");
  });

  it("another comune's report is not found", async () => {
    expect(await caught(() => acknowledgeReport({ ctx: w.ctx.supervisor, input: { reportId: w.otherReport.id } }))).toBeInstanceOf(NotFoundError);
  });

  it("an operator of another office gets not found; a politician or an external user forbidden", async () => {
    const report = await w.roadReport();
    expect(await caught(() => acknowledgeReport({ ctx: w.ctx.greenOperator, input: { reportId: report.id } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => acknowledgeReport({ ctx: w.ctx.politician, input: { reportId: report.id } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => acknowledgeReport({ ctx: w.ctx.external, input: { reportId: report.id } }))).toBeInstanceOf(ForbiddenError);
    expect((await reportRow(w.tenant.id, report.id)).status).toBe("new");
  });

  it("rejects a malformed id and a suspended comune's writes", async () => {
    expect(await caught(() => acknowledgeReport({ ctx: w.ctx.operator, input: { reportId: "FOS-1" } }))).toBeInstanceOf(ValidationError);
    const report = await w.roadReport();
    const suspended = { ...w.ctx.operator, tenant: { ...w.tenant, status: "suspended" as const } };
    expect(await caught(() => acknowledgeReport({ ctx: suspended, input: { reportId: report.id } }))).toBeInstanceOf(SuspendedError);
  });
});

describe("startProgress", () => {
  it("moves to in progress; emails followers only when there is a message", async () => {
    const silent = await w.roadReport({ status: "acknowledged", acknowledgedAt: new Date() });
    const before = (await outboxOf(w.tenant.id)).length;
    await startProgress({ ctx: w.ctx.operator, input: { reportId: silent.id } });
    expect((await reportRow(w.tenant.id, silent.id)).status).toBe("in_progress");
    expect((await outboxOf(w.tenant.id)).length).toBe(before);
    const told = await w.roadReport({ status: "acknowledged", acknowledgedAt: new Date() });
    await startProgress({ ctx: w.ctx.operator, input: { reportId: told.id, message: "Squadra in arrivo" } });
    const mails = await emailsTo(w.tenant.id, "reportReply");
    expect(mails.some((m) => (m.payload as { message: { quote?: string } }).message.quote === "Squadra in arrivo")).toBe(true);
  });

  it("another comune's report is not found; a politician is forbidden", async () => {
    expect(await caught(() => startProgress({ ctx: w.ctx.admin, input: { reportId: w.otherReport.id } }))).toBeInstanceOf(NotFoundError);
    const report = await w.roadReport();
    expect(await caught(() => startProgress({ ctx: w.ctx.politician, input: { reportId: report.id } }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("resolveReport", () => {
  it("resolves with a photo: EXIF stripped, attachment linked to the event, reporter gets the rating link", async () => {
    const report = await w.roadReport({ status: "in_progress" });
    const photo = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: "#777" } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: "secret-gps" } } })
      .toBuffer();
    const { eventId } = await resolveReport({ ctx: w.ctx.operator, input: { reportId: report.id, message: "Buca chiusa" }, files: [{ name: "lavoro.jpg", data: photo }] });
    const row = await reportRow(w.tenant.id, report.id);
    expect(row.status).toBe("resolved");
    expect(row.resolvedAt).not.toBeNull();
    expect(row.closedAt).not.toBeNull();
    const db = await getSystemDb();
    const { attachments } = await import("@/db/schema");
    const [file] = await db.select().from(attachments).where(and(eq(attachments.tenantId, w.tenant.id), eq(attachments.eventId, eventId)));
    expect(file).toMatchObject({ kind: "photo", mimeType: "image/jpeg", width: 2000, height: 1000 });
    const { getStorage } = await import("@/lib/storage");
    const stored = await getStorage().get(file!.storageKey);
    expect((await sharp(stored!).metadata()).exif).toBeUndefined();
    const closed = (await emailsTo(w.tenant.id, "reportClosed")).find((m) => m.dedupeKey?.includes(eventId))!;
    const message = (closed.payload as { message: { values: { outcome: string }; action: { url: string } } }).message;
    expect(message.values.outcome).toBe("risolta");
    expect(message.action.url).toContain("/valuta?t=");
  });

  it("refuses a file that is not an image or PDF, whatever its name", async () => {
    const report = await w.roadReport();
    const error = await caught(() => resolveReport({ ctx: w.ctx.operator, input: { reportId: report.id }, files: [{ name: "foto.jpg", data: Buffer.from("<html>not a photo</html>") }] }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ files: ["file_type_invalid"] });
    expect((await reportRow(w.tenant.id, report.id)).status).toBe("new");
  });

  it("another comune's report is not found; an external user is forbidden", async () => {
    expect(await caught(() => resolveReport({ ctx: w.ctx.supervisor, input: { reportId: w.otherReport.id } }))).toBeInstanceOf(NotFoundError);
    const report = await w.roadReport({ organisationId: w.contractor.id });
    expect(await caught(() => resolveReport({ ctx: w.ctx.external, input: { reportId: report.id } }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("closeNotCompetent and rejectReport", () => {
  it("closes as not competent towards an organisation or a free-text body, with the message to the citizen", async () => {
    const a = await w.roadReport();
    await closeNotCompetent({ ctx: w.ctx.operator, input: { reportId: a.id, organisationId: w.otherOrg.id, message: "Se ne occupa Verde Spa" } });
    expect(await reportRow(w.tenant.id, a.id)).toMatchObject({ status: "not_competent", closeReason: "Verde Spa" });
    const b = await w.roadReport();
    await closeNotCompetent({ ctx: w.ctx.operator, input: { reportId: b.id, body: "ANAS", message: "Strada statale: competenza ANAS" } });
    const event = (await eventsOf(w.tenant.id, b.id)).find((e) => e.type === "status_changed")!;
    expect(event).toMatchObject({ visibility: "public", body: "Strada statale: competenza ANAS", data: { forwardedTo: "ANAS" } });
    const mail = (await emailsTo(w.tenant.id, "reportClosed")).find((m) => m.dedupeKey?.includes(event.id))!;
    expect((mail.payload as { message: { values: { outcome: string } } }).message.values.outcome).toContain("ANAS");
  });

  it("needs a body to forward to and a message; rejection needs a reason", async () => {
    const report = await w.roadReport();
    const noBody = await caught(() => closeNotCompetent({ ctx: w.ctx.operator, input: { reportId: report.id, message: "x" } }));
    expect((noBody as ValidationError).fieldErrors).toEqual({ body: ["forward_required"] });
    const noReason = await caught(() => rejectReport({ ctx: w.ctx.operator, input: { reportId: report.id, reason: "  " } }));
    expect((noReason as ValidationError).fieldErrors).toEqual({ reason: ["reason_required"] });
    await rejectReport({ ctx: w.ctx.operator, input: { reportId: report.id, reason: "Area privata" } });
    expect(await reportRow(w.tenant.id, report.id)).toMatchObject({ status: "rejected", closeReason: "Area privata" });
  });

  it("another comune's report is not found; a politician is forbidden", async () => {
    expect(await caught(() => rejectReport({ ctx: w.ctx.admin, input: { reportId: w.otherReport.id, reason: "x" } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => closeNotCompetent({ ctx: w.ctx.admin, input: { reportId: w.otherReport.id, body: "ANAS", message: "x" } }))).toBeInstanceOf(NotFoundError);
    const report = await w.roadReport();
    expect(await caught(() => rejectReport({ ctx: w.ctx.politician, input: { reportId: report.id, reason: "x" } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => closeNotCompetent({ ctx: w.ctx.politician, input: { reportId: report.id, body: "ANAS", message: "x" } }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("reopenReport", () => {
  it("reopens a closed report to 'presa in carico' and tells the followers", async () => {
    const report = await w.roadReport({ status: "resolved", resolvedAt: new Date(), closedAt: new Date(), acknowledgedAt: new Date() });
    const { eventId } = await reopenReport({ ctx: w.ctx.operator, input: { reportId: report.id, message: "Il problema si è ripresentato" } });
    expect(await reportRow(w.tenant.id, report.id)).toMatchObject({ status: "acknowledged", resolvedAt: null, closedAt: null });
    expect((await emailsTo(w.tenant.id, "reportReopened")).some((m) => m.dedupeKey?.includes(eventId))).toBe(true);
  });

  it("another comune's report is not found; an external user is forbidden", async () => {
    expect(await caught(() => reopenReport({ ctx: w.ctx.admin, input: { reportId: w.otherReport.id } }))).toBeInstanceOf(NotFoundError);
    const report = await w.roadReport({ status: "rejected" });
    expect(await caught(() => reopenReport({ ctx: w.ctx.external, input: { reportId: report.id } }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("markDuplicate", () => {
  it("links both ways and carries followers and supports over to the original without doubling", async () => {
    const original = await w.roadReport({ reporterEmail: "anna@example.it" });
    const duplicate = await w.roadReport({ reporterEmail: "mario@example.it" });
    const db = await getSystemDb();
    await db.insert(reportSupports).values([
      { tenantId: w.tenant.id, reportId: duplicate.id, supporterKey: "email:luca@example.it" },
      { tenantId: w.tenant.id, reportId: duplicate.id, supporterKey: "email:anna@example.it" },
      { tenantId: w.tenant.id, reportId: original.id, supporterKey: "email:anna@example.it" },
    ]);
    await markDuplicate({ ctx: w.ctx.supervisor, input: { reportId: duplicate.id, originalCode: original.code.toLowerCase() } });
    expect(await reportRow(w.tenant.id, duplicate.id)).toMatchObject({ status: "duplicate", duplicateOfId: original.id });
    expect((await eventsOf(w.tenant.id, original.id)).find((e) => e.type === "merged")).toMatchObject({ visibility: "public", data: { duplicate: duplicate.code } });
    const followers = await db.select().from(reportFollowers).where(and(eq(reportFollowers.tenantId, w.tenant.id), eq(reportFollowers.reportId, original.id)));
    expect(followers.map((f) => f.email).sort()).toEqual(["anna@example.it", "mario@example.it"]);
    expect((await reportRow(w.tenant.id, original.id)).supportCount).toBe(2);
  });

  it("refuses itself, an unknown code and another comune's code", async () => {
    const report = await w.roadReport();
    for (const originalCode of [report.code, "XXX-2026-999999", w.otherReport.code]) {
      const error = await caught(() => markDuplicate({ ctx: w.ctx.supervisor, input: { reportId: report.id, originalCode } }));
      expect((error as ValidationError).fieldErrors).toEqual({ originalCode: ["original_invalid"] });
    }
  });

  it("another comune's report is not found; an operator (no triage) is forbidden", async () => {
    const report = await w.roadReport();
    expect(await caught(() => markDuplicate({ ctx: w.ctx.supervisor, input: { reportId: w.otherReport.id, originalCode: report.code } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => markDuplicate({ ctx: w.ctx.operator, input: { reportId: report.id, originalCode: report.code } }))).toBeInstanceOf(ForbiddenError);
  });
});
