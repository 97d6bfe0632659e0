package store

import (
	"context"
	"database/sql"

	"entgo.io/ent/dialect"
)

// appendOnlyTrail makes the database itself refuse to change or delete an
// audit entry, whatever client sends the statement: the rules refuse it in
// ent (rule.appendOnly), and this holds for everything else that connects.
// Removing the trigger takes DDL rights, which the application needs only to
// migrate.
func appendOnlyTrail(ctx context.Context, db *sql.DB, d string) error {
	var stmts []string
	switch d {
	case dialect.Postgres:
		stmts = []string{
			`CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the audit trail is append-only';
END $$`,
			`DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries`,
			`CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
	FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`,
			`DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries`,
			`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
	FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`,
		}
	default:
		stmts = []string{
			`CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
	BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
			`CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
	BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
		}
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
