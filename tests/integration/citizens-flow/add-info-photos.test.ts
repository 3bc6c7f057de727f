import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { attachments, reportEvents, uploads } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import { addReportInfo, checkAddInfoLink } from "@/lib/engagement/add-report-info";
import { renderEmail, type EmailMessage } from "@/lib/email/render";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { getPublicFile } from "@/lib/reports/get-public-file";
import { getPublicReport } from "@/lib/reports/get-public-report";
import { createReport } from "@/lib/reports/create-report";
import { addInfoUrl, linkToken } from "@/lib/reports/links";
import { storeUpload } from "@/lib/uploads/store-upload";
import { createCategory, createOffice, createTenant, type Tenant } from "../../support/factories";
import { anonymous, jpegWithGps, OWNER_KEY } from "./helpers";
import { filedJobs } from "../../support/db";

afterAll(closeDb);

async function comune() {
  const tenant = await createTenant();
  const office = await createOffice(tenant, { name: "Ufficio Manutenzioni" });
  const category = await createCategory(tenant, { officeId: office.id, name: "Buca" });
  return { tenant, category };
}

async function newReport(tenant: Tenant, categoryId: string, isPrivate = false) {
  return createReport({
    ctx: anonymous(tenant),
    input: {
      categoryId,
      lat: tenant.centreLat,
      lng: tenant.centreLng,
      description: "Buca profonda davanti al civico 12",
      reporterEmail: "anna.bianchi@example.it",
      privacyConsent: true,
      wantsPrivate: isPrivate,
    },
  });
}

async function photo(tenant: Tenant, ownerKey = OWNER_KEY) {
  return storeUpload({ ctx: anonymous(tenant), input: { data: await jpegWithGps(800, 600), originalName: "buca-oggi.jpg", ownerKey } });
}

describe("receipt email", () => {
  it("carries the add-information link, rendered as a link in the email", async () => {
    const { tenant, category } = await comune();
    const created = await newReport(tenant, category.id);
    const message = ((await filedJobs(tenant.id, created.id)).receipt as { message: EmailMessage }).message;
    const url = addInfoUrl(tenant.slug, created.code, created.id);
    expect(message.extraLinks).toEqual([{ url, labelKey: "citizens.emailAddInfo" }]);
    const rendered = await renderEmail(message);
    expect(rendered.text).toContain(`Puoi aggiungere informazioni o foto alla segnalazione da qui: ${url}`);
    expect(rendered.html).toContain(`href="${url.replaceAll("&", "&amp;")}"`);
    // The link in the email opens the add-information page.
    const token = new URL(url).searchParams.get("t")!;
    expect(await checkAddInfoLink({ ctx: anonymous(tenant), input: { code: created.code, token } })).toEqual({ reportPath: `/segnalazioni/${created.code}` });
    const en = await renderEmail({ ...message, locale: "en" });
    expect(en.text).toContain(`You can add information or photos to the report here: ${url}`);
  });
});

