import { check, index, inet, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { oneOf, tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants } from "./tenants";

export const ACTOR_KINDS = ["staff", "citizen", "vendor", "system", "api"] as const;

/** Every back-office write leaves one row here, in the same transaction as the change. */
export const auditEvents = pgTable(
  "audit_events",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    actorUserId: text("actor_user_id"),
    actorKind: text("actor_kind").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ip: inet("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("audit_events_recent_idx").on(t.tenantId, t.createdAt.desc()),
    check("audit_events_actor_kind_check", oneOf("actor_kind", ACTOR_KINDS)),
    tenantPolicy("audit_events"),
  ],
).enableRLS();
