import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { auditEvents, supportAccessGrants } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { acknowledgeReport } from "@/lib/backoffice/acknowledge-report";
import { bulkUpdate } from "@/lib/backoffice/bulk-update";
import { changeCategory } from "@/lib/backoffice/change-category";
import { closeNotCompetent } from "@/lib/backoffice/close-not-competent";
import { replyPublicly } from "@/lib/backoffice/reply-publicly";
import { startProgress } from "@/lib/backoffice/start-progress";
import type { Ctx, StaffActor } from "@/lib/context";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createReport as fileReport } from "@/lib/reports/create-report";
import { caught, filedJobs } from "../../support/db";
import { createCategory, createUser } from "../../support/factories";
import { auditOf, createWorld, eventsOf, outboxOf, reportRow, type World } from "./world";

type Payload = { kind: string; organisationId?: string; message: { template: string; to?: string; quote?: string; values: Record<string, string> } };

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeDb);

const payloads = async () => (await outboxOf(w.tenant.id)).map((m) => ({ key: m.dedupeKey ?? "", ...(m.payload as Payload) }));
const mailsFor = async (eventId: string, template: string) => (await payloads()).filter((p) => p.key.includes(eventId) && p.message.template === template);

describe("public steps are signed by the office, not by the person", () => {
  it("a state change and its email carry the office's name", async () => {
    const report = await w.roadReport({ status: "acknowledged" });
    const { eventId } = await startProgress({ ctx: w.ctx.operator, input: { reportId: report.id, message: "Squadra in arrivo" } });
    const event = (await eventsOf(w.tenant.id, report.id)).find((e) => e.id === eventId)!;
    expect(event.actorLabel).toBe("Manutenzioni");
    expect(event.actorUserId).toBe(w.people.operator.user.id);
    const [mail] = await mailsFor(eventId, "reportReply");
    expect(mail!.message.values.author).toBe("Manutenzioni");
    expect(JSON.stringify(mail)).not.toContain(w.people.operator.user.name!);
  });

  it("a report without an office is signed by the comune", async () => {
    const loose = await createCategory(w.tenant, { name: "Varie" });
    const report = await w.roadReport({ categoryId: loose.id, officeId: null });
    const { eventId } = await acknowledgeReport({ ctx: w.ctx.supervisor, input: { reportId: report.id } });
    const event = (await eventsOf(w.tenant.id, report.id)).find((e) => e.id === eventId)!;
    expect(event.actorLabel).toBe(`Comune di ${w.tenant.name}`);
  });
});

describe("taken in charge when moved straight to in progress", () => {
  it("new → in progress emails the reporter the 'presa in carico' (with the office's message)", async () => {
    const report = await w.roadReport();
    const { eventId } = await startProgress({ ctx: w.ctx.operator, input: { reportId: report.id, message: "Interveniamo domani" } });
    const mails = await mailsFor(eventId, "reportAcknowledged");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.message).toMatchObject({ to: report.reporterEmail, quote: "Interveniamo domani", values: { office: "Manutenzioni" } });
    expect(await mailsFor(eventId, "reportReply")).toHaveLength(0);
    expect((await reportRow(w.tenant.id, report.id)).acknowledgedAt).not.toBeNull();
  });

  it("the bulk start does the same for each report; an already acknowledged one gets no second 'presa in carico'", async () => {
    const fresh = await w.roadReport();
    const seen = await w.roadReport({ status: "acknowledged", acknowledgedAt: new Date() });
    const result = await bulkUpdate({ ctx: w.ctx.operator, input: { reportIds: [fresh.id, seen.id], action: "start" } });
    expect(result).toEqual({ done: 2, failed: [] });
    const acks = (await payloads()).filter((p) => p.message.template === "reportAcknowledged");
    const eventOf = async (id: string) => (await eventsOf(w.tenant.id, id)).find((e) => e.toStatus === "in_progress")!.id;
    const freshEvent = await eventOf(fresh.id);
    const seenEvent = await eventOf(seen.id);
    expect(acks.filter((p) => p.key.includes(freshEvent))).toHaveLength(1);
    expect(acks.filter((p) => p.key.includes(seenEvent))).toHaveLength(0);
  });
});

