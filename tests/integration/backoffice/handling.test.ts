import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { attachments, reportEvents } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { addInternalNote } from "@/lib/backoffice/add-internal-note";
import { assignReport } from "@/lib/backoffice/assign-report";
import { bulkUpdate } from "@/lib/backoffice/bulk-update";
import { changeCategory } from "@/lib/backoffice/change-category";
import { markCallbackDone } from "@/lib/backoffice/mark-callback-done";
import { moderateReport } from "@/lib/backoffice/moderate-report";
import { moveReportPin } from "@/lib/backoffice/move-report-pin";
import { postExternalProgress } from "@/lib/backoffice/post-external-progress";
import { replyPublicly } from "@/lib/backoffice/reply-publicly";
import { setPriority } from "@/lib/backoffice/set-priority";
import { acknowledgeReport } from "@/lib/backoffice/acknowledge-report";
import { renderEmail } from "@/lib/email/render";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import type { OutboxJob } from "@/lib/outbox/jobs";
import { staffRecipients } from "@/lib/outbox/process";
import { addWorkingDays } from "@/lib/time/working-days";
import { caught } from "../../support/db";
import { createAttachment, createUser } from "../../support/factories";
import { auditOf, createWorld, eventsOf, outboxOf, reportRow, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeDb);

const newMail = async (before: number) => (await outboxOf(w.tenant.id)).slice(before);

