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
	if st.TxOptions() != nil || len(st.Warnings) != 0 {
		t.Fatalf("SQLite: %+v %v", st.TxOptions(), st.Warnings)
	}
}

// A PostgreSQL database in the C locale works, with a warning that Cyrillic
// case-insensitive search will not.
func TestPostgresLocaleWarning(t *testing.T) {
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
	defer admin.Close()
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	name := "fg_c_locale_" + hex.EncodeToString(b)
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
	if st.TxOptions() == nil || st.TxOptions().Isolation != sql.LevelSerializable {
		t.Fatalf("PostgreSQL writes must be serializable: %+v", st.TxOptions())
	}
}
