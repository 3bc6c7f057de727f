import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { pipeline, withTenant, type Statement, type Tx } from "@/db/client";
import { insertRow } from "@/db/insert-row";
import { reusable } from "@/db/reusable";
import {
  attachments,
  auditEvents,
  categories,
  type ExtraQuestion,
  offices,
  organisations,
  REPORT_CHANNELS,
  reportEvents,
  reportFollowers,
  reports,
  uploads,
} from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/context";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { geocodingArea, isInArea } from "@/lib/geocoding/area";
import { enqueueStatement } from "@/lib/outbox/enqueue";
import { organisationAssignedJob } from "@/lib/outbox/organisation-notice";
import type { BatchJob } from "@/lib/outbox/jobs";
import { hashToken } from "@/lib/security/tokens";
import { tenantBaseUrl } from "@/lib/tenancy/urls";
import { addWorkingDays } from "@/lib/time/working-days";
import { MAX_DOCUMENTS, MAX_PHOTOS } from "@/lib/uploads/limits";
import { addInfoUrl, linkToken, reportUrl, unsubscribeUrl } from "./links";
import { formatReportCode, nextReportNumber, romeYear } from "./report-code";

export const DEFAULT_DESCRIPTION_MAX = 2000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "too_long")
    .optional()
    .transform((v) => (v ? v : undefined));

/** What any edge (citizen form, operator form, Open311) may submit. Messages are i18n keys. */
export const createReportInput = z.object({
  categoryId: z.string().uuid("category_required"),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  address: optionalText(300),
  title: optionalText(120),
  /** Absent (not empty) only from API clients: GeoReport v2 makes it optional; see createReport. */
  description: z.string().trim().min(10, "description_too_short").max(20000, "too_long").optional(),
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  reporterName: optionalText(120),
  reporterEmail: z
    .string()
    .trim()
    .toLowerCase()
    .email("email_invalid")
    .max(254)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  reporterPhone: optionalText(40),
  privacyConsent: z.boolean().optional(),
  /** Citizens may ask to keep the report private; categories may force it. */
  wantsPrivate: z.boolean().optional(),
  channel: z.enum(REPORT_CHANNELS).default("web"),
  callbackRequested: z.boolean().optional(),
  idempotencyKey: z.string().min(8).max(100).optional(),
  uploadIds: z.array(z.string().uuid()).max(MAX_PHOTOS + MAX_DOCUMENTS, "too_many_files").optional(),
  /** Secret held by the browser that uploaded the files (see uploads.ownerKeyHash). */
  uploadOwnerKey: z.string().min(16).max(200).optional(),
  /** Staff-only context from the channel (e.g. Open311 media_url), kept out of the citizen's text. */
  internalNote: optionalText(4000),
});
export type CreateReportInput = z.input<typeof createReportInput>;

export type CreatedReport = { id: string; code: string; isPublic: boolean; trackingToken: string | null; replayed: boolean };

/**
 * Files a report: checks category and area, numbers it, routes it to the category's office with its SLA
 * due date, records the `created` event, claims uploaded photos, makes the reporter a follower and
 * enqueues the receipt and the office notification — all in one transaction, so the receipt is shown only
 * for a committed report. The idempotency key turns a double submit into the same report.
 */
export async function createReport({ ctx, input }: { ctx: Ctx; input: CreateReportInput }): Promise<CreatedReport> {
  const data = validateReport(ctx, input);
  try {
    return await withTenant(ctx.tenant.id, (tx) => insertReport(tx, ctx, data));
  } catch (error) {
    const existing = await replayOf(error, ctx.tenant.id, data.idempotencyKey);
    if (existing) return existing;
    throw error;
  }
}

/**
 * createReport inside the caller's tenant transaction — for an edge that reads what it needs (the Open311
 * POST: API key and catalog) and files in the same transaction. The caller passes what it throws to
 * replayOf() outside the transaction, as createReport does.
 */
export async function createReportIn(
  tx: Tx,
  { ctx, input }: { ctx: Ctx; input: CreateReportInput },
  prefetched?: Prefetched,
): Promise<CreatedReport> {
  return insertReport(tx, ctx, validateReport(ctx, input), prefetched);
}

