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
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"    // PostgreSQL driver
	_ "modernc.org/sqlite" // SQLite driver, pure Go

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/live"
	"github.com/freightgraph/freightgraph/ent/migrate"
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
	// Live tells the open subscriptions what each write committed
	// (ent/live): every process's on PostgreSQL, this one's on SQLite.
	Live   *live.Hub
	writes *Writes
	shares *shares
}

// Option adjusts how a store is opened.
type Option func(*options)

type options struct {
	wrap             func(dialect.Driver) dialect.Driver
	inner            func(dialect.Driver) dialect.Driver
	migrated         bool
	share            *Share
	statementTimeout time.Duration
}

// WithSharedDriver wraps the driver inside the fair share (share.go): what
// the wrapper does happens while the statement holds its viewer's slot,
// where WithDriver's happens before it waits for one. For tests.
func WithSharedDriver(wrap func(dialect.Driver) dialect.Driver) Option {
	return func(o *options) { o.inner = wrap }
}

// PoolShare sets how the pool is shared between viewers (see Share); the
// default is DefaultShare of the pool's size.
func PoolShare(s Share) Option {
	return func(o *options) { o.share = &s }
}

// StatementTimeout bounds every statement of the server's requests on
// PostgreSQL (its statement_timeout, set on each connection of the pool):
// a backstop behind the request's own deadline, which cancels the
// statement it cuts short. The schema's migration and the upkeep Open does
// run before it applies, whatever they take.
func StatementTimeout(d time.Duration) Option {
	return func(o *options) { o.statementTimeout = d }
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
// the path (or file: URI) of a SQLite file (its folder is created).
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	s := &Store{Dialect: dialect.SQLite}
	if IsPostgres(dsn) {
		s.Dialect = dialect.Postgres
	} else {
		registerUnicodeCase()
		// a SQLite URI ("file:/tmp/x.db?mode=rwc") names the file at its
		// path: taken as a path itself it made a folder called "file:"
		// (the pragmas are ours, SQLiteDSN)
		dsn, _, _ = strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
		if dir := filepath.Dir(dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create data directory: %w", err)
			}
		}
	}
	// the upkeep below may take long on a large database (a migration, a
	// backfill, the rollups' first build), so it runs on a pool of its own
	// without the requests' statement timeout
	db, err := openPool(ctx, s.Dialect, dsn, 0)
	if err != nil {
		return nil, err
	}
	if err := upkeep(ctx, db, s.Dialect, o); err != nil {
		db.Close()
		return nil, err
	}
	if o.statementTimeout > 0 && s.Dialect == dialect.Postgres {
		db.Close()
		if db, err = openPool(ctx, s.Dialect, dsn, o.statementTimeout); err != nil {
			return nil, err
		}
	}
	s.DB = db
	share := DefaultShare(poolSize(s.Dialect))
	if o.share != nil {
		share = *o.share
	}
	s.shares = newShares(poolSize(s.Dialect), share)
	s.Client = newClient(s.Dialect, db, s.shares, o)
	if s.Dialect == dialect.Postgres {
		if s.Live, err = live.Listen(dsn, nil); err != nil {
			db.Close()
			return nil, fmt.Errorf("listen for changes: %w", err)
		}
	} else {
		s.Live = live.NewHub()
	}
	s.Live.Install(s.Client)
	s.writes = newWrites(s.Client, s.Dialect, s.shares, s.Live)
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

// poolSize is how many connections the pool holds: PostgreSQL serves each
// on a process of its own; SQLite's readers share one file in WAL mode and
// its writers take turns.
func poolSize(d string) int {
	if d == dialect.Postgres {
		return 20
	}
	return 8
}

