import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { ROLES, organisations } from "./organisation";
import { REPORT_STATUSES, reports } from "./reports";
import { tenants } from "./tenants";
import { oneOf, tenantIdColumn, tenantPolicy } from "./_tenant";


/** People following a report by email (confirmed by a link; one-click unsubscribe by token). */
export const reportFollowers = pgTable(
  "report_followers",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    reportId: uuid("report_id").notNull(),
    email: text("email").notNull(),
    userId: text("user_id"),
    /** The reporter follows their own report from the start (confirmed by the submission itself). */
    isReporter: boolean("is_reporter").notNull().default(false),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("report_followers_email_key").on(t.tenantId, t.reportId, t.email),
    foreignKey({ columns: [t.tenantId, t.reportId], foreignColumns: [reports.tenantId, reports.id] }).onDelete("cascade"),
    tenantPolicy("report_followers"),
  ],
).enableRLS();

/** "Anche io": one support per person (user id or confirmed email) per report. */
export const reportSupports = pgTable(
  "report_supports",
  {
    tenantId: tenantIdColumn(),
    reportId: uuid("report_id").notNull(),
    /** "user:<id>" or "email:<lower-case address>". */
    supporterKey: text("supporter_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.reportId, t.supporterKey] }), foreignKey({ columns: [t.tenantId, t.reportId], foreignColumns: [reports.tenantId, reports.id] }).onDelete("cascade"), tenantPolicy("report_supports")],
).enableRLS();

export const CONFIRMATION_PURPOSES = ["follow", "comment", "support", "rate", "add_info"] as const;

/**
 * Actions of citizens without an account that take effect once their email is confirmed by a link
 * (follow, comment, support) or that an emailed link authorises (rate, add information). Single use.
 */
export const emailConfirmations = pgTable(
  "email_confirmations",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    purpose: text("purpose").notNull(),
    email: text("email").notNull(),
    reportId: uuid("report_id"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("email_confirmations_token_key").on(t.tenantId, t.tokenHash),
    check("email_confirmations_purpose_check", oneOf("purpose", CONFIRMATION_PURPOSES)),
    foreignKey({ columns: [t.tenantId, t.reportId], foreignColumns: [reports.tenantId, reports.id] }).onDelete("cascade"),
    tenantPolicy("email_confirmations"),
  ],
).enableRLS();

/** The reporter's verdict on a closed report (one per report; "non è risolto" reopens it). */
export const reportRatings = pgTable(
  "report_ratings",
  {
    tenantId: tenantIdColumn(),
    reportId: uuid("report_id").notNull(),
    /**
     * The closure rated (the report's closed_at when rated): one rating per closure, so a report reopened
     * by "non è risolto" and closed again can be rated again. Rows from before this column carry the
     * report's closed_at, or their own time when the report is open.
     */
    closedAt: timestamp("closed_at", { withTimezone: true }).notNull().defaultNow(),
    score: integer("score").notNull(),
    fixed: boolean("fixed").notNull(),
    comment: text("comment"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.reportId, t.closedAt] }),
    foreignKey({ columns: [t.tenantId, t.reportId], foreignColumns: [reports.tenantId, reports.id] }).onDelete("cascade"),
    check("report_ratings_score_check", sql`score between 1 and 5`),
    tenantPolicy("report_ratings"),
  ],
).enableRLS();

/** Saved replies for staff: title, text, and optionally the state they fit. */
export const responseTemplates = pgTable(
  "response_templates",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check("response_templates_status_check", sql`status is null or ${oneOf("status", REPORT_STATUSES)}`),
    tenantPolicy("response_templates"),
  ],
).enableRLS();

/** Staff invitations: an admin invites by email with role and offices; accepted once via the link. */
export const invitations = pgTable(
  "invitations",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    email: text("email").notNull(),
    role: text("role").notNull(),
    officeIds: jsonb("office_ids").$type<string[]>().notNull().default([]),
    organisationId: uuid("organisation_id"),
    invitedBy: text("invited_by"),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("invitations_token_key").on(t.tenantId, t.tokenHash),
    index("invitations_email_idx").on(t.tenantId, t.email),
    check("invitations_role_check", oneOf("role", ROLES)),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }).onDelete("cascade"),
    tenantPolicy("invitations"),
  ],
).enableRLS();

/** API keys of a comune (Open311 POST, REST): only a sha256 hash is stored; the prefix identifies it. */
export const apiKeys = pgTable(
  "api_keys",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdBy: text("created_by"),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("api_keys_hash_key").on(t.tenantId, t.keyHash),
    tenantPolicy("api_keys"),
  ],
).enableRLS();

/**
 * Files uploaded before the report exists (photos upload with progress while the citizen types). A
 * submission claims them by id together with the uploader's key; unclaimed ones are purged after a day.
 */
export const uploads = pgTable(
  "uploads",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    kind: text("kind").notNull(),
    storageKey: text("storage_key").notNull(),
    thumbKey: text("thumb_key"),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    originalName: text("original_name"),
    /** sha256 of a secret only the uploading browser holds: nobody else can attach this file. */
    ownerKeyHash: text("owner_key_hash").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check("uploads_kind_check", oneOf("kind", ["photo", "document"])),
    tenantPolicy("uploads"),
  ],
).enableRLS();
