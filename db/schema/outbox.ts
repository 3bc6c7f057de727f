import { sql } from "drizzle-orm";
import {
  check,
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
import { tenants } from "./tenants";
import { oneOf, tenantIdColumn, tenantPolicy } from "./_tenant";

export const OUTBOX_STATUSES = ["pending", "sent", "dead"] as const;

/**
 * Durable side effects (emails, notifications), written in the same transaction as the change that causes
 * them and delivered by a worker with retries; several instances claim rows with FOR UPDATE SKIP LOCKED.
 */
export const outbox = pgTable(
  "outbox",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** Makes enqueueing idempotent (e.g. "receipt:<report id>"). */
    dedupeKey: text("dedupe_key"),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("outbox_dedupe_key").on(t.tenantId, t.dedupeKey),
    index("outbox_pending_idx").on(t.runAfter).where(sql`status = 'pending'`),
    check("outbox_status_check", oneOf("status", OUTBOX_STATUSES)),
    tenantPolicy("outbox"),
  ],
).enableRLS();
