import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { categories } from "./categories";
import { offices, organisations } from "./organisation";
import { oneOf, tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants } from "./tenants";

export const REPORT_STATUSES = [
  "new",
  "acknowledged",
  "in_progress",
  "resolved",
  "not_competent",
  "rejected",
  "duplicate",
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const OPEN_STATUSES = ["new", "acknowledged", "in_progress"] as const satisfies readonly ReportStatus[];

export const REPORT_CHANNELS = ["web", "app", "phone", "counter", "email", "letter", "open311", "staff"] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

export const REPORT_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type ReportPriority = (typeof REPORT_PRIORITIES)[number];

export const reports = pgTable(
  "reports",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    /** Human code, unique per comune: FOS-2026-000123. */
    code: text("code").notNull(),
    categoryId: uuid("category_id").notNull(),
    officeId: uuid("office_id"),
    organisationId: uuid("organisation_id"),
    assigneeUserId: text("assignee_user_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status").$type<ReportStatus>().notNull().default("new"),
    isPublic: boolean("is_public").notNull().default(true),
    priority: text("priority").$type<ReportPriority>().notNull().default("normal"),
    channel: text("channel").$type<ReportChannel>().notNull().default("web"),
    title: text("title"),
    description: text("description").notNull(),
    /** Moderated public text; the originals stay in `title`/`description` for staff. */
    publicTitle: text("public_title"),
    publicDescription: text("public_description"),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    /** North–south strip of the position (lib/reports/geo-strips.ts): the first key of the geo index. */
    geoStrip: integer("geo_strip").generatedAlwaysAs(sql`floor(lng * 500)::int`),
    address: text("address"),
    answers: jsonb("answers").$type<Record<string, string | number | boolean>>().notNull().default({}),
    reporterUserId: text("reporter_user_id").references(() => users.id, { onDelete: "set null" }),
    reporterName: text("reporter_name"),
    reporterEmail: text("reporter_email"),
    reporterPhone: text("reporter_phone"),
    /** "Richiamare al telefono": the citizen has no email; staff call back when there is news. */
    callbackRequested: boolean("callback_requested").notNull().default(false),
    callbackPendingSince: timestamp("callback_pending_since", { withTimezone: true }),
    duplicateOfId: uuid("duplicate_of_id"),
    closeReason: text("close_reason"),
    supportCount: integer("support_count").notNull().default(0),
    rating: integer("rating"),
    idempotencyKey: text("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    dueAt: timestamp("due_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("reports_code_key").on(t.tenantId, t.code),
    // Only reports that came with a key (forms, retried API calls) are in it: a filing without one — most
    // Open311 calls, and a million reports before keys existed — adds no entry to maintain.
    uniqueIndex("reports_idempotency_key").on(t.tenantId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    // Viewport queries: one descent per strip, reading the box's latitudes (lib/reports/geo-strips.ts);
    // plain integer/float btrees stay usable under RLS (leakproof operators; STACK-NOTES.md). Migration
    // 0010 adds INCLUDE (lng, is_public, category_id, status, created_at, code, title, public_title) so
    // the map reads the index only (drizzle's index builder has no INCLUDE).
    index("reports_geo_strip_idx").on(t.tenantId, t.geoStrip, t.lat),
    index("reports_recent_idx").on(t.tenantId, t.createdAt.desc()),
    index("reports_office_status_idx").on(t.tenantId, t.officeId, t.status, t.createdAt.desc()),
    foreignKey({ columns: [t.tenantId, t.categoryId], foreignColumns: [categories.tenantId, categories.id] }),
    foreignKey({ columns: [t.tenantId, t.officeId], foreignColumns: [offices.tenantId, offices.id] }),
    foreignKey({
      columns: [t.tenantId, t.organisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }),
    foreignKey({ columns: [t.tenantId, t.duplicateOfId], foreignColumns: [t.tenantId, t.id] }),
    check("reports_status_check", oneOf("status", REPORT_STATUSES)),
    check("reports_channel_check", oneOf("channel", REPORT_CHANNELS)),
    check("reports_priority_check", oneOf("priority", REPORT_PRIORITIES)),
    check("reports_lat_check", sql`lat between -90 and 90 and lng between -180 and 180`),
    check("reports_rating_check", sql`rating is null or rating between 1 and 5`),
    // Titles are copied into the geo index (INCLUDE): bounded well under a btree entry's ~2.7 KB.
    check("reports_title_length_check", sql`char_length(title) <= 200 and char_length(public_title) <= 200`),
    tenantPolicy("reports"),
  ],
).enableRLS();

export const REPORT_EVENT_TYPES = [
  "created",
  "status_changed",
  "assigned",
  "public_reply",
  "internal_note",
  "comment",
  "category_changed",
  "merged",
  "rating",
  "moderated",
  "updated",
] as const;
export type ReportEventType = (typeof REPORT_EVENT_TYPES)[number];
export const EVENT_VISIBILITIES = ["public", "internal"] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];

/** Append-only timeline of a report: every step, with who did it and who may see it. */
export const reportEvents = pgTable(
  "report_events",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    reportId: uuid("report_id").notNull(),
    type: text("type").$type<ReportEventType>().notNull(),
    visibility: text("visibility").$type<EventVisibility>().notNull(),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Signature as shown publicly at the time ("Ufficio Manutenzioni", "Mario Rossi — Assessore"). */
    actorLabel: text("actor_label"),
    body: text("body"),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    hidden: boolean("hidden").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("report_events_report_idx").on(t.tenantId, t.reportId, t.createdAt),
    foreignKey({ columns: [t.tenantId, t.reportId], foreignColumns: [reports.tenantId, reports.id] }).onDelete(
      "cascade",
    ),
    check("report_events_type_check", oneOf("type", REPORT_EVENT_TYPES)),
    check("report_events_visibility_check", oneOf("visibility", EVENT_VISIBILITIES)),
    check("report_events_from_status_check", sql`from_status is null or ${oneOf("from_status", REPORT_STATUSES)}`),
    check("report_events_to_status_check", sql`to_status is null or ${oneOf("to_status", REPORT_STATUSES)}`),
    tenantPolicy("report_events"),
  ],
).enableRLS();

/** Photos and documents of a report or of a timeline entry; private ones are never served publicly. */
export const attachments = pgTable(
  "attachments",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    reportId: uuid("report_id").notNull(),
    eventId: uuid("event_id"),
    kind: text("kind").notNull(),
    storageKey: text("storage_key").notNull(),
    thumbKey: text("thumb_key"),
    mimeType: text("mime_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    width: integer("width"),
    height: integer("height"),
    originalName: text("original_name"),
    isPublic: boolean("is_public").notNull().default(true),
    /** Hidden by moderation: kept for staff, never served publicly. */
    hidden: boolean("hidden").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("attachments_report_idx").on(t.tenantId, t.reportId),
    foreignKey({ columns: [t.tenantId, t.reportId], foreignColumns: [reports.tenantId, reports.id] }).onDelete(
      "cascade",
    ),
    check("attachments_kind_check", oneOf("kind", ["photo", "document"])),
    foreignKey({ columns: [t.tenantId, t.eventId], foreignColumns: [reportEvents.tenantId, reportEvents.id] }).onDelete("cascade"),
    tenantPolicy("attachments"),
  ],
).enableRLS();

/** Per-comune, per-year sequence behind report codes (gap-free enough, no global sequence to shard). */
export const reportCounters = pgTable(
  "report_counters",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    value: integer("value").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] }), tenantPolicy("report_counters")],
).enableRLS();