/**
 * What an edge has already read in its own first round trip of the transaction (the Open311 POST, which
 * knows the service code before it knows the key): the category the client named — used only if it is
 * the one the input files under — and the number drawn for `now`. Drawn inside the transaction, so a
 * refusal after it rolls the number back like any other: no gaps.
 */
export type Prefetched = { now: Date; seq: Promise<number>; category: Promise<ReportCategory | null> };
export type ReportCategory = NonNullable<Awaited<ReturnType<typeof categoryForReport>>>;

/**
 * Draws the next number; the category named by the service code (its code, else its id; active) comes
 * from the comune's categories the caller reads in the same round trip (the Open311 catalog).
 */
export function prefetchForService(tx: Tx, tenantId: string, serviceCode: string, categoriesRead: Promise<NamedCategory[]>): Prefetched {
  const now = new Date();
  return {
    now,
    seq: nextReportNumber(tx, tenantId, romeYear(now)),
    category: categoriesRead.then((rows) => {
      const row = rows.find((r) => r.category.code === serviceCode) ?? rows.find((r) => r.category.id === serviceCode);
      if (!row?.category.active) return null;
      return reportCategory(row, rows.some((r) => r.category.parentId === row.category.id));
    }),
  };
}

/** A category row with the names of its default office and organisation (what routing a report needs). */
export type NamedCategory = { category: typeof categories.$inferSelect; officeName: string | null; organisationName: string | null };

/**
 * The report a failed filing turns out to be a replay of: found inside the transaction (which then rolled
 * back, the number it drew included), or two identical submits racing where the loser hit the
 * idempotency unique index. Null when the error is anything else.
 */
export async function replayOf(error: unknown, tenantId: string, idempotencyKey: string | undefined): Promise<CreatedReport | null> {
  if (error instanceof Replayed) return error.report;
  if (idempotencyKey && isUniqueViolation(error)) return findByIdempotencyKey(tenantId, idempotencyKey);
  return null;
}

/** Checks what needs no database: input shape, permissions, channel, lengths, contact, consent, area. */
function validateReport(ctx: Ctx, input: CreateReportInput): Data {
  const parsed = createReportInput.safeParse(input);
  if (!parsed.success) throw toValidationError(parsed.error);
  const data = parsed.data;
  const { tenant, actor } = ctx;
  assertTenantWritable(tenant);
  const staffEntry = actor.kind === "staff";
  if (staffEntry && !can(actor.role, "reports.create_on_behalf")) {
    throw new ForbiddenError("reports.create_on_behalf");
  }
  if (!staffEntry && actor.kind !== "api" && data.channel !== "web" && data.channel !== "app") {
    throw new ValidationError("channel_invalid");
  }
  // GeoReport v2 makes description optional: an API client may file with the service and position only.
  if (data.description === undefined && actor.kind !== "api") {
    throw new ValidationError("validation", { description: ["description_too_short"] });
  }
  const maxLength = tenant.settings?.descriptionMaxLength ?? DEFAULT_DESCRIPTION_MAX;
  if (data.description && data.description.length > maxLength) {
    throw new ValidationError("validation", { description: ["too_long"] });
  }
  if (actor.kind === "anonymous" && !data.reporterEmail && !data.reporterPhone) {
    // Anonymous web reports need a way to reach the citizen back (the receipt, updates).
    throw new ValidationError("validation", { reporterEmail: ["email_required"] });
  }
  if ((actor.kind === "anonymous" || actor.kind === "citizen") && data.reporterEmail && !data.privacyConsent) {
    throw new ValidationError("validation", { privacyConsent: ["consent_required"] });
  }
  // Boundary when drawn, else the bounding box, else a box around the centre: never anywhere on earth.
  if (!isInArea(geocodingArea(tenant), data.lat, data.lng)) {
    throw new ValidationError("outside_area", { position: ["outside_area"] });
  }
  return data;
}

type Data = z.output<typeof createReportInput>;

/** Thrown inside the transaction when the idempotency key is already used: rolls back, returns that report. */
class Replayed extends Error {
  constructor(readonly report: CreatedReport) {
    super("replayed");
  }
}

/**
 * The transaction, in three round trips after the tenant context: (1) the replay check, the category with
 * its office and organisation, and the next number, together; (2) every write — report, timeline,
 * follower, outbox, audit — pipelined in order; then the uploads' claim when there are files. Anything
 * that throws rolls the whole of it back, the drawn number included, so codes have no gaps.
 */
