-- Map viewports read north–south strips of 0.002° of longitude (lib/reports/geo-strips.ts) instead of
-- the latitude band of the whole town: one btree descent per strip, each bounded by the box's latitudes.
-- INCLUDE makes the public map an index-only scan (no heap page per feature); titles are bounded so the
-- entries stay small. Measured in docs/BENCHMARKS.md. drizzle-kit knows this index by name and columns;
-- the INCLUDE list is added here.
DROP INDEX IF EXISTS "reports_geo_idx";--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN IF NOT EXISTS "geo_strip" integer GENERATED ALWAYS AS (floor(lng * 500)::int) STORED;--> statement-breakpoint
DROP INDEX IF EXISTS "reports_geo_strip_idx";--> statement-breakpoint
CREATE INDEX "reports_geo_strip_idx" ON "reports" USING btree ("tenant_id","geo_strip","lat")
  INCLUDE ("lng", "is_public", "category_id", "status", "created_at", "code", "title", "public_title");--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_title_length_check" CHECK (char_length(title) <= 200 and char_length(public_title) <= 200);