describe("replyPublicly", () => {
  it("publishes a reply from a template signed with name and title; followers get the text", async () => {
    const report = await w.roadReport();
    const { eventId } = await replyPublicly({ ctx: w.ctx.operator, input: { reportId: report.id, templateId: w.template.id, signAs: "person" } });
    const event = (await eventsOf(w.tenant.id, report.id)).find((e) => e.id === eventId)!;
    expect(event).toMatchObject({ type: "public_reply", visibility: "public", body: w.template.body, actorLabel: `${w.people.operator.user.name} — Tecnico manutenzioni` });
    const mail = (await outboxOf(w.tenant.id)).find((m) => m.dedupeKey?.includes(eventId))!;
    expect((mail.payload as { message: { quote: string; values: { author: string } } }).message).toMatchObject({ quote: w.template.body });
    expect((await auditOf(w.tenant.id, report.id)).map((a) => a.action)).toContain("report.reply_public");
  });

  it("a politician may sign as the comune; text is required", async () => {
    const report = await w.roadReport();
    const { eventId } = await replyPublicly({ ctx: w.ctx.politician, input: { reportId: report.id, body: "Ce ne occupiamo", signAs: "comune" } });
    expect((await eventsOf(w.tenant.id, report.id)).find((e) => e.id === eventId)!.actorLabel).toBe(`Comune di ${w.tenant.name}`);
    const error = await caught(() => replyPublicly({ ctx: w.ctx.operator, input: { reportId: report.id, body: " " } }));
    expect((error as ValidationError).fieldErrors).toEqual({ body: ["message_required"] });
  });

  it("another comune's report is not found; an external user is forbidden; another office's operator not found", async () => {
    expect(await caught(() => replyPublicly({ ctx: w.ctx.admin, input: { reportId: w.otherReport.id, body: "x" } }))).toBeInstanceOf(NotFoundError);
    const report = await w.roadReport({ organisationId: w.contractor.id });
    expect(await caught(() => replyPublicly({ ctx: w.ctx.external, input: { reportId: report.id, body: "x" } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => replyPublicly({ ctx: w.ctx.greenOperator, input: { reportId: report.id, body: "x" } }))).toBeInstanceOf(NotFoundError);
  });

  it("sets 'da richiamare' on a public step of a report whose citizen asked to be called back", async () => {
    const report = await w.roadReport({ callbackRequested: true, reporterEmail: null, reporterPhone: "0172 123456" });
    await replyPublicly({ ctx: w.ctx.operator, input: { reportId: report.id, body: "Intervento programmato" } });
    expect((await reportRow(w.tenant.id, report.id)).callbackPendingSince).not.toBeNull();
    await markCallbackDone({ ctx: w.ctx.operator, input: { reportId: report.id, note: "Richiamato, tutto chiaro" } });
    expect((await reportRow(w.tenant.id, report.id)).callbackPendingSince).toBeNull();
    expect(await caught(() => markCallbackDone({ ctx: w.ctx.politician, input: { reportId: report.id } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => markCallbackDone({ ctx: w.ctx.admin, input: { reportId: w.otherReport.id } }))).toBeInstanceOf(NotFoundError);
  });
});

describe("addInternalNote", () => {
  it("records an internal note and emails nobody", async () => {
    const report = await w.roadReport();
    const before = (await outboxOf(w.tenant.id)).length;
    const { eventId } = await addInternalNote({ ctx: w.ctx.operator, input: { reportId: report.id, body: "NOTA-RISERVATA: il vicino è un consigliere" } });
    expect((await eventsOf(w.tenant.id, report.id)).find((e) => e.id === eventId)).toMatchObject({ type: "internal_note", visibility: "internal" });
    expect(await newMail(before)).toEqual([]);
    expect((await auditOf(w.tenant.id, report.id)).map((a) => a.action)).toContain("report.note_internal");
  });

  it("another comune's report is not found; a politician and an external user are forbidden", async () => {
    expect(await caught(() => addInternalNote({ ctx: w.ctx.admin, input: { reportId: w.otherReport.id, body: "x" } }))).toBeInstanceOf(NotFoundError);
    const report = await w.roadReport();
    expect(await caught(() => addInternalNote({ ctx: w.ctx.politician, input: { reportId: report.id, body: "x" } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => addInternalNote({ ctx: w.ctx.external, input: { reportId: report.id, body: "x" } }))).toBeInstanceOf(ForbiddenError);
  });

  it("never reaches citizens' emails even when public steps follow", async () => {
    const report = await w.roadReport();
    const before = (await outboxOf(w.tenant.id)).length;
    await addInternalNote({ ctx: w.ctx.operator, input: { reportId: report.id, body: "SEGRETO-INTERNO-42" } });
    await acknowledgeReport({ ctx: w.ctx.operator, input: { reportId: report.id } });
    await replyPublicly({ ctx: w.ctx.operator, input: { reportId: report.id, body: "Risposta pubblica" } });
    const mails = await newMail(before);
    expect(mails.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(mails.map((m) => m.payload))).not.toContain("SEGRETO-INTERNO-42");
  });
});

describe("assignReport", () => {
  it("assigns to a person of the office, internally and without emailing citizens", async () => {
    const report = await w.roadReport();
    const before = (await outboxOf(w.tenant.id)).length;
    await assignReport({ ctx: w.ctx.operator, input: { reportId: report.id, target: "user", userId: w.people.operator.user.id } });
    expect((await reportRow(w.tenant.id, report.id)).assigneeUserId).toBe(w.people.operator.user.id);
    expect((await eventsOf(w.tenant.id, report.id)).find((e) => e.type === "assigned")).toMatchObject({ visibility: "internal" });
    expect(await newMail(before)).toEqual([]);
  });

  it("a supervisor assigning to a person emails that person (resolved at delivery), never the citizen", async () => {
    const report = await w.roadReport();
    const before = (await outboxOf(w.tenant.id)).length;
    await assignReport({ ctx: w.ctx.supervisor, input: { reportId: report.id, target: "user", userId: w.people.operator.user.id } });
    const mails = await newMail(before);
    expect(mails.map((m) => m.kind)).toEqual(["staff_assigned"]);
    const payload = mails[0]!.payload as Extract<OutboxJob, { kind: "staff_assigned" }>;
    expect(payload).toMatchObject({ tenantId: w.tenant.id, userId: w.people.operator.user.id, message: { template: "backoffice.staffAssigned" } });
    expect(payload.message.action?.url).toMatch(new RegExp(`/ufficio/segnalazioni/${report.code}$`));
    expect(await staffRecipients(w.tenant.id, payload.userId)).toEqual([w.people.operator.user.email.toLowerCase()]);
    const rendered = await renderEmail({ ...payload.message, to: w.people.operator.user.email });
    expect(rendered.subject).toBe(`[${report.code}] Segnalazione assegnata a te`);
    expect(rendered.text).toContain(w.people.supervisor.user.name ?? w.people.supervisor.user.email);
    expect(JSON.stringify(mails)).not.toContain(report.reporterEmail ?? "mario.rossi@example.it");
    // Assigning it again to the same person sends nothing more.
    const again = (await outboxOf(w.tenant.id)).length;
    await assignReport({ ctx: w.ctx.supervisor, input: { reportId: report.id, target: "user", userId: w.people.operator.user.id } });
    expect(await newMail(again)).toEqual([]);
  });

  it("the person resolver only ever yields back-office staff of that comune", async () => {
    const citizen = await createUser();
    expect(await staffRecipients(w.tenant.id, citizen.id)).toEqual([]);
    expect(await staffRecipients(w.tenant.id, w.people.external.user.id)).toEqual([]);
    expect(await staffRecipients(w.tenant.id, w.people.politician.user.id)).toEqual([]);
    expect(await staffRecipients(w.other.id, w.people.operator.user.id)).toEqual([]);
    expect(await staffRecipients(w.tenant.id, w.people.greenOperator.user.id)).toEqual([w.people.greenOperator.user.email.toLowerCase()]);
  });

  it("moving a report to another office emails that office (its address and staff), not the citizen", async () => {
    const report = await w.roadReport();
    const before = (await outboxOf(w.tenant.id)).length;
    await assignReport({ ctx: w.ctx.supervisor, input: { reportId: report.id, target: "office", officeId: w.green.id } });
    const mails = await newMail(before);
    expect(mails.map((m) => m.kind)).toEqual(["office_new_report"]);
    const payload = mails[0]!.payload as Extract<OutboxJob, { kind: "office_new_report" }>;
    expect(payload).toMatchObject({ officeId: w.green.id, message: { template: "backoffice.officeAssigned", values: { code: report.code, office: "Ambiente" } } });
    const rendered = await renderEmail({ ...payload.message, to: "ambiente@example.it" });
    expect(rendered.subject).toBe(`[${report.code}] Segnalazione assegnata all'ufficio Ambiente`);
    expect(JSON.stringify(mails)).not.toContain(report.reporterEmail ?? "mario.rossi@example.it");
    // Re-assigning it to the office it is already in sends nothing.
    const again = (await outboxOf(w.tenant.id)).length;
    await assignReport({ ctx: w.ctx.supervisor, input: { reportId: report.id, target: "office", officeId: w.green.id } });
    expect(await newMail(again)).toEqual([]);
  });

  it("an operator cannot assign to someone outside the office nor move it to another office", async () => {
    const report = await w.roadReport();
    const error = await caught(() => assignReport({ ctx: w.ctx.operator, input: { reportId: report.id, target: "user", userId: w.people.greenOperator.user.id } }));
    expect((error as ValidationError).fieldErrors).toEqual({ userId: ["user_not_in_office"] });
    expect(await caught(() => assignReport({ ctx: w.ctx.operator, input: { reportId: report.id, target: "office", officeId: w.green.id } }))).toBeInstanceOf(ForbiddenError);
  });

  it("assigns to a contractor: the organisation's users are emailed a back-office link; they then see only it", async () => {
    const report = await w.roadReport();
    expect(await caught(() => postExternalProgress({ ctx: w.ctx.external, input: { reportId: report.id, body: "x" } }))).toBeInstanceOf(NotFoundError);
    const before = (await outboxOf(w.tenant.id)).length;
    await assignReport({ ctx: w.ctx.operator, input: { reportId: report.id, target: "organisation", organisationId: w.contractor.id, message: "Urgente" } });
    const [mail] = await newMail(before);
    expect(mail).toMatchObject({ kind: "organisation_assigned" });
    const payload = mail!.payload as { organisationId: string; message: { template: string; action: { url: string } } };
    expect(payload.organisationId).toBe(w.contractor.id);
    expect(payload.message.template).toBe("backoffice.organisationAssigned");
    expect(payload.message.action.url).toMatch(new RegExp(`/ufficio/segnalazioni/${report.code}$`));
    // The contractor's user can now post progress and completion; the other contractor cannot see it.
    await postExternalProgress({ ctx: w.ctx.external, input: { reportId: report.id, body: "Lavori iniziati" } });
    expect((await reportRow(w.tenant.id, report.id)).status).toBe("in_progress");
    await postExternalProgress({ ctx: w.ctx.external, input: { reportId: report.id, body: "Asfalto rifatto", completed: true } });
    const notes = (await eventsOf(w.tenant.id, report.id)).filter((e) => e.type === "internal_note");
    expect(notes.map((n) => [n.body, n.visibility, (n.data as { completed?: boolean }).completed])).toEqual([
      ["Lavori iniziati", "internal", false],
      ["Asfalto rifatto", "internal", true],
    ]);
    expect(await caught(() => postExternalProgress({ ctx: w.ctx.otherExternal, input: { reportId: report.id, body: "x" } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => postExternalProgress({ ctx: w.ctx.operator, input: { reportId: report.id, body: "x" } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => postExternalProgress({ ctx: w.ctx.external, input: { reportId: w.otherReport.id, body: "x" } }))).toBeInstanceOf(NotFoundError);
  });

  it("a supervisor moves a report to another office; another comune's report is not found; politicians are forbidden", async () => {
    const report = await w.roadReport();
    await assignReport({ ctx: w.ctx.supervisor, input: { reportId: report.id, target: "office", officeId: w.green.id } });
    expect((await reportRow(w.tenant.id, report.id)).officeId).toBe(w.green.id);
    expect(await caught(() => assignReport({ ctx: w.ctx.supervisor, input: { reportId: w.otherReport.id, target: "office", officeId: w.green.id } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => assignReport({ ctx: w.ctx.politician, input: { reportId: report.id, target: "office", officeId: w.roads.id } }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("changeCategory", () => {
  it("re-routes to the new category's office, recomputes the due date, public event, new office notified", async () => {
    const report = await w.roadReport();
    const before = (await outboxOf(w.tenant.id)).length;
    await changeCategory({ ctx: w.ctx.supervisor, input: { reportId: report.id, categoryId: w.waste.id } });
    const row = await reportRow(w.tenant.id, report.id);
    expect(row).toMatchObject({ categoryId: w.waste.id, officeId: w.green.id, assigneeUserId: null });
    expect(row.dueAt).toEqual(addWorkingDays(report.createdAt, 3));
    expect((await eventsOf(w.tenant.id, report.id)).find((e) => e.type === "category_changed")).toMatchObject({ visibility: "public", data: { from: "Buca", to: "Rifiuti abbandonati" } });
    const mails = await newMail(before);
    expect(mails.map((m) => [m.kind, (m.payload as { officeId?: string }).officeId])).toEqual([["office_new_report", w.green.id]]);
    // The report left the roads operator's scope and entered the green one's.
    expect(await caught(() => setPriority({ ctx: w.ctx.operator, input: { reportId: report.id, priority: "high" } }))).toBeInstanceOf(NotFoundError);
    await setPriority({ ctx: w.ctx.greenOperator, input: { reportId: report.id, priority: "high" } });
  });

  it("refuses a non-leaf or unknown category; operators are forbidden; another comune's report is not found", async () => {
    const report = await w.roadReport();
    const error = await caught(() => changeCategory({ ctx: w.ctx.supervisor, input: { reportId: report.id, categoryId: w.otherReport.categoryId } }));
    expect((error as ValidationError).fieldErrors).toEqual({ categoryId: ["category_invalid"] });
    expect(await caught(() => changeCategory({ ctx: w.ctx.operator, input: { reportId: report.id, categoryId: w.waste.id } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => changeCategory({ ctx: w.ctx.supervisor, input: { reportId: w.otherReport.id, categoryId: w.waste.id } }))).toBeInstanceOf(NotFoundError);
  });
});

describe("setPriority and moveReportPin", () => {
  it("records internal events and refuses a point outside the comune", async () => {
    const report = await w.roadReport();
    await setPriority({ ctx: w.ctx.operator, input: { reportId: report.id, priority: "urgent" } });
    expect((await reportRow(w.tenant.id, report.id)).priority).toBe("urgent");
    await moveReportPin({ ctx: w.ctx.operator, input: { reportId: report.id, lat: w.tenant.centreLat + 0.001, lng: w.tenant.centreLng, address: "Via Roma 14" } });
    expect(await reportRow(w.tenant.id, report.id)).toMatchObject({ lat: w.tenant.centreLat + 0.001, address: "Via Roma 14" });
    const updates = (await eventsOf(w.tenant.id, report.id)).filter((e) => e.type === "updated");
    expect(updates.map((e) => e.visibility)).toEqual(["internal", "internal"]);
    const error = await caught(() => moveReportPin({ ctx: w.ctx.operator, input: { reportId: report.id, lat: 45.9, lng: 12.1 } }));
    expect((error as ValidationError).fieldErrors).toEqual({ position: ["outside_area"] });
  });

  it("another comune's report is not found; a politician is forbidden", async () => {
    expect(await caught(() => setPriority({ ctx: w.ctx.admin, input: { reportId: w.otherReport.id, priority: "low" } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => moveReportPin({ ctx: w.ctx.admin, input: { reportId: w.otherReport.id, lat: w.tenant.centreLat, lng: w.tenant.centreLng } }))).toBeInstanceOf(NotFoundError);
    const report = await w.roadReport();
    expect(await caught(() => setPriority({ ctx: w.ctx.politician, input: { reportId: report.id, priority: "low" } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => moveReportPin({ ctx: w.ctx.politician, input: { reportId: report.id, lat: w.tenant.centreLat, lng: w.tenant.centreLng } }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("moderateReport", () => {
  it("overrides the public text and hides photos and comments; originals are kept", async () => {
    const report = await w.roadReport({ description: "Il vicino Rossi è un incapace, buca enorme" });
    const photo = await createAttachment(w.tenant, { reportId: report.id });
    const db = await getSystemDb();
    const [comment] = await db.insert(reportEvents).values({ tenantId: w.tenant.id, reportId: report.id, type: "comment", visibility: "public", body: "Insulto" }).returning();
    await moderateReport({ ctx: w.ctx.supervisor, input: { reportId: report.id, publicDescription: "Buca enorme", hiddenAttachmentIds: [photo.id], hiddenCommentIds: [comment!.id] } });
    expect(await reportRow(w.tenant.id, report.id)).toMatchObject({ description: "Il vicino Rossi è un incapace, buca enorme", publicDescription: "Buca enorme" });
    expect((await db.select().from(attachments).where(and(eq(attachments.tenantId, w.tenant.id), eq(attachments.id, photo.id))))[0]!.hidden).toBe(true);
    expect((await eventsOf(w.tenant.id, report.id)).find((e) => e.id === comment!.id)!.hidden).toBe(true);
    expect((await eventsOf(w.tenant.id, report.id)).find((e) => e.type === "moderated")).toMatchObject({ visibility: "internal" });
  });

  it("operators are forbidden; another comune's report is not found", async () => {
    const report = await w.roadReport();
    expect(await caught(() => moderateReport({ ctx: w.ctx.operator, input: { reportId: report.id } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => moderateReport({ ctx: w.ctx.supervisor, input: { reportId: w.otherReport.id } }))).toBeInstanceOf(NotFoundError);
  });
});

describe("bulkUpdate", () => {
  it("applies to each report in scope and reports the ones that could not take the action", async () => {
    const a = await w.roadReport();
    const b = await w.roadReport({ status: "resolved" });
    const result = await bulkUpdate({ ctx: w.ctx.operator, input: { reportIds: [a.id, b.id, w.otherReport.id], action: "acknowledge" } });
    expect(result.done).toBe(1);
    expect(result.failed.map((f) => [f.reportId, f.code])).toEqual([
      [b.id, "transition_not_allowed"],
      [w.otherReport.id, "not_found"],
    ]);
    expect((await reportRow(w.tenant.id, a.id)).status).toBe("acknowledged");
    expect(await caught(() => bulkUpdate({ ctx: w.ctx.politician, input: { reportIds: [a.id], action: "start" } }))).toBeInstanceOf(ForbiddenError);
  });
});
