package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/freightgraph/freightgraph/ent/audit"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/rule"
)

func TestSQLiteIsTunedAndFoldsUnicode(t *testing.T) {
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "sub", "fg.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for pragma, want := range map[string]string{"foreign_keys": "1", "journal_mode": "wal", "busy_timeout": "10000"} {
		var got string
		if err := st.DB.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q (%v), want %q", pragma, got, err, want)
		}
	}
	var lower, upper string
	if err := st.DB.QueryRow("SELECT lower('ЁЛКА Straße'), upper('ёлка')").Scan(&lower, &upper); err != nil || lower != "ёлка straße" || upper != "ЁЛКА" {
		t.Fatalf("lower/upper: %q %q %v", lower, upper, err)
	}
	if w := st.Writes(); w.opts != nil || w.locks || w.turn == nil || len(st.Warnings) != 0 {
		t.Fatalf("SQLite: %+v %v", w, st.Warnings)
	}
}

// The database itself refuses to change or delete an audit entry, whoever
// sends the statement; opening the store twice keeps the protection.
func TestAuditTrailIsAppendOnly(t *testing.T) {
	check := func(t *testing.T, dsn string) {
		ctx := context.Background()
		for range 2 {
			st, err := Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
		}
		st, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		e, err := st.Client.AuditEntry.Create().SetOperation("test").SetAction(enum.AuditCreate).SetRecordType("Carrier").
			SetRecordID(1).SetChanges([]audit.Change{}).Save(rule.System(ctx, "test"))
		if err != nil {
			t.Fatal(err)
		}
		refused := []string{"UPDATE audit_entries SET operation = 'forged'", "DELETE FROM audit_entries"}
		if st.Dialect == dialect.Postgres {
			refused = append(refused, "TRUNCATE audit_entries")
		}
		for _, q := range refused {
			if _, err := st.DB.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if got, err := st.Client.AuditEntry.Get(rule.System(ctx, "test"), e.ID); err != nil || got.Operation != "test" {
			t.Fatalf("the entry after the attempts: %+v %v", got, err)
		}
	}
	onBothDatabases(t, "fg_audit_", check)
}

// A PostgreSQL database in the C locale works, with a warning that Cyrillic
// case-insensitive search will not.
func TestPostgresLocaleWarning(t *testing.T) {
	dsn, admin := postgres(t)
	name := "fg_c_locale_" + suffix()
	if _, err := admin.Exec("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	st, err := Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if len(st.Warnings) != 1 || !strings.Contains(st.Warnings[0], "Cyrillic") {
		t.Fatalf("warnings: %v", st.Warnings)
	}
	if w := st.Writes(); w.opts == nil || w.opts.Isolation != sql.LevelReadCommitted || !w.locks || w.turn != nil {
		t.Fatalf("PostgreSQL writes run READ COMMITTED with row locks: %+v", w)
	}
}

// postgres returns the test server's DSN and a connection to it (closed
// after the test), or skips the test without one, except under CI=true.
func postgres(t *testing.T) (string, *sql.DB) {
	dsn := os.Getenv("FREIGHTGRAPH_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("FREIGHTGRAPH_TEST_POSTGRES is not set: under CI=true the PostgreSQL tests must run")
		}
		t.Skip("PostgreSQL skipped: set FREIGHTGRAPH_TEST_POSTGRES")
	}
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	return dsn, admin
}

// onBothDatabases runs check on a fresh SQLite file and on a fresh schema
// (named prefix + a random suffix, dropped afterwards) of the test server.
func onBothDatabases(t *testing.T, prefix string, check func(t *testing.T, dsn string)) {
	t.Run("sqlite", func(t *testing.T) { check(t, filepath.Join(t.TempDir(), "fg.db")) })
	t.Run("postgres", func(t *testing.T) {
		dsn, admin := postgres(t)
		schema := prefix + suffix()
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			t.Fatal(err)
		}
		defer admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		check(t, u.String())
	})
}

// suffix makes a name unique to one test run.
func suffix() string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
