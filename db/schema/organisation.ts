import {
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { oneOf, tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants } from "./tenants";

/** Offices of the comune (Manutenzioni, Ambiente, Polizia Locale, URP…): reports are routed to them. */
export const offices = pgTable(
  "offices",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    headName: text("head_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("offices_name_key").on(t.tenantId, t.name),
    tenantPolicy("offices"),
  ],
).enableRLS();

export const ORGANISATION_KINDS = [
  "contractor",
  "utility",
  "police",
  "school",
  "association",
  "committee",
  "public_body",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** External bodies: contractors, utilities, police, schools, associations, committees. */
export const organisations = pgTable(
  "organisations",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").$type<OrganisationKind>().notNull(),
    email: text("email"),
    phone: text("phone"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check("organisations_kind_check", oneOf("kind", ORGANISATION_KINDS)),
    tenantPolicy("organisations"),
  ],
).enableRLS();

export const ROLES = ["admin", "supervisor", "operator", "politician", "external"] as const;
export type Role = (typeof ROLES)[number];

/** A user's role in one comune; externals belong to an organisation. */
export const memberships = pgTable(
  "memberships",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<Role>().notNull(),
    /** Job title shown when signing public replies ("Responsabile Ufficio Manutenzioni"). */
    title: text("title"),
    organisationId: uuid("organisation_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    check("memberships_role_check", oneOf("role", ROLES)),
    foreignKey({
      columns: [t.tenantId, t.organisationId],
      foreignColumns: [organisations.tenantId, organisations.id],
    }),
    tenantPolicy("memberships"),
  ],
).enableRLS();

/** Which offices an operator works in (an operator may serve several). */
export const membershipOffices = pgTable(
  "membership_offices",
  {
    tenantId: tenantIdColumn(),
    userId: text("user_id").notNull(),
    officeId: uuid("office_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.officeId] }),
    foreignKey({
      columns: [t.tenantId, t.userId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.officeId], foreignColumns: [offices.tenantId, offices.id] }).onDelete(
      "cascade",
    ),
    tenantPolicy("membership_offices"),
  ],
).enableRLS();
