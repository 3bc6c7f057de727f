import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { offices, organisations } from "./organisation";
import { oneOf, tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants } from "./tenants";

export const CATEGORY_VISIBILITIES = ["public", "internal"] as const;

export type ExtraQuestion = {
  code: string;
  label: string;
  type: "text" | "number" | "select" | "boolean";
  required: boolean;
  options?: string[];
};

/** Two-level category tree (Strade › Buca). Leaves route to an office and optionally an organisation. */
export const categories = pgTable(
  "categories",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    parentId: uuid("parent_id"),
    /** Stable short code (Open311 service_code), unique per comune. */
    code: text("code"),
    name: text("name").notNull(),
    nameEn: text("name_en"),
    description: text("description"),
    icon: text("icon"),
    /** "public": citizens may pick it; "internal": only staff (never shown publicly). */
    visibility: text("visibility").notNull().default("public"),
    reportsPrivateByDefault: boolean("reports_private_by_default").notNull().default(false),
    defaultOfficeId: uuid("default_office_id"),
    defaultOrganisationId: uuid("default_organisation_id"),
    slaDays: integer("sla_days"),
    commentsEnabled: boolean("comments_enabled").notNull().default(true),
    /** Notice shown when picked ("Per emergenze chiamare il 112"); blocking notices stop the submission. */
    notice: text("notice"),
    noticeBlocks: boolean("notice_blocks").notNull().default(false),
    extraQuestions: jsonb("extra_questions").$type<ExtraQuestion[]>().notNull().default([]),
    sortOrder: integer("sort_order").notNull().default(0),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("categories_code_key").on(t.tenantId, t.code),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.defaultOfficeId], foreignColumns: [offices.tenantId, offices.id] }),
    foreignKey({
      columns: [t.tenantId, t.defaultOrganisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }),
    check("categories_visibility_check", oneOf("visibility", CATEGORY_VISIBILITIES)),
    check("categories_sla_check", sql`sla_days is null or sla_days between 0 and 365`),
    tenantPolicy("categories"),
  ],
).enableRLS();

/**
 * A counter per comune that moves whenever its catalog can have changed: a trigger on categories, offices
 * and organisations bumps it in the transaction of the change (migration 0013). Processes keep the
 * catalog they read with the stamp it was read at and read only the stamp per request — one key lookup
 * instead of the catalog's join — so every process, on every machine, sees a change with the next
 * request after it commits (lib/open311/services.ts).
 */
export const catalogStamps = pgTable(
  "catalog_stamps",
  {
    tenantId: tenantIdColumn()
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    stamp: bigint("stamp", { mode: "number" }).notNull().default(1),
  },
  () => [tenantPolicy("catalog_stamps")],
).enableRLS();
