ALTER TABLE "billing_accounts" ADD COLUMN "subscription_event_created" bigint;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "last_event_created" bigint;