describe("closeNotCompetent forwards the report", () => {
  it("to an organisation of the comune through the outbox, with details and message, never the reporter's contact", async () => {
    const report = await w.roadReport({ reporterPhone: "+39 333 1234567" });
    const { eventId } = await closeNotCompetent({
      ctx: w.ctx.operator,
      input: { reportId: report.id, organisationId: w.contractor.id, message: "Competenza della ditta che gestisce la strada." },
    });
    const [forward] = await mailsFor(eventId, "backoffice.reportForwarded");
    expect(forward).toMatchObject({
      kind: "organisation_assigned",
      organisationId: w.contractor.id,
      message: { quote: "Competenza della ditta che gestisce la strada.", values: { code: report.code, body: "Strade Srl", category: "Buca", address: "Via Roma 12" } },
    });
    expect(forward!.message.values.description).toBe(report.description);
    const text = JSON.stringify(forward);
    expect(text).not.toContain(report.reporterEmail!);
    expect(text).not.toContain("333 1234567");
  });

  it("to another body at the address staff typed", async () => {
    const report = await w.roadReport();
    const { eventId } = await closeNotCompetent({
      ctx: w.ctx.operator,
      input: { reportId: report.id, body: "ANAS", forwardEmail: "Segnalazioni@ANAS.example.it", message: "Strada statale: competenza ANAS." },
    });
    const [forward] = await mailsFor(eventId, "backoffice.reportForwarded");
    expect(forward).toMatchObject({ kind: "email", message: { to: "segnalazioni@anas.example.it", values: { body: "ANAS" } } });
    expect((await eventsOf(w.tenant.id, report.id)).find((e) => e.id === eventId)!.data).toMatchObject({ forwardedTo: "ANAS", forwardEmail: "segnalazioni@anas.example.it" });
  });

  it("refuses a malformed address, keeps the report open and sends nothing", async () => {
    const report = await w.roadReport();
    const before = (await outboxOf(w.tenant.id)).length;
    const error = await caught(() => closeNotCompetent({ ctx: w.ctx.operator, input: { reportId: report.id, body: "ANAS", forwardEmail: "anas", message: "x" } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toMatchObject({ forwardEmail: ["email_invalid"] });
    expect((await reportRow(w.tenant.id, report.id)).status).toBe("new");
    expect((await outboxOf(w.tenant.id)).length).toBe(before);
  });

  it("another comune's report is not found; a politician is forbidden", async () => {
    const input = { body: "ANAS", forwardEmail: "a@anas.example.it", message: "x" };
    expect(await caught(() => closeNotCompetent({ ctx: w.ctx.supervisor, input: { ...input, reportId: w.otherReport.id } }))).toBeInstanceOf(NotFoundError);
    const report = await w.roadReport();
    expect(await caught(() => closeNotCompetent({ ctx: w.ctx.politician, input: { ...input, reportId: report.id } }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("routing to a category's organisation emails the organisation", () => {
  it("createReport (a citizen's report) and changeCategory both enqueue the assignment email", async () => {
    const lights = await createCategory(w.tenant, { officeId: w.roads.id, name: "Illuminazione", defaultOrganisationId: w.contractor.id });
    const anonymous: Ctx = { tenant: w.tenant, actor: { kind: "anonymous" } };
    const created = await fileReport({
      ctx: anonymous,
      input: { categoryId: lights.id, lat: w.tenant.centreLat, lng: w.tenant.centreLng, description: "Lampione spento da una settimana", reporterEmail: "anna@example.it", privacyConsent: true },
    });
    const routed = (await filedJobs(w.tenant.id, created.id)).organisation;
    expect(routed).toMatchObject({ kind: "organisation_assigned", organisationId: w.contractor.id, message: { template: "backoffice.organisationAssigned", values: { code: created.code, organisation: "Strade Srl" } } });
    expect((await reportRow(w.tenant.id, created.id)).organisationId).toBe(w.contractor.id);

    const report = await w.roadReport();
    const { eventId } = await changeCategory({ ctx: w.ctx.supervisor, input: { reportId: report.id, categoryId: lights.id } });
    const moved = (await payloads()).filter((p) => p.key === `org-recat:${eventId}`);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ organisationId: w.contractor.id, message: { values: { code: report.code } } });
  });

  it("a category without an organisation emails none", async () => {
    const anonymous: Ctx = { tenant: w.tenant, actor: { kind: "anonymous" } };
    const created = await fileReport({
      ctx: anonymous,
      input: { categoryId: w.pothole.id, lat: w.tenant.centreLat, lng: w.tenant.centreLng, description: "Buca profonda in via Garibaldi", reporterEmail: "bea@example.it", privacyConsent: true },
    });
    expect((await payloads()).filter((p) => p.key.endsWith(created.id) && p.kind === "organisation_assigned")).toHaveLength(0);
  });
});

describe("reports entered on behalf of citizens", () => {
  it("need reports.create_on_behalf: a politician and an external user are forbidden", async () => {
    const input = { categoryId: w.pothole.id, lat: w.tenant.centreLat, lng: w.tenant.centreLng, description: "Segnalata al telefono", channel: "phone" as const };
    expect(await caught(() => fileReport({ ctx: w.ctx.politician, input }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => fileReport({ ctx: w.ctx.external, input }))).toBeInstanceOf(ForbiddenError);
    const created = await fileReport({ ctx: w.ctx.operator, input });
    expect((await reportRow(w.tenant.id, created.id)).channel).toBe("phone");
  });
});

describe("vendor support access is attributed to the vendor", () => {
  async function supportCtx(): Promise<{ ctx: Ctx<StaffActor>; grantId: string; vendorName: string }> {
    const vendor = await createUser({ name: "Giulia Assistenza Piazza" });
    const db = await getSystemDb();
    const [grant] = await db
      .insert(supportAccessGrants)
      .values({ tenantId: w.tenant.id, vendorUserId: vendor.id, reason: "Ticket 42", expiresAt: new Date(Date.now() + 3600_000) })
      .returning();
    const actor: StaffActor = {
      kind: "staff", userId: vendor.id, name: vendor.name!, email: vendor.email, role: "admin", title: null, officeIds: [], organisationId: null, supportGrantId: grant!.id,
    };
    return { ctx: { tenant: w.tenant, actor }, grantId: grant!.id, vendorName: vendor.name! };
  }

  it("a step done under a grant is audited as vendor with the grant id; staff steps stay staff", async () => {
    const { ctx, grantId } = await supportCtx();
    const report = await w.roadReport();
    await acknowledgeReport({ ctx, input: { reportId: report.id } });
    const [row] = (await auditOf(w.tenant.id, report.id)).filter((a) => a.action === "report.acknowledge");
    expect(row).toMatchObject({ actorKind: "vendor", actorUserId: ctx.actor.userId, data: { supportGrantId: grantId } });
    const other = await w.roadReport();
    await acknowledgeReport({ ctx: w.ctx.operator, input: { reportId: other.id } });
    const [staffRow] = (await auditOf(w.tenant.id, other.id)).filter((a) => a.action === "report.acknowledge");
    expect(staffRow!.actorKind).toBe("staff");
    expect(staffRow!.data).not.toHaveProperty("supportGrantId");
  });

  it("a public reply under a grant is signed as the comune even when 'person' is chosen", async () => {
    const { ctx, vendorName } = await supportCtx();
    const report = await w.roadReport();
    const { eventId } = await replyPublicly({ ctx, input: { reportId: report.id, body: "Abbiamo corretto l'indirizzo.", signAs: "person" } });
    const event = (await eventsOf(w.tenant.id, report.id)).find((e) => e.id === eventId)!;
    expect(event.actorLabel).toBe(`Comune di ${w.tenant.name}`);
    const [mail] = await mailsFor(eventId, "reportReply");
    expect(mail!.message.values.author).toBe(`Comune di ${w.tenant.name}`);
    expect(JSON.stringify(mail)).not.toContain(vendorName);
  });

  it("a report entered under a grant is audited as vendor", async () => {
    const { ctx, grantId } = await supportCtx();
    const created = await fileReport({
      ctx,
      input: { categoryId: w.pothole.id, lat: w.tenant.centreLat, lng: w.tenant.centreLng, description: "Inserita dall'assistenza", channel: "email" },
    });
    const db = await getSystemDb();
    const [row] = await db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, w.tenant.id), eq(auditEvents.targetId, created.id)));
    expect(row).toMatchObject({ action: "report.create", actorKind: "vendor", data: { supportGrantId: grantId } });
  });
});