async function insertReport(tx: Tx, ctx: Ctx, data: Data, prefetched?: Prefetched): Promise<CreatedReport> {
  const { tenant, actor } = ctx;
  const now = prefetched?.now ?? new Date();
  const year = romeYear(now);
  const [existing, category, seq] = await Promise.all([
    data.idempotencyKey ? findByIdempotencyKeyIn(tx, tenant.id, data.idempotencyKey) : null,
    prefetched
      ? prefetched.category.then((c) => (c?.id === data.categoryId ? c : categoryForReport(tx, tenant.id, data.categoryId)))
      : categoryForReport(tx, tenant.id, data.categoryId),
    prefetched ? prefetched.seq : nextReportNumber(tx, tenant.id, year),
  ]);
  if (existing) throw new Replayed(existing);
  if (!category) throw new ValidationError("validation", { categoryId: ["category_invalid"] });
  if (category.hasChild) throw new ValidationError("validation", { categoryId: ["category_not_leaf"] });
  if (category.visibility === "internal" && actor.kind !== "staff") {
    throw new ValidationError("validation", { categoryId: ["category_invalid"] });
  }
  if (category.noticeBlocks && actor.kind !== "staff") throw new ValidationError("category_blocked");
  const answers = checkAnswers(category.extraQuestions, data.answers ?? {});

  const code = formatReportCode(tenant.codePrefix, year, seq);
  const isPublic = !(category.reportsPrivateByDefault || data.wantsPrivate);
  const dueAt = category.slaDays != null ? addWorkingDays(now, category.slaDays) : null;
  const reporterEmail = data.reporterEmail ?? (actor.kind === "citizen" ? actor.email : null);
  const created = { id: randomUUID(), code, isPublic };
  const writes: Statement[] = [
    insertRow(tx, reports, {
      tenantId: tenant.id,
      id: created.id,
      code,
      categoryId: category.id,
      officeId: category.defaultOfficeId,
      organisationId: category.defaultOrganisationId,
      status: "new",
      isPublic,
      channel: data.channel,
      title: data.title ?? null,
      description: data.description ?? "",
      lat: data.lat,
      lng: data.lng,
      address: data.address ?? null,
      answers,
      reporterUserId: actor.kind === "citizen" ? actor.userId : null,
      reporterName: data.reporterName ?? (actor.kind === "citizen" ? actor.name : null),
      reporterEmail,
      reporterPhone: data.reporterPhone ?? null,
      callbackRequested: Boolean(data.callbackRequested),
      idempotencyKey: data.idempotencyKey ?? null,
      createdAt: now,
      updatedAt: now,
      dueAt,
    }),
    insertRow(tx, reportEvents, {
      tenantId: tenant.id,
      reportId: created.id,
      type: "created",
      visibility: "public",
      actorUserId: actor.kind === "staff" || actor.kind === "citizen" ? actor.userId : null,
      actorLabel: actor.kind === "staff" ? actor.name : null,
      toStatus: "new",
      data: { channel: data.channel },
      createdAt: now,
    }),
  ];
  if (data.internalNote) {
    writes.push(
      insertRow(tx, reportEvents, {
        tenantId: tenant.id,
        reportId: created.id,
        type: "internal_note",
        visibility: "internal",
        actorLabel: actor.kind === "api" || actor.kind === "staff" ? actor.name : null,
        body: data.internalNote,
        createdAt: now,
      }),
    );
  }

  const baseUrl = tenantBaseUrl(tenant.slug);
  const brand = { tenantName: `Comune di ${tenant.name}`, primaryColor: tenant.primaryColor };
  const trackingToken = isPublic ? null : linkToken("view", created.id);

  // What filing tells people — the receipt, the office, the organisation — goes out as ONE outbox row.
  const jobs: BatchJob["jobs"] = [];
  if (reporterEmail) {
    const followerId = randomUUID();
    writes.push(
      insertRow(tx, reportFollowers, {
        tenantId: tenant.id,
        id: followerId,
        reportId: created.id,
        email: reporterEmail,
        userId: actor.kind === "citizen" ? actor.userId : null,
        isReporter: true,
        confirmedAt: now,
      }),
    );
    jobs.push({
      name: "receipt",
      job: {
        kind: "email",
        tenantSlug: tenant.slug,
        message: {
          template: "reportReceipt",
          to: reporterEmail,
          brand,
          values: { code, category: category.name },
          action: { url: reportUrl(tenant.slug, code, created) },
          extraLinks: [{ url: addInfoUrl(tenant.slug, code, created.id), labelKey: "citizens.emailAddInfo" }],
          secondaryUrl: { url: unsubscribeUrl(tenant.slug, followerId), labelKey: "unsubscribe" },
        },
      },
    });
  }

  if (category.office) {
    const office = category.office;
    jobs.push({
      name: "office",
      job: {
        kind: "office_new_report",
        tenantSlug: tenant.slug,
        officeId: office.id,
        message: {
          template: "officeNewReport",
          brand,
          values: {
            code,
            office: office.name,
            category: category.name,
            address: data.address ?? `${data.lat.toFixed(5)}, ${data.lng.toFixed(5)}`,
            due: dueAt ? ROME_DAY.format(dueAt) : "—",
          },
          action: { url: `${baseUrl}/ufficio/segnalazioni/${code}` },
        },
      },
    });
  }

  if (category.organisation) {
    // Routed to the category's organisation: its users are told as for a manual assignment.
    const job = organisationAssignedJob(tenant, {
      organisation: category.organisation,
      report: { code, address: data.address ?? null, lat: data.lat, lng: data.lng },
    });
    jobs.push({ name: "organisation", job });
  }
  // The key names the report this transaction creates: no earlier row can hold it.
  if (jobs.length > 0) writes.push(enqueueStatement(tx, tenant.id, { kind: "batch", jobs }, `filed:${created.id}`, { fresh: true }));

  if (actor.kind === "staff" || actor.kind === "api") {
    // Vendor support entering a report through a grant is recorded as the vendor, with the grant id.
    const support = actor.kind === "staff" ? actor.supportGrantId : undefined;
    writes.push(
      insertRow(tx, auditEvents, {
        tenantId: tenant.id,
        actorUserId: actor.kind === "staff" ? actor.userId : null,
        actorKind: actor.kind === "api" ? "api" : support ? "vendor" : "staff",
        action: "report.create",
        targetType: "report",
        targetId: created.id,
        data: {
          code,
          channel: data.channel,
          ...(actor.kind === "api" ? { apiKeyId: actor.apiKeyId } : {}),
          ...(support ? { supportGrantId: support } : {}),
        },
        ip: ctx.ip ?? null,
      }),
    );
  }

  if (data.uploadIds?.length) {
    await pipeline(tx, writes);
    await claimUploads(tx, tenant.id, created.id, data, isPublic);
  } else {
    // Nothing follows the writes: the commit goes out with them (one round trip less).
    await pipeline(tx, writes, { commit: true });
  }
  return { id: created.id, code, isPublic, trackingToken, replayed: false };
}

