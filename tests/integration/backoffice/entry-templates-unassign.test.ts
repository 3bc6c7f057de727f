import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { reports, responseTemplates } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { assignReport } from "@/lib/backoffice/assign-report";
import { getStaffReport } from "@/lib/backoffice/get-staff-report";
import { listBackofficeOptions, templateBody, templatesFor } from "@/lib/backoffice/list-options";
import { onBehalfInput } from "@/lib/backoffice/on-behalf-input";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createReport } from "@/lib/reports/create-report";
import { caught } from "../../support/db";
import { createCategory } from "../../support/factories";
import { auditOf, createWorld, eventsOf, outboxOf, reportRow, type World } from "./world";

let w: World;
let lamp: Awaited<ReturnType<typeof createCategory>>;
beforeAll(async () => {
  w = await createWorld();
  lamp = await createCategory(w.tenant, {
    officeId: w.roads.id,
    name: "Lampione spento",
    extraQuestions: [
      { code: "palo", label: "Numero del palo", type: "text", required: true },
      { code: "quanti", label: "Quanti lampioni", type: "select", required: true, options: ["uno", "più di uno"] },
      { code: "pericolo", label: "C'è pericolo immediato?", type: "boolean", required: false },
    ],
  });
});
afterAll(closeDb);

/** The on-behalf form as the browser posts it. */
function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
  return data;
}

const centre = () => ({ lat: w.tenant.centreLat, lng: w.tenant.centreLng });
const base = () => ({
  channel: "phone",
  categoryId: lamp.id,
  description: "Il lampione davanti al civico 4 è spento da tre sere.",
  lat: String(w.tenant.centreLat + 0.001),
  lng: String(w.tenant.centreLng + 0.001),
  reporterName: "Giuseppina Bruno",
  reporterPhone: "0172 000000",
  callbackRequested: "on",
});