// openPool opens the connection pool. On PostgreSQL each connection starts
// with jit off and, when timeout is given, statement_timeout: the settings
// the DSN names itself are left as it says.
func openPool(ctx context.Context, d, dsn string, timeout time.Duration) (*sql.DB, error) {
	var db *sql.DB
	if d == dialect.Postgres {
		cfg, err := pq.NewConfig(dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		if cfg.Runtime == nil {
			cfg.Runtime = map[string]string{}
		}
		// PostgreSQL compiles the plan of a costly statement with LLVM, and
		// a compilation cannot be cancelled: a filter of many terms spent
		// its whole deadline compiling and ran on long after it (80 s for
		// a 15 s deadline). Our statements are short and planned afresh, so
		// compiling never paid.
		if _, set := cfg.Runtime["jit"]; !set {
			cfg.Runtime["jit"] = "off"
		}
		// Reads run as prepared statements (prepared.go), to skip parsing
		// and a round trip; each execution is still planned for its own
		// values. PostgreSQL's default would switch a statement to a
		// generic plan after five runs when that looks no costlier, and
		// for bad compromises at a million shipments it was not: 1.76 s
		// against 0.29 s planned each time.
		if _, set := cfg.Runtime["plan_cache_mode"]; !set {
			cfg.Runtime["plan_cache_mode"] = "force_custom_plan"
		}
		if _, set := cfg.Runtime["statement_timeout"]; !set && timeout > 0 {
			cfg.Runtime["statement_timeout"] = strconv.FormatInt(timeout.Milliseconds(), 10)
		}
		connector, err := pq.NewConnectorConfig(cfg)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db = sql.OpenDB(connector)
		db.SetMaxIdleConns(10)
	} else {
		var err error
		if db, err = sql.Open("sqlite", SQLiteDSN(dsn)); err != nil {
			return nil, fmt.Errorf("open sqlite: %w", err)
		}
	}
	db.SetMaxOpenConns(poolSize(d))
	db.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s: %w", d, err)
	}
	return db, nil
}

// newClient is the ent client over db: its statements take their viewer's
// share of the pool, and the domain rules are installed.
func newClient(d string, db *sql.DB, sh *shares, o options) *ent.Client {
	var pool dialect.Driver = newPreparedDriver(d, db)
	if o.inner != nil {
		pool = o.inner(pool)
	}
	var drv dialect.Driver = &sharedDriver{Driver: pool, shares: sh}
	if o.wrap != nil {
		drv = o.wrap(drv)
	}
	c := ent.NewClient(ent.Driver(drv))
	rule.Register(c)
	return c
}

// upkeep brings the database to this build: the schema migrated, older
// shipments' months and older records' search keys stored, older
// assignments' English notes made references, the audit trail protected,
// the rollups built when they are empty.
func upkeep(ctx context.Context, db *sql.DB, d string, o options) error {
	c := newClient(d, db, newShares(poolSize(d), DefaultShare(poolSize(d))), options{})
	if !o.migrated {
		if err := c.Schema.Create(ctx); err != nil {
			return fmt.Errorf("migrate schema: %w", err)
		}
	}
	if err := calendar.Backfill(ctx, db, d, shipment.Table, shipment.FieldPlannedPickup, shipment.FieldPickupMonth); err != nil {
		return fmt.Errorf("store the months of older shipments: %w", err)
	}
	if err := backfillSearchKeys(ctx, db, d); err != nil {
		return err
	}
	if err := assignmentNotes(ctx, db, d); err != nil {
		return err
	}
	if err := appendOnlyTrail(ctx, db, d); err != nil {
		return fmt.Errorf("protect the audit trail: %w", err)
	}
	if err := report.SplitSums(ctx, c); err != nil {
		return err
	}
	return rebuildTotalsIfEmpty(ctx, c)
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.DB.PingContext(ctx) }

// Close closes the database.
func (s *Store) Close() error {
	s.Live.Close()
	return s.Client.Close()
}

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

// Sizes estimates the rows of every table, by table name: the span of its
// IDs (ent's IDs grow by one in each table's own range), which two index
// lookups a table give at any size, never stale; rows deleted since count
// still, so it errs high. The API's guard weighs a filter by the size of
// the tables it tests (graph/guard/filter.go). It reads the pool directly,
// not through ent: no statement of a request's is added to it.
func (s *Store) Sizes(ctx context.Context) (map[string]int, error) {
	parts := make([]string, 0, len(migrate.Tables))
	for _, t := range migrate.Tables {
		if t.Columns[0].Name == "id" {
			parts = append(parts, fmt.Sprintf("SELECT '%s', COALESCE(MAX(id) - MIN(id) + 1, 0) FROM %s", t.Name, t.Name))
		}
	}
	rows, err := s.DB.QueryContext(ctx, strings.Join(parts, " UNION ALL "))
	if err != nil {
		return nil, fmt.Errorf("table sizes: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			return nil, fmt.Errorf("table sizes: %w", err)
		}
		out[name] = int(n)
	}
	return out, rows.Err()
}
