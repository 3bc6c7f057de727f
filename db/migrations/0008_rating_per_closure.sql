-- One rating per closure: ratings are keyed by the closure they judge (the report's closed_at then).
-- Existing rows: the report's closed_at when it is still closed, else (reopened by "non è risolto") the
-- rating's own time.
ALTER TABLE "report_ratings" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
UPDATE "report_ratings" rr SET "closed_at" = coalesce(r."closed_at", rr."created_at") FROM "reports" r WHERE r."tenant_id" = rr."tenant_id" AND r."id" = rr."report_id";--> statement-breakpoint
UPDATE "report_ratings" SET "closed_at" = "created_at" WHERE "closed_at" IS NULL;--> statement-breakpoint
ALTER TABLE "report_ratings" ALTER COLUMN "closed_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "report_ratings" ALTER COLUMN "closed_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "report_ratings" DROP CONSTRAINT "report_ratings_tenant_id_report_id_pk";--> statement-breakpoint
ALTER TABLE "report_ratings" ADD CONSTRAINT "report_ratings_tenant_id_report_id_closed_at_pk" PRIMARY KEY("tenant_id","report_id","closed_at");--> statement-breakpoint
ALTER TABLE "dev_mailbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;
