CREATE TABLE "catalog_stamps" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"stamp" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_stamps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "catalog_stamps" ADD CONSTRAINT "catalog_stamps_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "catalog_stamps_tenant_isolation" ON "catalog_stamps" AS PERMISSIVE FOR ALL TO "app_user" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The catalog stamp moves in the transaction of every change to a comune's categories, offices or
-- organisations (what the Open311 catalog and report routing read), so a process holding the catalog of an
-- older stamp reads it again on its next request (lib/open311/services.ts). Runs as the writer (app_user in
-- its comune: RLS admits only that comune's stamp). A delete only moves an existing stamp: when a comune
-- itself is deleted its stamp may already be gone, and nothing must be created for it then.
CREATE OR REPLACE FUNCTION piazza_bump_catalog_stamp() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE catalog_stamps SET stamp = stamp + 1 WHERE tenant_id = OLD.tenant_id;
  ELSE
    INSERT INTO catalog_stamps (tenant_id) VALUES (NEW.tenant_id)
    ON CONFLICT (tenant_id) DO UPDATE SET stamp = catalog_stamps.stamp + 1;
  END IF;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER categories_catalog_stamp AFTER INSERT OR UPDATE OR DELETE ON categories
  FOR EACH ROW EXECUTE FUNCTION piazza_bump_catalog_stamp();--> statement-breakpoint
CREATE TRIGGER offices_catalog_stamp AFTER INSERT OR UPDATE OR DELETE ON offices
  FOR EACH ROW EXECUTE FUNCTION piazza_bump_catalog_stamp();--> statement-breakpoint
CREATE TRIGGER organisations_catalog_stamp AFTER INSERT OR UPDATE OR DELETE ON organisations
  FOR EACH ROW EXECUTE FUNCTION piazza_bump_catalog_stamp();--> statement-breakpoint
INSERT INTO catalog_stamps (tenant_id) SELECT id FROM tenants ON CONFLICT (tenant_id) DO NOTHING;