describe("addReportInfo with photos", () => {
  it("claims the reporter's uploads onto the public 'updated' event, shown on its timeline entry", async () => {
    const { tenant, category } = await comune();
    const created = await newReport(tenant, category.id);
    const [a, b] = [await photo(tenant), await photo(tenant)];
    const result = await addReportInfo({
      ctx: anonymous(tenant),
      input: { code: created.code, token: linkToken("add-info", created.id), body: "Oggi è più larga", uploadIds: [a.id, b.id], uploadOwnerKey: OWNER_KEY },
    });
    expect(result.photos).toBe(2);
    const db = await getSystemDb();
    const rows = await db.select().from(attachments).where(and(eq(attachments.tenantId, tenant.id), eq(attachments.reportId, created.id)));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.eventId === result.eventId && r.isPublic && r.kind === "photo")).toBe(true);
    const claimed = await db.select().from(uploads).where(eq(uploads.tenantId, tenant.id));
    expect(claimed.every((u) => u.claimedAt !== null)).toBe(true);

    const page = await getPublicReport(tenant, created.code);
    const entry = page.timeline.at(-1)!;
    expect(entry).toMatchObject({ type: "updated", body: "Oggi è più larga", byReporter: true });
    expect(entry.photos.map((p) => p.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(page.photos).toEqual([]);
    const file = await getPublicFile(tenant, rows[0]!.id, "thumb");
    expect(file).toBeTruthy();
  });

  it("accepts photos without text; a private report's photos are not public", async () => {
    const { tenant, category } = await comune();
    const created = await newReport(tenant, category.id, true);
    const a = await photo(tenant);
    const { eventId } = await addReportInfo({
      ctx: anonymous(tenant),
      input: { code: created.code, token: linkToken("add-info", created.id), uploadIds: [a.id], uploadOwnerKey: OWNER_KEY },
    });
    const db = await getSystemDb();
    const [event] = await db.select().from(reportEvents).where(eq(reportEvents.id, eventId));
    expect(event).toMatchObject({ type: "updated", body: null, visibility: "public" });
    const [att] = await db.select().from(attachments).where(eq(attachments.eventId, eventId));
    expect(att).toMatchObject({ isPublic: false });
    await expect(getPublicFile(tenant, att!.id, "thumb")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses another browser's upload, a claimed one, another comune's and a PDF — writing nothing", async () => {
    const { tenant, category } = await comune();
    const created = await newReport(tenant, category.id);
    const token = linkToken("add-info", created.id);
    const ctx = anonymous(tenant);
    const stranger = await photo(tenant, "chiave-di-un-altro-browser-987654");
    const wrongKey = await addReportInfo({ ctx, input: { code: created.code, token, body: "Foto", uploadIds: [stranger.id], uploadOwnerKey: OWNER_KEY } }).catch((e) => e);
    expect(wrongKey).toBeInstanceOf(ValidationError);
    expect(wrongKey.fieldErrors).toEqual({ photos: ["upload_invalid"] });

    const { tenant: other } = await comune();
    const foreign = await photo(other);
    await expect(addReportInfo({ ctx, input: { code: created.code, token, uploadIds: [foreign.id], uploadOwnerKey: OWNER_KEY } })).rejects.toBeInstanceOf(ValidationError);

    const pdf = await storeUpload({ ctx, input: { data: Buffer.from("%PDF-1.4\n%%EOF\n"), originalName: "x.pdf", ownerKey: OWNER_KEY } });
    const doc = await addReportInfo({ ctx, input: { code: created.code, token, uploadIds: [pdf.id], uploadOwnerKey: OWNER_KEY } }).catch((e) => e);
    expect(doc.fieldErrors).toEqual({ photos: ["photos_only"] });

    const mine = await photo(tenant);
    await addReportInfo({ ctx, input: { code: created.code, token, uploadIds: [mine.id], uploadOwnerKey: OWNER_KEY } });
    await expect(addReportInfo({ ctx, input: { code: created.code, token, uploadIds: [mine.id], uploadOwnerKey: OWNER_KEY } })).rejects.toBeInstanceOf(ValidationError);

    const db = await getSystemDb();
    const events = await db.select().from(reportEvents).where(and(eq(reportEvents.reportId, created.id), eq(reportEvents.type, "updated")));
    expect(events).toHaveLength(1);
    // The refused PDF and the stranger's photo stay unclaimed (the transaction rolled back).
    const [pdfRow] = await db.select().from(uploads).where(eq(uploads.id, pdf.id));
    const [strangerRow] = await db.select().from(uploads).where(eq(uploads.id, stranger.id));
    expect(pdfRow!.claimedAt).toBeNull();
    expect(strangerRow!.claimedAt).toBeNull();
  });

  it("needs text or a photo, the owner key with uploads, and the report's token; other comune → not found", async () => {
    const { tenant, category } = await comune();
    const created = await newReport(tenant, category.id);
    const token = linkToken("add-info", created.id);
    const empty = await addReportInfo({ ctx: anonymous(tenant), input: { code: created.code, token, body: "" } }).catch((e) => e);
    expect(empty.fieldErrors).toEqual({ body: ["info_required"] });
    const a = await photo(tenant);
    const noKey = await addReportInfo({ ctx: anonymous(tenant), input: { code: created.code, token, uploadIds: [a.id] } }).catch((e) => e);
    expect(noKey.fieldErrors).toEqual({ photos: ["upload_invalid"] });
    const { tenant: other } = await comune();
    await expect(
      addReportInfo({ ctx: anonymous(other), input: { code: created.code, token, uploadIds: [a.id], uploadOwnerKey: OWNER_KEY } }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      addReportInfo({ ctx: anonymous(tenant), input: { code: created.code, token: linkToken("view", created.id), uploadIds: [a.id], uploadOwnerKey: OWNER_KEY } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
