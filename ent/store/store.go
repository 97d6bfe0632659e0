// Package store opens the database: PostgreSQL when given a PostgreSQL DSN,
// otherwise an embedded SQLite file (pure Go, no cgo). It migrates the schema
// and installs the domain rules, so every client it returns is ready to use.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq"  // PostgreSQL driver
	_ "modernc.org/sqlite" // SQLite driver, pure Go

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
	_ "github.com/freightgraph/freightgraph/ent/runtime" // schema defaults, validators and hooks
	"github.com/freightgraph/freightgraph/ent/shipment"
)

// Store is an open database.
type Store struct {
	Client  *ent.Client
	DB      *sql.DB
	Dialect string
	// Warnings name what works, but not as well as it should, on this
	// database; the server logs them at start.
	Warnings []string
	writes   *Writes
}

// Option adjusts how a store is opened.
type Option func(*options)

type options struct {
	wrap     func(dialect.Driver) dialect.Driver
	migrated bool
}

// Migrated skips ent's schema migration, which reads the whole catalogue to
// compare it with the schema: for a database copied from one this build has
// just migrated, as the test suite copies a migrated template for each test.
// Everything else Open does still runs.
func Migrated() Option {
	return func(o *options) { o.migrated = true }
}

// WithDriver wraps the ent driver, for instance to count statements in
// tests; given more than once, the first wraps innermost.
func WithDriver(wrap func(dialect.Driver) dialect.Driver) Option {
	return func(o *options) {
		if prev := o.wrap; prev != nil {
			o.wrap = func(d dialect.Driver) dialect.Driver { return wrap(prev(d)) }
			return
		}
		o.wrap = wrap
	}
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") ||
		strings.Contains(dsn, "host=") || strings.Contains(dsn, "dbname=")
}

// SQLiteDSN is the DSN of the SQLite file at path: foreign keys on, WAL so
// readers never wait for the writer, a busy timeout instead of "database is
// locked", write transactions that take the write lock at BEGIN (so two
// writers queue up instead of failing to upgrade), and times stored in a
// sortable UTC text form that SQLite's date functions read.
func SQLiteDSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	return "file:" + path + "?" + q.Encode()
}

// Open opens and migrates the database named by dsn: a PostgreSQL DSN, or
// the path of a SQLite file (its folder is created).
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	s := &Store{Dialect: dialect.SQLite}
	var err error
	if IsPostgres(dsn) {
		s.Dialect = dialect.Postgres
		if s.DB, err = sql.Open("postgres", dsn); err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		s.DB.SetMaxOpenConns(20)
		s.DB.SetMaxIdleConns(10)
	} else {
		registerUnicodeCase()
		if dir := filepath.Dir(dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create data directory: %w", err)
			}
		}
		if s.DB, err = sql.Open("sqlite", SQLiteDSN(dsn)); err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
		s.DB.SetMaxOpenConns(8)
	}
	s.DB.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.DB.PingContext(pingCtx); err != nil {
		s.DB.Close()
		return nil, fmt.Errorf("connect to %s: %w", s.Dialect, err)
	}
	var drv dialect.Driver = entsql.OpenDB(s.Dialect, s.DB)
	if o.wrap != nil {
		drv = o.wrap(drv)
	}
	s.Client = ent.NewClient(ent.Driver(drv))
	s.writes = newWrites(s.Client, s.Dialect)
	if !o.migrated {
		if err := s.Client.Schema.Create(ctx); err != nil {
			s.DB.Close()
			return nil, fmt.Errorf("migrate schema: %w", err)
		}
	}
	if err := calendar.Backfill(ctx, s.DB, s.Dialect, shipment.Table, shipment.FieldPlannedPickup, shipment.FieldPickupMonth); err != nil {
		s.DB.Close()
		return nil, fmt.Errorf("store the months of older shipments: %w", err)
	}
	if err := appendOnlyTrail(ctx, s.DB, s.Dialect); err != nil {
		s.DB.Close()
		return nil, fmt.Errorf("protect the audit trail: %w", err)
	}
	rule.Register(s.Client)
	if err := rebuildTotalsIfEmpty(ctx, s.Client); err != nil {
		s.DB.Close()
		return nil, err
	}
	if s.Dialect == dialect.Postgres {
		// case-insensitive filters use lower() and ILIKE, which fold only
		// ASCII in a database created with the C locale
		var folds bool
		if err := s.DB.QueryRowContext(ctx, "SELECT lower('ЁЛКА') = 'ёлка'").Scan(&folds); err == nil && !folds {
			s.Warnings = append(s.Warnings, "this PostgreSQL database does not fold Cyrillic case (its locale is C): searches such as nameContainsFold will miss Cyrillic matches; create the database with a UTF-8 locale, e.g. LC_CTYPE 'C.UTF-8'")
		}
	}
	return s, nil
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.DB.PingContext(ctx) }

// Close closes the database.
func (s *Store) Close() error { return s.Client.Close() }

// rebuildTotalsIfEmpty fills the monthly rollup of a database whose
// shipments were written before it existed (report.RebuildTotals).
func rebuildTotalsIfEmpty(ctx context.Context, c *ent.Client) error {
	ctx = rule.System(ctx, "store:totals")
	totals, err := c.ShipmentTotal.Query().Exist(ctx)
	if err != nil {
		return err
	}
	months, err := c.ClientMonth.Query().Exist(ctx)
	if err != nil || totals && months {
		return err
	}
	shipments, err := c.Shipment.Query().Exist(ctx)
	if err != nil || !shipments {
		return err
	}
	tx, err := c.Tx(ctx)
	if err != nil {
		return err
	}
	if err := report.RebuildTotals(ctx, tx.Client()); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
