import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as filesGet } from "@/app/api/files/[id]/route";
import { closeDb } from "@/db/client";
import { reportEvents } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { env } from "@/lib/env";
import { countReportsByStatus } from "@/lib/reports/count-by-status";
import { getPublicReport } from "@/lib/reports/get-public-report";
import { linkToken } from "@/lib/reports/links";
import { listPublicReports } from "@/lib/reports/list-public";
import { getStorage } from "@/lib/storage";
import { createAttachment, createCategory, createReport, createTenant, type Category, type Tenant } from "../../support/factories";

/**
 * What the public sees: the home page's counts cover exactly the public list (public reports of public
 * categories), and documents attached to public steps (a PDF with a reply) reach the report page and
 * download through the public file route, under the same checks as photos.
 */
let a: Tenant;
let b: Tenant;
let publicCat: Category;

const host = (t: Tenant) => `${t.slug}.${env.ROOT_DOMAIN}`;
const get = (path: string, t: Tenant, id: string) =>
  filesGet(new Request(`http://127.0.0.1${path}`, { headers: { host: host(t) } }), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  publicCat = await createCategory(a);
});
afterAll(closeDb);

describe("countReportsByStatus", () => {
  it("counts only what the public list shows, so the total matches it", async () => {
    const internalCat = await createCategory(a, { visibility: "internal" });
    await createReport(a, { categoryId: publicCat.id, status: "new" });
    await createReport(a, { categoryId: publicCat.id, status: "new" });
    await createReport(a, { categoryId: publicCat.id, status: "resolved", closedAt: new Date() });
    await createReport(a, { categoryId: publicCat.id, status: "new", isPublic: false });
    await createReport(a, { categoryId: internalCat.id, status: "acknowledged" });
    await createReport(b, { categoryId: (await createCategory(b)).id, status: "new" });

    const counts = await countReportsByStatus(a.id);
    expect(counts).toMatchObject({ new: 2, acknowledged: 0, resolved: 1, total: 3 });
    expect(counts.total).toBe((await listPublicReports(a, {})).total);
  });
});

describe("public documents", () => {
  it("the report page lists public documents, with the reply they came with; internal and hidden ones never", async () => {
    const { report } = await createReport(a, { categoryId: publicCat.id });
    const db = await getSystemDb();
    const [reply] = await db
      .insert(reportEvents)
      .values({ tenantId: a.id, reportId: report.id, type: "public_reply", visibility: "public", body: "In allegato l'ordinanza", actorLabel: "Ufficio Strade" })
      .returning();
    const [note] = await db
      .insert(reportEvents)
      .values({ tenantId: a.id, reportId: report.id, type: "internal_note", visibility: "internal", body: "Preventivo riservato" })
      .returning();
    const pdf = Buffer.from("%PDF-1.4\n% ordinanza\n");
    const storageKey = `${a.id}/${randomUUID()}.pdf`;
    await getStorage().put(storageKey, pdf);
    const doc = (extra: Parameters<typeof createAttachment>[1]) =>
      createAttachment(a, { kind: "document", mimeType: "application/pdf", width: null, height: null, storageKey, sizeBytes: 250_000, isPublic: true, ...extra });
    const ordinance = await doc({ reportId: report.id, eventId: reply!.id, originalName: "Ordinanza n. 12 (viabilità).pdf" });
    const ownDocument = await doc({ reportId: report.id, originalName: "planimetria.pdf", sizeBytes: 2_400_000 });
    const onInternalNote = await doc({ reportId: report.id, eventId: note!.id, originalName: "preventivo.pdf" });
    const hidden = await doc({ reportId: report.id, hidden: true, originalName: "nascosto.pdf" });
    const notPublic = await doc({ reportId: report.id, isPublic: false, originalName: "riservato.pdf" });

    const page = await getPublicReport(a, report.code);
    expect(page.documents).toEqual([{ id: ownDocument.id, name: "planimetria.pdf", mimeType: "application/pdf", sizeBytes: 2_400_000 }]);
    const entry = page.timeline.find((e) => e.id === reply!.id)!;
    expect(entry.documents).toEqual([{ id: ordinance.id, name: "Ordinanza n. 12 (viabilità).pdf", mimeType: "application/pdf", sizeBytes: 250_000 }]);
    const shown = JSON.stringify(page);
    for (const name of ["preventivo.pdf", "nascosto.pdf", "riservato.pdf"]) expect(shown).not.toContain(name);

    const res = await get(`/api/files/${ordinance.id}?size=full`, a, ordinance.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Ordinanza n. 12 (viabilit_).pdf"; filename*=UTF-8''Ordinanza%20n.%2012%20%28viabilit%C3%A0%29.pdf`,
    );
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
    for (const att of [onInternalNote, hidden, notPublic]) expect((await get(`/api/files/${att.id}?size=full`, a, att.id)).status).toBe(404);
    // Another comune's host never serves it.
    expect((await get(`/api/files/${ordinance.id}?size=full`, b, ordinance.id)).status).toBe(404);
  });

  it("a private report's documents reach its reporter with the view token only", async () => {
    const { report } = await createReport(a, { categoryId: publicCat.id, isPublic: false });
    const storageKey = `${a.id}/${randomUUID()}.pdf`;
    await getStorage().put(storageKey, Buffer.from("%PDF-1.4\n"));
    const att = await createAttachment(a, { reportId: report.id, kind: "document", mimeType: "application/pdf", storageKey, isPublic: true, originalName: "verbale.pdf" });
    const token = linkToken("view", report.id);
    expect((await getPublicReport(a, report.code, token)).documents.map((d) => d.name)).toEqual(["verbale.pdf"]);
    expect((await get(`/api/files/${att.id}?size=full`, a, att.id)).status).toBe(404);
    expect((await get(`/api/files/${att.id}?size=full&t=${token}`, a, att.id)).status).toBe(200);
  });
});
