import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { addInternalNote } from "@/lib/backoffice/add-internal-note";
import { assignReport } from "@/lib/backoffice/assign-report";
import { getStaffFile } from "@/lib/backoffice/get-staff-file";
import { getStaffReport } from "@/lib/backoffice/get-staff-report";
import { postExternalProgress } from "@/lib/backoffice/post-external-progress";
import { NotFoundError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";
import { caught } from "../../support/db";
import { createAttachment } from "../../support/factories";
import { createWorld, type World } from "./world";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(closeDb);

/** A road report assigned to the contractor, with a staff note (and its photo), the contractor's post and a reporter photo. */
async function handledReport() {
  const report = await w.roadReport({ reporterPhone: "+39 333 7654321", callbackRequested: true, callbackPendingSince: new Date() });
  await assignReport({ ctx: w.ctx.operator, input: { reportId: report.id, target: "organisation", organisationId: w.contractor.id, message: "Chiudere la buca entro venerdì" } });
  const note = await addInternalNote({ ctx: w.ctx.operator, input: { reportId: report.id, body: "Il cittadino è un consigliere: massima cortesia" } });
  await postExternalProgress({ ctx: w.ctx.external, input: { reportId: report.id, body: "Sopralluogo fatto", completed: false } });
  const storage = getStorage();
  const notePhoto = await createAttachment(w.tenant, { reportId: report.id, eventId: note.eventId, isPublic: false });
  const reportPhoto = await createAttachment(w.tenant, { reportId: report.id });
  await storage.put(notePhoto.storageKey, Buffer.from("nota"));
  await storage.put(reportPhoto.storageKey, Buffer.from("buca"));
  return { report, notePhoto, reportPhoto };
}

describe("what a contractor's user sees of a report (getStaffReport)", () => {
  it("no reporter contact, no call-back data, no internal notes of the comune, no files attached to them", async () => {
    const { report, notePhoto, reportPhoto } = await handledReport();
    const data = await getStaffReport({ ctx: w.ctx.external, code: report.code });
    expect(data.redacted).toBe(true);
    expect(data.report).toMatchObject({ reporterName: null, reporterEmail: null, reporterPhone: null, callbackRequested: false, callbackPendingSince: null });
    const text = JSON.stringify(data);
    expect(text).not.toContain("Mario Rossi");
    expect(text).not.toContain("mario.rossi@example.it");
    expect(text).not.toContain("7654321");
    expect(text).not.toContain("consigliere");
    const bodies = data.events.map((e) => e.event.body);
    expect(bodies).toContain("Sopralluogo fatto");
    expect(bodies).toContain("Chiudere la buca entro venerdì");
    expect(data.events.every((e) => e.event.type !== "internal_note" || (e.event.data as { external?: boolean }).external)).toBe(true);
    expect(data.files.map((f) => f.id)).toEqual([reportPhoto.id]);
    expect(notePhoto.id).not.toBe(reportPhoto.id);
  });

  it("the comune's own staff still see everything", async () => {
    const { report, notePhoto } = await handledReport();
    const data = await getStaffReport({ ctx: w.ctx.operator, code: report.code });
    expect(data.redacted).toBe(false);
    expect(data.report).toMatchObject({ reporterName: "Mario Rossi", reporterPhone: "+39 333 7654321" });
    expect(data.events.map((e) => e.event.body)).toContain("Il cittadino è un consigliere: massima cortesia");
    expect(data.files.map((f) => f.id)).toContain(notePhoto.id);
  });

  it("another organisation's user and another comune get not found", async () => {
    const { report } = await handledReport();
    expect(await caught(() => getStaffReport({ ctx: w.ctx.otherExternal, code: report.code }))).toBeInstanceOf(NotFoundError);
    expect(await caught(() => getStaffReport({ ctx: { ...w.ctx.external, tenant: w.other }, code: report.code }))).toBeInstanceOf(NotFoundError);
  });
});

describe("files for a contractor's user (getStaffFile)", () => {
  it("serves the report's photo but not one attached to a staff note", async () => {
    const { notePhoto, reportPhoto } = await handledReport();
    expect((await getStaffFile({ ctx: w.ctx.external, id: reportPhoto.id, thumb: false })).data.toString()).toBe("buca");
    expect(await caught(() => getStaffFile({ ctx: w.ctx.external, id: notePhoto.id, thumb: false }))).toBeInstanceOf(NotFoundError);
    expect((await getStaffFile({ ctx: w.ctx.operator, id: notePhoto.id, thumb: false })).data.toString()).toBe("nota");
  });
});
