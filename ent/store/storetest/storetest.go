// Package storetest gives each test a database of its own, on SQLite and on
// the PostgreSQL server of FREIGHTGRAPH_TEST_POSTGRES, for the test suites
// of every package that opens a store.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/seed"
	"github.com/freightgraph/freightgraph/ent/store"
)

// Every test has a database of its own, but the schema is migrated once per
// test process: a migration reads and compares the whole catalogue (a
// command opening a fresh PostgreSQL database took 0.17 s here, 0.10 s on
// one already migrated), and the suite opens some two hundred databases;
// copying a template took graph/server from 123 s to 75 s before its tests
// ran in parallel. Each test gets a copy of a migrated template instead: on SQLite
// a copy of the file, on PostgreSQL CREATE DATABASE … TEMPLATE (about 50 ms),
// dropped when the test ends. The templates are made on first use, so a run
// of one test that needs neither makes neither.

// Main runs a package's tests and then removes the templates it made: call
// it from TestMain.
func Main(m *testing.M) {
	if _, err := calendar.Clock(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	templates.remove()
	os.Exit(code)
}

// templates holds how to remove each template made so far.
var templates cleanups

type cleanups struct {
	mu  sync.Mutex
	fns []func()
}

func (c *cleanups) add(f func()) { c.mu.Lock(); c.fns = append(c.fns, f); c.mu.Unlock() }

func (c *cleanups) remove() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, f := range c.fns {
		f()
	}
}

// sqliteTemplate is a migrated SQLite file: the write-ahead log folded in,
// so the file alone is the whole database.
var sqliteTemplate = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "freightgraph-test-")
	if err != nil {
		return "", err
	}
	templates.add(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "template.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		return "", fmt.Errorf("migrate the SQLite template: %w", err)
	}
	if _, err := st.DB.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		st.Close()
		return "", err
	}
	return path, st.Close()
})

// SQLite copies the migrated template into the test's own folder.
func SQLite(t testing.TB) string {
	t.Helper()
	src, err := sqliteTemplate()
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "test.db")
	if err := copyFile(src, dst); err != nil {
		t.Fatalf("copy the SQLite template: %v", err)
	}
	return dst
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// PostgresDSN is the PostgreSQL server the suites also run against. Without
// it the PostgreSQL half is skipped, except under CI=true, where it fails.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("FREIGHTGRAPH_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("FREIGHTGRAPH_TEST_POSTGRES is not set: under CI=true the PostgreSQL suite must run")
		}
		t.Skip("PostgreSQL skipped: set FREIGHTGRAPH_TEST_POSTGRES to a DSN (make test does) to run this suite on PostgreSQL too")
	}
	return dsn
}

// postgresServer is the PostgreSQL server of FREIGHTGRAPH_TEST_POSTGRES,
// reached through the database the DSN names, and the prefix of the
// databases this process creates there: that database's name (folded to
// what an unquoted name may hold) and a random tag, so that concurrent test
// processes never meet, and .ci/test drops whatever a killed run left
// behind with its throwaway database.
var postgresServer = sync.OnceValues(func() (*pgServer, error) {
	dsn := os.Getenv("FREIGHTGRAPH_TEST_POSTGRES")
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	var current string
	if err := db.QueryRow("SELECT current_database()").Scan(&current); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to FREIGHTGRAPH_TEST_POSTGRES: %w", err)
	}
	tag := make([]byte, 4)
	_, _ = rand.Read(tag)
	s := &pgServer{dsn: dsn, db: db, prefix: namePrefix(current) + "_" + hex.EncodeToString(tag)}
	s.template = s.prefix + "_template"
	if _, err := db.Exec("CREATE DATABASE " + s.template); err != nil {
		db.Close()
		return nil, fmt.Errorf("create the template database: %w", err)
	}
	templates.add(func() {
		_, _ = db.Exec("DROP DATABASE IF EXISTS " + s.template + " WITH (FORCE)")
		db.Close()
	})
	st, err := store.Open(context.Background(), s.dsnOf(s.template))
	if err != nil {
		return s, fmt.Errorf("migrate the PostgreSQL template: %w", err)
	}
	return s, st.Close() // a template is copied only while nobody is connected to it
})

// namePrefix is name as a database name needs no quoting: lower case,
// letters, digits and underscores, short enough that the names made from
// it stay within PostgreSQL's 63 bytes.
func namePrefix(name string) string {
	var b strings.Builder
	if name == "" || name[0] >= '0' && name[0] <= '9' {
		b.WriteString("t_") // a name begins with a letter
	}
	for _, r := range strings.ToLower(name) {
		if b.Len() == 40 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

type pgServer struct {
	dsn, prefix, template string
	db                    *sql.DB
	clones                atomic.Int64
	// one CREATE DATABASE at a time: each copies the template's files
	creating sync.Mutex
}

// dsnOf is the test DSN with its database replaced by name.
func (s *pgServer) dsnOf(name string) string {
	if strings.HasPrefix(s.dsn, "postgres://") || strings.HasPrefix(s.dsn, "postgresql://") {
		u, err := url.Parse(s.dsn)
		if err != nil {
			panic(err) // it connected a moment ago
		}
		u.Path = "/" + name
		return u.String()
	}
	return s.dsn + " dbname=" + name // the last of a key wins
}

// Postgres creates a database of the test's own from the migrated template
// and drops it when the test ends.
func Postgres(t testing.TB) string {
	t.Helper()
	PostgresDSN(t) // skipped, or failed under CI=true, without one
	s, err := postgresServer()
	if err != nil {
		t.Fatal(err)
	}
	return s.create(t, "TEMPLATE "+s.template)
}

// EmptyPostgres creates an empty database of the test's own, for a test of
// what migrates one, and drops it when the test ends.
func EmptyPostgres(t testing.TB) string {
	t.Helper()
	PostgresDSN(t)
	s, err := postgresServer()
	if err != nil {
		t.Fatal(err)
	}
	return s.create(t, "")
}

func (s *pgServer) create(t testing.TB, options string) string {
	t.Helper()
	name := fmt.Sprintf("%s_%d", s.prefix, s.clones.Add(1))
	s.creating.Lock()
	_, err := s.db.Exec("CREATE DATABASE " + name + " " + options)
	s.creating.Unlock()
	if err != nil {
		t.Fatalf("create a test database: %v", err)
	}
	t.Cleanup(func() {
		if _, err := s.db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	return s.dsnOf(name)
}

// Seeded opens a database of the test's own of kind ("sqlite" or
// "postgres"), filled with the generated data of that many shipments
// (ent/seed, analyzed as every bulk load is), and closes it when the test
// ends.
func Seeded(t testing.TB, kind string, shipments int) *store.Store {
	t.Helper()
	dsn := ""
	switch kind {
	case "sqlite":
		dsn = SQLite(t)
	case "postgres":
		dsn = Postgres(t)
	default:
		t.Fatalf("no database kind %q", kind)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, store.Migrated())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := seed.Load(ctx, st.DB, st.Dialect, seed.Scaled(shipments), calendar.Now()); err != nil {
		t.Fatal(err)
	}
	return st
}
