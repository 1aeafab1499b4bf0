-- The audit log is append-only in the database too: any UPDATE or DELETE of its rows is refused,
-- whoever runs it (including the ON DELETE SET NULL of its foreign key: employees are never deleted;
-- `npm run forget` anonymises them instead, and audit rows hold only ids). TRUNCATE, a table
-- owner's statement, is left to operators (the seed uses it to empty a scratch database).
CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only
BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
