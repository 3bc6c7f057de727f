import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attachments, outbox, reportEvents, reportFollowers, reports, uploads } from "@/db/schema";
import { getSystemDb } from "@/db/system";
import type { Ctx } from "@/lib/context";
import { ForbiddenError, SuspendedError, ValidationError } from "@/lib/errors";
import { createReport, type CreateReportInput } from "@/lib/reports/create-report";
import { addWorkingDays } from "@/lib/time/working-days";
import { storeUpload } from "@/lib/uploads/store-upload";
import { caught, filedJobs } from "../../support/db";
import { createCategory, createOffice, createStaff, createTenant, type Tenant } from "../../support/factories";
import { anonymous, jpegWithGps, OWNER_KEY } from "./helpers";

async function comune() {
  const tenant = await createTenant();
  const office = await createOffice(tenant, { name: "Ufficio Manutenzioni" });
  const category = await createCategory(tenant, { officeId: office.id, name: "Buca", slaDays: 5 });
  return { tenant, office, category };
}

function input(tenant: Tenant, categoryId: string, extra: Partial<CreateReportInput> = {}): CreateReportInput {
  return {
    categoryId,
    lat: tenant.centreLat + 0.001,
    lng: tenant.centreLng - 0.001,
    address: "Via Roma 12",
    description: "Buca profonda davanti al civico 12, pericolosa per le bici",
    reporterName: "Anna Bianchi",
    reporterEmail: "Anna.Bianchi@Example.it",
    privacyConsent: true,
    ...extra,
  };
}

async function reportsOf(tenantId: string) {
  const db = await getSystemDb();
  return db.select().from(reports).where(eq(reports.tenantId, tenantId));
}

