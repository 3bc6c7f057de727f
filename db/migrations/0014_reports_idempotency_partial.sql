-- Only reports filed with an idempotency key (forms, retried API calls) need the unique index: a filing
-- without one adds no entry to maintain (db/schema/reports.ts). The replay lookup (idempotency_key = $1)
-- implies "is not null", so it still uses this index.
DROP INDEX "reports_idempotency_key";--> statement-breakpoint
CREATE UNIQUE INDEX "reports_idempotency_key" ON "reports" USING btree ("tenant_id","idempotency_key") WHERE "reports"."idempotency_key" is not null;