import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { oneOf, tenantIdColumn, tenantPolicy } from "./_tenant";
import { tenants } from "./tenants";

export const BILLING_INTERVALS = ["month", "year"] as const;
export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "canceled", "unpaid", "incomplete", "incomplete_expired", "paused"] as const;

/**
 * The comune's mirror of its Stripe customer and subscription, with its Italian invoicing data.
 * Carries tenant_id, hence RLS like every tenant table (the comune's admin reads it through withTenant);
 * webhooks write it through the system handle.
 */
export const billingAccounts = pgTable(
  "billing_accounts",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    plan: text("plan"),
    interval: text("interval"),
    subscriptionStatus: text("subscription_status"),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    /** `created` of the newest event that set the comune's service status (subscription or invoice event). */
    lastEventCreated: bigint("last_event_created", { mode: "number" }),
    /** `created` of the newest event applied to the subscription snapshot (plan, interval, id, period end). */
    subscriptionEventCreated: bigint("subscription_event_created", { mode: "number" }),
    pastDueSince: timestamp("past_due_since", { withTimezone: true }),
    enteName: text("ente_name"),
    codiceFiscale: text("codice_fiscale"),
    partitaIva: text("partita_iva"),
    codiceUnivoco: text("codice_univoco"),
    pec: text("pec"),
    billingAddress: text("billing_address"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId] }),
    check("billing_accounts_interval_check", sql`interval is null or ${oneOf("interval", BILLING_INTERVALS)}`),
    tenantPolicy("billing_accounts"),
  ],
).enableRLS();

/** Invoices mirrored from Stripe. */
export const invoices = pgTable(
  "invoices",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    number: text("number"),
    status: text("status").notNull(),
    currency: text("currency").notNull(),
    amountDue: bigint("amount_due", { mode: "number" }).notNull(),
    amountPaid: bigint("amount_paid", { mode: "number" }).notNull(),
    hostedInvoiceUrl: text("hosted_invoice_url"),
    invoicePdf: text("invoice_pdf"),
    periodStart: timestamp("period_start", { withTimezone: true }),
    periodEnd: timestamp("period_end", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** `created` of the newest Stripe event applied to this invoice: older ones arriving late are ignored. */
    lastEventCreated: bigint("last_event_created", { mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("invoices_recent_idx").on(t.tenantId, t.createdAt),
    tenantPolicy("invoices"),
  ],
).enableRLS();

/** Time-limited support access of a vendor staff member to a comune's back office; visible to its admins. */
export const supportAccessGrants = pgTable(
  "support_access_grants",
  {
    tenantId: tenantIdColumn().references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    vendorUserId: text("vendor_user_id").notNull(),
    reason: text("reason").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check("support_access_reason_check", sql`length(trim(reason)) > 0`),
    tenantPolicy("support_access_grants"),
  ],
).enableRLS();