/** Date of a deadline as Rome reads it (one formatter for the process: building one costs more than using it). */
const ROME_DAY = new Intl.DateTimeFormat("it-IT", { timeZone: "Europe/Rome" });

/**
 * The category a report is filed under, if active in this comune, with what routing needs: whether it
 * has children (only leaves take reports), its office and its organisation — one query.
 */
async function categoryForReport(tx: Tx, tenantId: string, categoryId: string) {
  const [row] = await categoryById(tx, { tenantId, id: categoryId });
  return row ? reportCategory(row, Boolean(row.hasChild)) : null;
}

/** categoryForReport's query, built once (db/reusable.ts): every report filed from a form runs it. */
const categoryById = reusable("report_category_by_id", (tx) => {
  const tenantId = sql.placeholder("tenantId");
  return tx
    .select({
      category: categories,
      hasChild: sql<boolean>`exists (select 1 from categories child where child.tenant_id = ${tenantId} and child.parent_id = ${categories.id})`,
      officeName: offices.name,
      organisationName: organisations.name,
    })
    .from(categories)
    .leftJoin(offices, and(eq(offices.tenantId, tenantId), eq(offices.id, categories.defaultOfficeId)))
    .leftJoin(organisations, and(eq(organisations.tenantId, tenantId), eq(organisations.id, categories.defaultOrganisationId)))
    .where(and(eq(categories.tenantId, tenantId), eq(categories.id, sql.placeholder("id")), eq(categories.active, true)));
});

