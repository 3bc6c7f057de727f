-- Custom SQL migration file, put your code below! --
-- What vendor staff do inside a comune's back office through support access is audited in that comune's
-- audit_events (actor_kind 'vendor' with the grant id), in the transaction of the change. Request code runs
-- as app_user, which cannot touch platform tables; this SECURITY DEFINER trigger (owned by the migrating
-- role) copies each such row into the platform audit log in that same transaction, so every vendor action
-- is in the platform log too and can never be missing from it.
CREATE OR REPLACE FUNCTION piazza_copy_support_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  INSERT INTO platform_audit_events (actor_user_id, action, target_tenant_id, data, ip, created_at)
  VALUES (
    NEW.actor_user_id,
    CASE WHEN NEW.action LIKE 'support.%' THEN NEW.action ELSE 'support.' || NEW.action END,
    NEW.tenant_id,
    NEW.data || jsonb_build_object('auditEventId', NEW.id, 'targetType', NEW.target_type, 'targetId', NEW.target_id),
    host(NEW.ip),
    NEW.created_at
  );
  RETURN NULL;
END
$fn$;--> statement-breakpoint
REVOKE ALL ON FUNCTION piazza_copy_support_audit() FROM PUBLIC;--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_events_support_to_platform ON audit_events;--> statement-breakpoint
CREATE TRIGGER audit_events_support_to_platform
  AFTER INSERT ON audit_events
  FOR EACH ROW
  WHEN (NEW.actor_kind = 'vendor' AND (NEW.data ? 'supportGrantId' OR NEW.action = 'support.session_started'))
  EXECUTE FUNCTION piazza_copy_support_audit();
