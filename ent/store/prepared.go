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
	stmt, done, err := d.cache.get(ctx, query)
	if err != nil {
		return err
	}
	r, err := stmt.QueryContext(ctx, argv...)
	done()
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

// stmtCache is a least-recently-used cache of prepared statements. An
// entry in use (between get and the end of its QueryContext) is closed only
// once its last user is done, and never while the cache's lock is held:
// closing waits for the statement's running calls.
type stmtCache struct {
	db    *sql.DB
	limit int
	mu    sync.Mutex
	order *list.List // of *cached, most recently used first
	byKey map[string]*list.Element
}

type cached struct {
	query   string
	stmt    *sql.Stmt
	users   int  // callers between get and done
	evicted bool // out of the cache: closed when users reach 0
}

func newStmtCache(db *sql.DB, limit int) *stmtCache {
	return &stmtCache{db: db, limit: limit, order: list.New(), byKey: map[string]*list.Element{}}
}

// get returns the statement of query, preparing it when it is not kept,
// and done, which the caller calls once its call on the statement has
// returned (rows it opened may stay open: database/sql closes the
// statement after them). Two callers preparing the same text at once keep
// the first and close the second.
func (c *stmtCache) get(ctx context.Context, query string) (stmt *sql.Stmt, done func(), err error) {
	c.mu.Lock()
	if e, ok := c.byKey[query]; ok {
		c.order.MoveToFront(e)
		entry := e.Value.(*cached)
		entry.users++
		c.mu.Unlock()
		return entry.stmt, func() { c.done(entry) }, nil
	}
	c.mu.Unlock()
	prepared, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, nil, err
	}
	var closing []*sql.Stmt
	c.mu.Lock()
	var entry *cached
	if e, ok := c.byKey[query]; ok {
		closing = append(closing, prepared)
		c.order.MoveToFront(e)
		entry = e.Value.(*cached)
	} else {
		entry = &cached{query: query, stmt: prepared}
		c.byKey[query] = c.order.PushFront(entry)
		for c.order.Len() > c.limit {
			old := c.order.Remove(c.order.Back()).(*cached)
			delete(c.byKey, old.query)
			old.evicted = true
			if old.users == 0 {
				closing = append(closing, old.stmt)
			}
		}
	}
	entry.users++
	c.mu.Unlock()
	for _, s := range closing {
		_ = s.Close()
	}
	return entry.stmt, func() { c.done(entry) }, nil
}

// done ends one use of entry, closing it when it was evicted meanwhile and
// was the last.
func (c *stmtCache) done(entry *cached) {
	c.mu.Lock()
	entry.users--
	last := entry.evicted && entry.users == 0
	c.mu.Unlock()
	if last {
		_ = entry.stmt.Close()
	}
}

// close closes every statement kept (when the store closes: nobody reads
// any more).
func (c *stmtCache) close() {
	c.mu.Lock()
	var closing []*sql.Stmt
	for e := c.order.Front(); e != nil; e = e.Next() {
		closing = append(closing, e.Value.(*cached).stmt)
	}
	c.order.Init()
	c.byKey = map[string]*list.Element{}
	c.mu.Unlock()
	for _, s := range closing {
		_ = s.Close()
	}
}

var _ dialect.Driver = (*preparedDriver)(nil)
