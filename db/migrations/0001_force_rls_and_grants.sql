-- Custom SQL migration file, put your code below! --
-- drizzle-kit emits ENABLE ROW LEVEL SECURITY and the policies, but neither FORCE nor GRANTs.
-- piazza_secure_tenant_tables() makes every table with a tenant_id column tenant-isolated: RLS enabled and
-- forced (so even the owner role is subject to it unless it bypasses RLS), the standard policy present,
-- and DML granted to app_user. It is idempotent; db/engine.ts also calls it after every migration run, so a
-- table added later cannot be forgotten (and tests/integration/rls-catalog.test.ts would fail if it were).
CREATE OR REPLACE FUNCTION piazza_secure_tenant_tables() RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  t record;
BEGIN
  EXECUTE 'GRANT USAGE ON SCHEMA ' || quote_ident(current_schema()) || ' TO app_user';
  FOR t IN
    SELECT c.relname
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
    IF NOT EXISTS (
      SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t.relname
    ) THEN
      EXECUTE format(
        'CREATE POLICY %I ON %I AS PERMISSIVE FOR ALL TO app_user '
        || 'USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) '
        || 'WITH CHECK (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
        t.relname || '_tenant_isolation', t.relname);
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO app_user', t.relname);
  END LOOP;
END
$fn$;--> statement-breakpoint
SELECT piazza_secure_tenant_tables();--> statement-breakpoint
-- Tenant pages show who signed a reply: only these two columns of the platform users table.
GRANT SELECT (id, name) ON users TO app_user;
