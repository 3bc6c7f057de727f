-- Custom SQL migration file, put your code below! --
-- piazza_secure_tenant_tables() runs at every start: ALTER TABLE takes an ACCESS EXCLUSIVE lock, so only
-- alter (and grant) where something is actually missing; a start with nothing to fix takes no table lock.
CREATE OR REPLACE FUNCTION piazza_secure_tenant_tables() RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  t record;
BEGIN
  IF NOT has_schema_privilege('app_user', current_schema(), 'USAGE') THEN
    EXECUTE 'GRANT USAGE ON SCHEMA ' || quote_ident(current_schema()) || ' TO app_user';
  END IF;
  FOR t IN
    SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
  LOOP
    IF NOT t.relrowsecurity THEN
      EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    END IF;
    IF NOT t.relforcerowsecurity THEN
      EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
    END IF;
    IF NOT EXISTS (
      SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t.relname
    ) THEN
      EXECUTE format(
        'CREATE POLICY %I ON %I AS PERMISSIVE FOR ALL TO app_user '
        || 'USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) '
        || 'WITH CHECK (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
        t.relname || '_tenant_isolation', t.relname);
    END IF;
    IF NOT (has_table_privilege('app_user', format('%I', t.relname), 'SELECT')
        AND has_table_privilege('app_user', format('%I', t.relname), 'INSERT')
        AND has_table_privilege('app_user', format('%I', t.relname), 'UPDATE')
        AND has_table_privilege('app_user', format('%I', t.relname), 'DELETE')) THEN
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO app_user', t.relname);
    END IF;
  END LOOP;
END
$fn$;--> statement-breakpoint
SELECT piazza_secure_tenant_tables();