describe("on-behalf entry with the category's extra questions", () => {
  it("stores typed answers (yes/no as a boolean) and staff see them with the questions' labels", async () => {
    const input = onBehalfInput(form({ ...base(), "answers.palo": "P-118", "answers.quanti": "più di uno", answerFlags: "pericolo" }), centre());
    const created = await createReport({ ctx: w.ctx.operator, input });
    const row = await reportRow(w.tenant.id, created.id);
    expect(row).toMatchObject({ channel: "phone", callbackRequested: true, answers: { palo: "P-118", quanti: "più di uno", pericolo: true } });
    const seen = await getStaffReport({ ctx: w.ctx.operator, code: created.code });
    expect(seen.categoryQuestions.map((q) => q.label)).toEqual(["Numero del palo", "Quanti lampioni", "C'è pericolo immediato?"]);
  });

  it("a missing required answer or an option that does not exist is refused field by field; nothing is filed", async () => {
    const db = await getSystemDb();
    const count = async () => (await db.select({ id: reports.id }).from(reports).where(eq(reports.categoryId, lamp.id))).length;
    const before = await count();
    const error = await caught(() => createReport({ ctx: w.ctx.operator, input: onBehalfInput(form({ ...base(), "answers.quanti": "tre" }), centre()) }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ "answers.palo": ["answer_required"], "answers.quanti": ["answer_invalid"] });
    expect(await count()).toBe(before);
  });

  it("without a pin, an address places it at the comune's centre with a staff-only note; with neither it asks for the place", async () => {
    const input = onBehalfInput(form({ ...base(), lat: "", lng: "", address: "Via Roma 4", "answers.palo": "P-1", "answers.quanti": "uno" }), centre());
    const created = await createReport({ ctx: w.ctx.operator, input });
    expect(await reportRow(w.tenant.id, created.id)).toMatchObject({ lat: w.tenant.centreLat, lng: w.tenant.centreLng, address: "Via Roma 4" });
    const note = (await eventsOf(w.tenant.id, created.id)).find((e) => e.type === "internal_note");
    expect(note).toMatchObject({ visibility: "internal" });
    expect(note!.body).toContain("Posizione da verificare");
    const error = () => onBehalfInput(form({ ...base(), lat: "", lng: "" }), centre());
    expect(error).toThrow(ValidationError);
    try {
      error();
    } catch (e) {
      expect((e as ValidationError).fieldErrors).toEqual({ lat: ["position_required"] });
    }
  });

  it("another comune's category is refused; a politician and an external user are forbidden", async () => {
    const answers = { "answers.palo": "P-2", "answers.quanti": "uno" };
    const foreign = onBehalfInput(form({ ...base(), ...answers, categoryId: w.otherReport.categoryId }), centre());
    const error = await caught(() => createReport({ ctx: w.ctx.operator, input: foreign }));
    expect((error as ValidationError).fieldErrors).toEqual({ categoryId: ["category_invalid"] });
    const input = onBehalfInput(form({ ...base(), ...answers }), centre());
    expect(await caught(() => createReport({ ctx: w.ctx.politician, input }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => createReport({ ctx: w.ctx.external, input }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("saved replies by the state they apply to", () => {
  beforeAll(async () => {
    const db = await getSystemDb();
    await db.insert(responseTemplates).values([
      { tenantId: w.tenant.id, title: "Lavoro eseguito", body: "Il lavoro è stato eseguito.", status: "resolved" },
      { tenantId: w.tenant.id, title: "Altro ente", body: "È competente la Provincia.", status: "not_competent" },
      { tenantId: w.tenant.id, title: "Respinta: privata", body: "Riguarda un'area privata.", status: "rejected" },
      { tenantId: w.other.id, title: "Di un altro comune", body: "Testo di un altro comune.", status: "resolved" },
    ]);
  });

  it("closing as resolved offers the resolved texts first, then the general ones, never the other states'", async () => {
    const { templates } = await listBackofficeOptions({ ctx: w.ctx.operator });
    expect(templates.map((t) => t.title)).not.toContain("Di un altro comune");
    expect(templatesFor(templates, "resolved", true).map((t) => [t.title, t.suggested])).toEqual([
      ["Lavoro eseguito", true],
      ["Presa in carico", false],
    ]);
    expect(templatesFor(templates, "rejected", true).map((t) => t.title)).toEqual(["Respinta: privata", "Presa in carico"]);
    expect(templatesFor(templates, "not_competent", true).map((t) => t.title)).toEqual(["Altro ente", "Presa in carico"]);
  });

  it("a free reply lists every text, those for the report's state first", async () => {
    const { templates } = await listBackofficeOptions({ ctx: w.ctx.operator });
    expect(templatesFor(templates, "rejected", false).map((t) => t.title)).toEqual(["Respinta: privata", "Presa in carico", "Altro ente", "Lavoro eseguito"]);
  });

  it("the text of a template chosen without JavaScript comes from this comune only; a citizen is forbidden", async () => {
    const db = await getSystemDb();
    const [mine] = await db.select().from(responseTemplates).where(eq(responseTemplates.title, "Lavoro eseguito"));
    const [theirs] = await db.select().from(responseTemplates).where(eq(responseTemplates.title, "Di un altro comune"));
    expect(await templateBody({ ctx: w.ctx.operator, templateId: mine!.id })).toBe("Il lavoro è stato eseguito.");
    expect(await templateBody({ ctx: w.ctx.operator, templateId: theirs!.id })).toBeNull();
    const citizen = { tenant: w.tenant, actor: { kind: "anonymous" as const } };
    expect(await caught(() => templateBody({ ctx: citizen, templateId: mine!.id }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("assignReport: removing the person or the organisation", () => {
  it("an operator takes the report back from its person: internal timeline entry and audit, nobody emailed", async () => {
    const report = await w.roadReport({ assigneeUserId: w.people.operator.user.id });
    const before = (await outboxOf(w.tenant.id)).length;
    await assignReport({ ctx: w.ctx.operator, input: { reportId: report.id, target: "none", remove: "user" } });
    expect((await reportRow(w.tenant.id, report.id)).assigneeUserId).toBeNull();
    const event = (await eventsOf(w.tenant.id, report.id)).find((e) => e.type === "assigned");
    expect(event).toMatchObject({ visibility: "internal", actorUserId: w.people.operator.user.id, data: { target: "none", assigneeUserId: null } });
    expect((event!.data as { label: string }).label).toBe(w.people.operator.user.name);
    const [audit] = (await auditOf(w.tenant.id, report.id)).filter((a) => a.action === "report.unassign_user");
    expect(audit).toMatchObject({ actorUserId: w.people.operator.user.id });
    expect((audit!.data as { removed: string }).removed).toBe(w.people.operator.user.id);
    expect((await outboxOf(w.tenant.id)).slice(before)).toEqual([]);
  });

  it("withdraws the job from a contractor, whose users then no longer see the report", async () => {
    const report = await w.roadReport({ organisationId: w.contractor.id });
    expect((await getStaffReport({ ctx: w.ctx.external, code: report.code })).report.id).toBe(report.id);
    await assignReport({ ctx: w.ctx.supervisor, input: { reportId: report.id, target: "none", remove: "organisation" } });
    expect((await reportRow(w.tenant.id, report.id)).organisationId).toBeNull();
    expect((await auditOf(w.tenant.id, report.id)).map((a) => a.action)).toContain("report.unassign_organisation");
    expect(await caught(() => getStaffReport({ ctx: w.ctx.external, code: report.code }))).toBeInstanceOf(NotFoundError);
  });

  it("refuses when nothing is assigned", async () => {
    const report = await w.roadReport();
    const error = await caught(() => assignReport({ ctx: w.ctx.operator, input: { reportId: report.id, target: "none", remove: "organisation" } }));
    expect((error as ValidationError).fieldErrors).toEqual({ remove: ["nothing_assigned"] });
  });

  it("another comune's report is not found, so is another office's; politicians and external users are forbidden", async () => {
    const report = await w.roadReport({ assigneeUserId: w.people.operator.user.id, organisationId: w.contractor.id });
    expect(await caught(() => assignReport({ ctx: w.ctx.supervisor, input: { reportId: w.otherReport.id, target: "none", remove: "user" } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => assignReport({ ctx: w.ctx.greenOperator, input: { reportId: report.id, target: "none", remove: "user" } }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => assignReport({ ctx: w.ctx.politician, input: { reportId: report.id, target: "none", remove: "user" } }))).toBeInstanceOf(ForbiddenError);
    expect(await caught(() => assignReport({ ctx: w.ctx.external, input: { reportId: report.id, target: "none", remove: "organisation" } }))).toBeInstanceOf(ForbiddenError);
    expect(await reportRow(w.tenant.id, report.id)).toMatchObject({ assigneeUserId: w.people.operator.user.id, organisationId: w.contractor.id });
  });
});