function reportCategory(row: NamedCategory, hasChild: boolean) {
  const c = row.category;
  return {
    ...c,
    hasChild,
    office: c.defaultOfficeId && row.officeName != null ? { id: c.defaultOfficeId, name: row.officeName } : null,
    organisation:
      c.defaultOrganisationId && row.organisationName != null ? { id: c.defaultOrganisationId, name: row.organisationName } : null,
  };
}

async function claimUploads(tx: Tx, tenantId: string, reportId: string, data: Data, isPublic: boolean) {
  if (!data.uploadIds?.length) return;
  if (!data.uploadOwnerKey) throw new ValidationError("validation", { photos: ["upload_invalid"] });
  const owned = await tx
    .update(uploads)
    .set({ claimedAt: new Date() })
    .where(
      and(
        eq(uploads.tenantId, tenantId),
        inArray(uploads.id, data.uploadIds),
        eq(uploads.ownerKeyHash, hashToken(data.uploadOwnerKey)),
        isNull(uploads.claimedAt),
      ),
    )
    .returning();
  if (owned.length !== new Set(data.uploadIds).size) {
    throw new ValidationError("validation", { photos: ["upload_invalid"] });
  }
  const photos = owned.filter((u) => u.kind === "photo").length;
  if (photos > MAX_PHOTOS || owned.length - photos > MAX_DOCUMENTS) {
    throw new ValidationError("validation", { photos: ["too_many_files"] });
  }
  await tx.insert(attachments).values(
    owned.map((u) => ({
      tenantId,
      reportId,
      kind: u.kind,
      storageKey: u.storageKey,
      thumbKey: u.thumbKey,
      mimeType: u.mimeType,
      sizeBytes: u.sizeBytes,
      width: u.width,
      height: u.height,
      originalName: u.originalName,
      isPublic,
    })),
  );
}

/**
 * Keeps only answers to the category's own questions, checked against their type and options: required
 * questions must be answered (field key `answers.<code>`), nothing else is stored.
 */
function checkAnswers(questions: ExtraQuestion[], given: Record<string, string | number | boolean>) {
  const answers: Record<string, string | number | boolean> = {};
  const errors: Record<string, string[]> = {};
  for (const q of questions) {
    const raw = given[q.code];
    const value = typeof raw === "string" ? raw.trim() : raw;
    if (value === undefined || value === "") {
      if (q.required) errors[`answers.${q.code}`] = ["answer_required"];
      continue;
    }
    const valid =
      (q.type === "text" && typeof value === "string" && value.length <= 500) ||
      (q.type === "number" && Number.isFinite(Number(value))) ||
      (q.type === "boolean" && typeof value === "boolean") ||
      (q.type === "select" && typeof value === "string" && (q.options ?? []).includes(value));
    if (!valid) errors[`answers.${q.code}`] = ["answer_invalid"];
    else answers[q.code] = q.type === "number" ? Number(value) : value;
  }
  if (Object.keys(errors).length) throw new ValidationError("validation", errors);
  return answers;
}

async function findByIdempotencyKey(tenantId: string, key: string): Promise<CreatedReport | null> {
  return withTenant(tenantId, (tx) => findByIdempotencyKeyIn(tx, tenantId, key));
}

async function findByIdempotencyKeyIn(tx: Tx, tenantId: string, key: string): Promise<CreatedReport | null> {
  const [row] = await tx
    .select({ id: reports.id, code: reports.code, isPublic: reports.isPublic })
    .from(reports)
    .where(and(eq(reports.tenantId, tenantId), eq(reports.idempotencyKey, key)));
  return row ? { ...row, trackingToken: null, replayed: true } : null;
}

function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 4 && e; i++) {
    if ((e as { code?: string }).code === "23505") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function toValidationError(error: z.ZodError): ValidationError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_");
    const message = /^[a-z_]+$/.test(issue.message) ? issue.message : "invalid";
    (fieldErrors[key] ??= []).push(message);
  }
  return new ValidationError("validation", fieldErrors);
}

