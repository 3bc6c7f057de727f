import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Platform tables: not tenant-scoped, reached only through db/system.ts. Where they point at a comune the
 * column is named target_tenant_id/created_tenant_id on purpose: "tenant_id" means "RLS-isolated row".
 */

/** Fixed-window counters behind the rate limits of public endpoints (shared by all app instances). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
});

/** Development mailbox: every email the app would send, when no RESEND_API_KEY is configured. */
export const devMailbox = pgTable(
  "dev_mailbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tenantSlug: text("tenant_slug"),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    tags: jsonb("tags").$type<Record<string, string>>().notNull().default({}),
    /** Extra headers as Resend would send them (List-Unsubscribe…), so tests can read them. */
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("dev_mailbox_to_idx").on(t.to, t.createdAt)],
);

/** Stripe events already processed (replays are no-ops). */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  objectCreated: bigint("object_created", { mode: "number" }),
  processedAt: timestamp("processed_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every action of vendor staff, across comuni. */
export const platformAuditEvents = pgTable(
  "platform_audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorUserId: text("actor_user_id"),
    action: text("action").notNull(),
    targetTenantId: uuid("target_tenant_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("platform_audit_recent_idx").on(t.createdAt), index("platform_audit_tenant_idx").on(t.targetTenantId)],
);

/** Self-service sign-ups waiting for email confirmation; the comune is created when confirmed. */
export const onboardingRequests = pgTable(
  "onboarding_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    istatCode: text("istat_code").notNull(),
    slug: text("slug").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdTenantId: uuid("created_tenant_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
);
