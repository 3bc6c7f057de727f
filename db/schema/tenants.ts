import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
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
import { oneOf, tenantIdColumn, tenantPolicy } from "./_tenant";

export const TENANT_STATUSES = ["trialing", "active", "past_due", "suspended", "cancelled"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export type TenantSettings = {
  descriptionMaxLength?: number;
  commentsEnabled?: boolean;
  mfaRequired?: boolean;
  /** Set at onboarding: the boundary is a circle around the seat until the admin draws the real one. */
  areaProvisional?: boolean;
  /** Setup wizard progress (lib/onboarding/setup-progress.ts): steps saved or skipped, and when it was closed. */
  setup?: { done?: string[]; skipped?: string[]; finishedAt?: string };
};

/** Platform table: one row per comune. Reached only through db/system.ts (host lookup, onboarding, vendor). */
export const tenants = pgTable(
  "tenants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    /** Prefix of human report codes: FOS-2026-000123. */
    codePrefix: text("code_prefix").notNull(),
    istatCode: text("istat_code"),
    province: text("province"),
    region: text("region"),
    population: integer("population"),
    centreLat: doublePrecision("centre_lat").notNull(),
    centreLng: doublePrecision("centre_lng").notNull(),
    /** GeoJSON Polygon or MultiPolygon of the comune's area (lng, lat), editable by its admin (lib/geo Boundary). */
    boundary: jsonb("boundary").$type<{ type: "Polygon"; coordinates: number[][][] } | { type: "MultiPolygon"; coordinates: number[][][][] }>(),
    bboxMinLat: doublePrecision("bbox_min_lat"),
    bboxMinLng: doublePrecision("bbox_min_lng"),
    bboxMaxLat: doublePrecision("bbox_max_lat"),
    bboxMaxLng: doublePrecision("bbox_max_lng"),
    status: text("status").$type<TenantStatus>().notNull().default("trialing"),
    statusReason: text("status_reason"),
    plan: text("plan"),
    trialEndsAt: timestamp("trial_ends_at", { withTimezone: true }),
    primaryColor: text("primary_color").notNull().default("#0066cc"),
    emblemUrl: text("emblem_url"),
    settings: jsonb("settings").$type<TenantSettings>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("tenants_slug_key").on(t.slug),
    uniqueIndex("tenants_istat_code_key").on(t.istatCode),
    check("tenants_status_check", oneOf("status", TENANT_STATUSES)),
    check("tenants_slug_check", sql`slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'`),
    check("tenants_color_check", sql`primary_color ~ '^#[0-9a-fA-F]{6}$'`),
  ],
);

/** Custom domains (segnalazioni.comune.fossano.cn.it → fossano). Host is globally unique. */
export const tenantDomains = pgTable(
  "tenant_domains",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    host: text("host").notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.host] }),
    uniqueIndex("tenant_domains_host_key").on(t.host),
    index("tenant_domains_tenant_idx").on(t.tenantId),
    tenantPolicy("tenant_domains"),
  ],
).enableRLS();
