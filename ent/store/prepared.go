package store

import (
	"container/list"
	"context"
	"database/sql"
	"sync"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// preparedDriver runs ent's reads outside a transaction as prepared
// statements, kept by their text in a bounded cache: database/sql prepares
// each on a connection the first time it runs there and reuses it after.
//
// Why: lib/pq sends a statement with arguments as two round trips (parse
// and describe, then bind and execute) and PostgreSQL parses it again each
// time; SQLite compiles it again each time. A read of the app is a few
// statements of the same few shapes, so under load most of that work was
// repeated (README, "What a read costs"). Each execution is still planned
// for its values: PostgreSQL connections run with plan_cache_mode =
// force_custom_plan (openPool), since a generic plan made a figure six
// times slower at a million shipments.
//
// Writes and everything in a transaction run as before: a transaction's
// statements would have to be prepared on its connection again.
type preparedDriver struct {
	*entsql.Driver
	db    *sql.DB
	cache *stmtCache
}

// preparedStatements bounds the statements kept; the least recently used
// is closed when another comes. A read's statement differs by its shape
// (columns, filters, the number of IDs of an eager load), not its values.
const preparedStatements = 256

func newPreparedDriver(d string, db *sql.DB) *preparedDriver {
	return &preparedDriver{Driver: entsql.OpenDB(d, db), db: db, cache: newStmtCache(db, preparedStatements)}
}

// Query runs a read as a prepared statement.
func (d *preparedDriver) Query(ctx context.Context, query string, args, v any) error {
	rows, ok := v.(*entsql.Rows)
	argv, isList := args.([]any)
	if !ok || !isList {
		return d.Driver.Query(ctx, query, args, v)
	}
	stmt, err := d.cache.get(ctx, query)
	if err != nil {
		return err
	}
	r, err := stmt.QueryContext(ctx, argv...)
	if err != nil {
		return err
	}
	*rows = entsql.Rows{ColumnScanner: r}
	return nil
}

// Close closes the statements, then the pool.
func (d *preparedDriver) Close() error {
	d.cache.close()
	return d.Driver.Close()
}

// stmtCache is a least-recently-used cache of prepared statements.
type stmtCache struct {
	db    *sql.DB
	limit int
	mu    sync.Mutex
	order *list.List // of *cached, most recently used first
	byKey map[string]*list.Element
}

type cached struct {
	query string
	stmt  *sql.Stmt
}

func newStmtCache(db *sql.DB, limit int) *stmtCache {
	return &stmtCache{db: db, limit: limit, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the statement of query, preparing it when it is not kept.
// Two callers preparing the same text at once keep the first and close the
// second. A statement closed while rows of it are open closes when they do
// (database/sql keeps it until then).
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	if e, ok := c.byKey[query]; ok {
		c.order.MoveToFront(e)
		stmt := e.Value.(*cached).stmt
		c.mu.Unlock()
		return stmt, nil
	}
	c.mu.Unlock()
	stmt, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[query]; ok {
		_ = stmt.Close()
		c.order.MoveToFront(e)
		return e.Value.(*cached).stmt, nil
	}
	c.byKey[query] = c.order.PushFront(&cached{query: query, stmt: stmt})
	for c.order.Len() > c.limit {
		last := c.order.Back()
		old := c.order.Remove(last).(*cached)
		delete(c.byKey, old.query)
		_ = old.stmt.Close()
	}
	return stmt, nil
}

// close closes every statement kept.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for e := c.order.Front(); e != nil; e = e.Next() {
		_ = e.Value.(*cached).stmt.Close()
	}
	c.order.Init()
	c.byKey = map[string]*list.Element{}
}

var _ dialect.Driver = (*preparedDriver)(nil)
