import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { acknowledgeReport } from "@/lib/backoffice/acknowledge-report";
import { addInternalNote } from "@/lib/backoffice/add-internal-note";
import { assignReport } from "@/lib/backoffice/assign-report";
import { replyPublicly } from "@/lib/backoffice/reply-publicly";
import { resolveReport } from "@/lib/backoffice/resolve-report";
import { renderEmail, type EmailMessage } from "@/lib/email/render";
import { getPublicReport } from "@/lib/reports/get-public-report";
import { createWorld, outboxOf, type World } from "../backoffice/world";

/**
 * Regressions found by the back-office e2e journey: the citizen's emails about a report must render (the
 * action label key was looked up outside the emails namespace, so every follower notice failed at delivery),
 * and the public report must not name the contractor it is assigned to nor carry internal notes.
 */
let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeDb);

describe("a report handled from intake to resolution", () => {
  it("sends the citizen renderable emails, none with the internal note, and keeps the work order internal", async () => {
    const report = await w.roadReport();
    const note = "Nota riservata: il proprietario del civico 12 ha fatto causa";
    await acknowledgeReport({ ctx: w.ctx.operator, input: { reportId: report.id } });
    await replyPublicly({ ctx: w.ctx.operator, input: { reportId: report.id, templateId: w.template.id, signAs: "person" } });
    await addInternalNote({ ctx: w.ctx.operator, input: { reportId: report.id, body: note } });
    await assignReport({ ctx: w.ctx.operator, input: { reportId: report.id, target: "organisation", organisationId: w.contractor.id } });
    await resolveReport({ ctx: w.ctx.operator, input: { reportId: report.id, message: "Buca chiusa." } });

    const toCitizen = (await outboxOf(w.tenant.id))
      .map((m) => (m.payload as { message?: EmailMessage & { values?: { code?: string } } }).message)
      .filter((m): m is EmailMessage & { values?: { code?: string } } => m?.to === report.reporterEmail && m.values?.code === report.code);
    expect(toCitizen.map((m) => m.template).sort()).toEqual(["reportAcknowledged", "reportClosed", "reportReply"]);
    const rendered = await Promise.all(toCitizen.map((m) => renderEmail(m)));
    const byTemplate = Object.fromEntries(toCitizen.map((m, i) => [m.template, rendered[i]!]));
    expect(byTemplate.reportAcknowledged!.subject).toBe(`Segnalazione ${report.code} presa in carico`);
    expect(byTemplate.reportAcknowledged!.text).toContain("Vedi la segnalazione");
    expect(byTemplate.reportReply!.text).toContain(w.template.body);
    expect(byTemplate.reportReply!.text).toContain("Vedi la segnalazione");
    expect(byTemplate.reportClosed!.text).toContain(`/segnalazioni/${report.code}/valuta`);
    for (const mail of rendered) expect(mail.text + mail.html).not.toContain(note);

    const page = await getPublicReport(w.tenant, report.code);
    const published = JSON.stringify(page);
    expect(published).not.toContain(note);
    expect(published).not.toContain(w.contractor.name);
    expect(page.status).toBe("resolved");
  });
});