describe("createReport from the citizens' form", () => {
  it("files the report, routes it to the category's office with a working-day due date, records the event, the follower and both emails", async () => {
    const { tenant, office, category } = await comune();
    const before = new Date();
    const created = await createReport({ ctx: anonymous(tenant), input: input(tenant, category.id) });
    expect(created.code).toMatch(new RegExp(`^${tenant.codePrefix}-\\d{4}-000001$`));
    expect(created.replayed).toBe(false);

    const db = await getSystemDb();
    const [row] = await db.select().from(reports).where(and(eq(reports.tenantId, tenant.id), eq(reports.id, created.id)));
    expect(row).toMatchObject({
      status: "new",
      officeId: office.id,
      channel: "web",
      isPublic: true,
      reporterEmail: "anna.bianchi@example.it",
      address: "Via Roma 12",
    });
    const expectedDue = addWorkingDays(row!.createdAt, 5);
    expect(row!.dueAt!.getTime()).toBe(expectedDue.getTime());
    expect(row!.dueAt!.getTime()).toBeGreaterThan(before.getTime() + 5 * 24 * 3600 * 1000 - 1000);

    const events = await db.select().from(reportEvents).where(eq(reportEvents.reportId, created.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "created", visibility: "public", toStatus: "new", tenantId: tenant.id });

    const followers = await db.select().from(reportFollowers).where(eq(reportFollowers.reportId, created.id));
    expect(followers).toMatchObject([{ email: "anna.bianchi@example.it", isReporter: true }]);

    // One outbox row for all the filing tells: the receipt and the office's notice.
    const jobs = await filedJobs(tenant.id, created.id);
    expect(Object.keys(jobs)).toEqual(["receipt", "office"]);
    expect(jobs.receipt).toMatchObject({ kind: "email", message: { template: "reportReceipt", to: "anna.bianchi@example.it", values: { code: created.code } } });
    expect(jobs.office).toMatchObject({ kind: "office_new_report", officeId: office.id });
  });

  it("a double submit with the same idempotency key gives one report, also when the two calls race", async () => {
    const { tenant, category } = await comune();
    const first = await createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { idempotencyKey: "form-key-sequential" }) });
    const again = await createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { idempotencyKey: "form-key-sequential" }) });
    expect(again).toMatchObject({ id: first.id, code: first.code, replayed: true });

    const racing = await Promise.all(
      [1, 2, 3].map(() => createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { idempotencyKey: "form-key-racing" }) })),
    );
    expect(new Set(racing.map((r) => r.id)).size).toBe(1);
    expect(await reportsOf(tenant.id)).toHaveLength(2);
    const db = await getSystemDb();
    // One filing row (receipt and office notice) per report, none for the replays.
    const filings = await db.select().from(outbox).where(and(eq(outbox.tenantId, tenant.id), eq(outbox.kind, "batch")));
    expect(filings.map((f) => f.dedupeKey).sort()).toEqual([`filed:${first.id}`, `filed:${racing[0]!.id}`].sort());
    // Replays and refusals draw no number: the next report follows on (…0001, …0002, then …0003).
    await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { categoryId: randomUUID() }) }));
    const next = await createReport({ ctx: anonymous(tenant), input: input(tenant, category.id) });
    const seq = (code: string) => Number(code.slice(-6));
    expect([seq(first.code), seq(racing[0]!.code), seq(next.code)]).toEqual([1, 2, 3]);
  });

  it("numbers a comune's reports 1, 2, 3… without gaps: filings racing for the year's first number, and refusals in between", async () => {
    const { tenant, office, category } = await comune();
    const blocking = await createCategory(tenant, { officeId: office.id, notice: "Per emergenze chiamare il 112", noticeBlocks: true });
    // Eight at once when the comune has no counter yet: several race to create it.
    const racing = await Promise.all(Array.from({ length: 8 }, () => createReport({ ctx: anonymous(tenant), input: input(tenant, category.id) })));
    // A refusal inside the transaction (after the number is drawn) gives its number back.
    expect(await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, blocking.id) }))).toMatchObject({ code: "category_blocked" });
    const next = await createReport({ ctx: anonymous(tenant), input: input(tenant, category.id) });
    const numbers = [...racing, next].map((r) => Number(r.code.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Number(next.code.slice(-6))).toBe(9);
    // Another comune counts on its own.
    const other = await comune();
    expect((await createReport({ ctx: anonymous(other.tenant), input: input(other.tenant, other.category.id) })).code).toMatch(/-000001$/);
  });

  it("without a drawn boundary, keeps positions to the comune's bounding box", async () => {
    const tenant = await createTenant({ boundary: null });
    const category = await createCategory(tenant, { name: "Buca" });
    const outside = await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { lat: tenant.bboxMaxLat! + 0.01 }) }));
    expect((outside as ValidationError).fieldErrors).toEqual({ position: ["outside_area"] });
    expect(await reportsOf(tenant.id)).toHaveLength(0);
    await createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { lat: tenant.bboxMaxLat! - 0.001 }) });
    expect(await reportsOf(tenant.id)).toHaveLength(1);
  });

  it("refuses a position outside the comune's boundary and writes nothing", async () => {
    const { tenant, category } = await comune();
    const error = await caught(() =>
      createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { lat: tenant.centreLat + 0.5 }) }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ position: ["outside_area"] });
    expect(await reportsOf(tenant.id)).toHaveLength(0);
  });

  it("refuses a category with a blocking notice, an internal category and a non-leaf category for citizens", async () => {
    const { tenant, office } = await comune();
    const blocking = await createCategory(tenant, { officeId: office.id, notice: "Per emergenze chiamare il 112", noticeBlocks: true });
    const internal = await createCategory(tenant, { officeId: office.id, visibility: "internal" });
    const parent = await createCategory(tenant, { officeId: office.id });
    await createCategory(tenant, { officeId: office.id, parentId: parent.id });

    expect(await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, blocking.id) }))).toMatchObject({ code: "category_blocked" });
    expect(await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, internal.id) }))).toMatchObject({ fieldErrors: { categoryId: ["category_invalid"] } });
    expect(await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, parent.id) }))).toMatchObject({ fieldErrors: { categoryId: ["category_not_leaf"] } });
    expect(await reportsOf(tenant.id)).toHaveLength(0);
  });

  it("another comune's category is a validation error, with nothing written in either comune", async () => {
    const { tenant } = await comune();
    const other = await comune();
    const error = await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, other.category.id) }));
    expect(error).toMatchObject({ fieldErrors: { categoryId: ["category_invalid"] } });
    expect(await reportsOf(tenant.id)).toHaveLength(0);
    expect(await reportsOf(other.tenant.id)).toHaveLength(0);
  });

  it("bad input comes back as field errors (message keys), never as a crash", async () => {
    const { tenant, category } = await comune();
    const error = await caught(() =>
      createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { description: "corta", reporterEmail: "non-una-email" }) }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toMatchObject({ description: ["description_too_short"], reporterEmail: ["email_invalid"] });
    expect(await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { privacyConsent: false }) }))).toMatchObject({
      fieldErrors: { privacyConsent: ["consent_required"] },
    });
    expect(await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { reporterEmail: "" }) }))).toMatchObject({
      fieldErrors: { reporterEmail: ["email_required"] },
    });
    const long = await caught(() =>
      createReport({ ctx: { ...anonymous(tenant), tenant: { ...tenant, settings: { descriptionMaxLength: 50 } } }, input: input(tenant, category.id, { description: "x".repeat(51) }) }),
    );
    expect(long).toMatchObject({ fieldErrors: { description: ["too_long"] } });
    expect(await reportsOf(tenant.id)).toHaveLength(0);
  });

  it("keeps only valid answers to the category's own questions and requires the required ones", async () => {
    const { tenant, office } = await comune();
    const category = await createCategory(tenant, {
      officeId: office.id,
      extraQuestions: [
        { code: "dimensione", label: "Dimensione", type: "select", required: true, options: ["Piccola", "Grande"] },
        { code: "profondita", label: "Profondità (cm)", type: "number", required: false },
      ],
    });
    expect(await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, category.id) }))).toMatchObject({
      fieldErrors: { "answers.dimensione": ["answer_required"] },
    });
    expect(
      await caught(() => createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { answers: { dimensione: "Enorme" } }) })),
    ).toMatchObject({ fieldErrors: { "answers.dimensione": ["answer_invalid"] } });
    const created = await createReport({
      ctx: anonymous(tenant),
      input: input(tenant, category.id, { answers: { dimensione: "Grande", profondita: "15", inventata: "x" } }),
    });
    const [row] = (await reportsOf(tenant.id)).filter((r) => r.id === created.id);
    expect(row!.answers).toEqual({ dimensione: "Grande", profondita: 15 });
  });

  it("wrong role: a politician or contractor cannot file on behalf of citizens", async () => {
    const { tenant, category } = await comune();
    const { user } = await createStaff(tenant, "politician");
    const ctx: Ctx = {
      tenant,
      actor: { kind: "staff", userId: user.id, name: user.name ?? "", email: user.email, role: "politician", title: null, officeIds: [], organisationId: null },
    };
    expect(await caught(() => createReport({ ctx, input: input(tenant, category.id, { channel: "phone" }) }))).toBeInstanceOf(ForbiddenError);
    expect(await reportsOf(tenant.id)).toHaveLength(0);
  });

  it("a suspended comune accepts no reports", async () => {
    const { tenant, category } = await comune();
    const error = await caught(() => createReport({ ctx: anonymous({ ...tenant, status: "suspended" }), input: input(tenant, category.id) }));
    expect(error).toBeInstanceOf(SuspendedError);
  });
});

describe("createReport claiming uploads", () => {
  it("attaches the photos uploaded with the same owner key, once", async () => {
    const { tenant, category } = await comune();
    const photo = await storeUpload({ ctx: anonymous(tenant), input: { data: await jpegWithGps(), originalName: "buca.jpg", ownerKey: OWNER_KEY } });
    const created = await createReport({
      ctx: anonymous(tenant),
      input: input(tenant, category.id, { uploadIds: [photo.id], uploadOwnerKey: OWNER_KEY, wantsPrivate: true }),
    });
    const db = await getSystemDb();
    const files = await db.select().from(attachments).where(eq(attachments.reportId, created.id));
    expect(files).toMatchObject([{ kind: "photo", mimeType: "image/jpeg", originalName: "buca.jpg", isPublic: false }]);
    const [upload] = await db.select().from(uploads).where(eq(uploads.id, photo.id));
    expect(upload!.claimedAt).not.toBeNull();

    // The same upload cannot be attached to a second report.
    const again = await caught(() =>
      createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { uploadIds: [photo.id], uploadOwnerKey: OWNER_KEY }) }),
    );
    expect(again).toMatchObject({ fieldErrors: { photos: ["upload_invalid"] } });
  });

  it("refuses uploads with the wrong owner key or from another comune, and writes no report", async () => {
    const { tenant, category } = await comune();
    const other = await comune();
    const mine = await storeUpload({ ctx: anonymous(tenant), input: { data: await jpegWithGps(40, 30), ownerKey: OWNER_KEY } });
    const theirs = await storeUpload({ ctx: anonymous(other.tenant), input: { data: await jpegWithGps(40, 30), ownerKey: OWNER_KEY } });

    const wrongKey = await caught(() =>
      createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { uploadIds: [mine.id], uploadOwnerKey: "un-altro-browser-0123456789" }) }),
    );
    expect(wrongKey).toMatchObject({ fieldErrors: { photos: ["upload_invalid"] } });
    const otherTenant = await caught(() =>
      createReport({ ctx: anonymous(tenant), input: input(tenant, category.id, { uploadIds: [theirs.id], uploadOwnerKey: OWNER_KEY }) }),
    );
    expect(otherTenant).toMatchObject({ fieldErrors: { photos: ["upload_invalid"] } });
    expect(await reportsOf(tenant.id)).toHaveLength(0);

    const db = await getSystemDb();
    const [still] = await db.select().from(uploads).where(eq(uploads.id, theirs.id));
    expect(still!.claimedAt).toBeNull();
  });
});
