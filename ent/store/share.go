package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// A fair share of the connection pool. Every statement of a request holds
// one of the pool's connections while it runs; a viewer who sends slow
// statements in parallel would otherwise hold them all, and then /healthz,
// sign-in and every other viewer wait for a connection (on SQLite the pool
// is eight connections). So each statement and transaction made for a
// viewer first takes one of its viewer's slots (PerViewer of them), then
// one of the slots all viewers share (the pool less Reserve), and gives
// both back when it ends. Work made for nobody (finding the viewer,
// signing in, /healthz, the commands) takes no slot: it runs on the
// reserve. A viewer's statements beyond their share wait, in the order they
// came, for one of their own to finish, within their request's deadline; a
// wait that outlasts it is the request's TIMEOUT.
//
// The slots are taken where ent hands a statement to database/sql, before a
// connection is taken from the pool: a statement waiting for its slot holds
// no connection.

// Share is how the pool is shared.
type Share struct {
	// PerViewer is how many statements or transactions of one viewer may
	// hold a connection at once.
	PerViewer int
	// Reserve is how many of the pool's connections no viewer's work may
	// take: they stay for the server's own (health, sign-in, finding who a
	// request is from).
	Reserve int
}

// DefaultShare is the share of a pool of size: a fifth of it per viewer,
// and a fifth kept in reserve, at least two of each: PostgreSQL's 20
// connections give a viewer 4 and keep 4; SQLite's 8 give 2 and keep 2.
func DefaultShare(size int) Share {
	return Share{PerViewer: max(2, size/5), Reserve: max(2, size/5)}
}

// WithShare marks ctx as work for the viewer named by key: its statements
// take that viewer's share of the pool. The API sets it once it knows who a
// request is from.
func WithShare(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, shareKey{}, key)
}

type (
	shareKey struct{}
	heldKey  struct{}
)

// shares hands out the slots.
type shares struct {
	per int
	all chan struct{}

	mu      sync.Mutex
	viewers map[string]*viewerSlots
}

type viewerSlots struct {
	slots chan struct{}
	users int // requests waiting for or holding one, so the entry can go
}

func newShares(poolSize int, s Share) *shares {
	return &shares{
		per: max(1, s.PerViewer), all: make(chan struct{}, max(1, poolSize-s.Reserve)),
		viewers: map[string]*viewerSlots{},
	}
}

// acquire takes a slot for the viewer ctx works for, and returns what gives
// it back. Work for nobody, and work inside a transaction that holds its
// slot already, take none: for them it returns a nil func.
func (s *shares) acquire(ctx context.Context) (func(), error) {
	key, _ := ctx.Value(shareKey{}).(string)
	if key == "" || ctx.Value(heldKey{}) != nil {
		return nil, nil
	}
	// the viewer's own slot first: a viewer waiting for their own share
	// holds nothing the others need
	own, err := s.own(ctx, key)
	if err != nil {
		return nil, err
	}
	shared, err := s.shared(ctx)
	if err != nil {
		own()
		return nil, err
	}
	return func() { shared(); own() }, nil
}

// own takes one of the viewer key's own slots.
func (s *shares) own(ctx context.Context, key string) (func(), error) {
	s.mu.Lock()
	v := s.viewers[key]
	if v == nil {
		v = &viewerSlots{slots: make(chan struct{}, s.per)}
		s.viewers[key] = v
	}
	v.users++
	s.mu.Unlock()
	leave := func() {
		s.mu.Lock()
		if v.users--; v.users == 0 {
			delete(s.viewers, key)
		}
		s.mu.Unlock()
	}
	select {
	case v.slots <- struct{}{}:
	case <-ctx.Done():
		leave()
		return nil, ctx.Err()
	}
	return sync.OnceFunc(func() {
		<-v.slots
		leave()
	}), nil
}

// shared takes one of the slots all viewers share.
func (s *shares) shared(ctx context.Context) (func(), error) {
	select {
	case s.all <- struct{}{}:
		return sync.OnceFunc(func() { <-s.all }), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// hold takes a slot for work that spans several statements (a write
// transaction) and returns the context its statements run under, which
// take no further slot, and what gives the slot back, and what between
// took. It takes the viewer's own slot at once and the shared one only
// when between, the wait for SQLite's one write turn, has returned: a
// writer queued for its turn holds nothing other viewers' reads need (a
// slow write, and the writers queued behind it, once held every shared
// slot). between returns what undoes it.
func (s *shares) hold(ctx context.Context, between func(context.Context) (func(), error)) (context.Context, func(), error) {
	key, _ := ctx.Value(shareKey{}).(string)
	if key == "" || ctx.Value(heldKey{}) != nil {
		undo, err := between(ctx)
		if err != nil {
			return ctx, nil, err
		}
		return ctx, sync.OnceFunc(undo), nil
	}
	own, err := s.own(ctx, key)
	if err != nil {
		return ctx, nil, err
	}
	undo, err := between(ctx)
	if err != nil {
		own()
		return ctx, nil, err
	}
	shared, err := s.shared(ctx)
	if err != nil {
		undo()
		own()
		return ctx, nil, err
	}
	return context.WithValue(ctx, heldKey{}, true), sync.OnceFunc(func() { shared(); undo(); own() }), nil
}

// sharedDriver is the ent driver that takes the slots.
type sharedDriver struct {
	dialect.Driver
	shares *shares
}

var _ dialect.Driver = (*sharedDriver)(nil)

// inSlot runs a statement that is over when it returns in a slot of its
// viewer's.
func inSlot[T any](s *shares, ctx context.Context, run func() (T, error)) (T, error) {
	release, err := s.acquire(ctx)
	if err != nil {
		var none T
		return none, err
	}
	if release != nil {
		defer release()
	}
	return run()
}

func (d *sharedDriver) Exec(ctx context.Context, query string, args, v any) error {
	_, err := inSlot(d.shares, ctx, func() (struct{}, error) { return struct{}{}, d.Driver.Exec(ctx, query, args, v) })
	return err
}

// Query keeps the slot until the rows are closed: the connection is busy
// until then. (Rows are wrapped only when a slot was taken: ent's schema
// migration, which runs for nobody, reads the rows as *sql.Rows.)
func (d *sharedDriver) Query(ctx context.Context, query string, args, v any) error {
	release, err := d.shares.acquire(ctx)
	if err != nil || release == nil {
		if err != nil {
			return err
		}
		return d.Driver.Query(ctx, query, args, v)
	}
	if err := d.Driver.Query(ctx, query, args, v); err != nil {
		release()
		return err
	}
	if rows, ok := v.(*entsql.Rows); ok && rows.ColumnScanner != nil {
		rows.ColumnScanner = releasingRows{ColumnScanner: rows.ColumnScanner, release: release}
		return nil
	}
	release()
	return nil
}

// The raw statements of ent's ExecQuery feature: the rules and rollups
// send them inside write transactions, which hold their slot already.
// Outside one, a raw statement holds its slot while it is sent and answered;
// a raw query's rows, read after, are not counted (none is sent so today).
type (
	execer interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	}
	querier interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	}
	beginner interface {
		BeginTx(context.Context, *sql.TxOptions) (dialect.Tx, error)
	}
)

func (d *sharedDriver) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ex, ok := d.Driver.(execer)
	if !ok {
		return nil, fmt.Errorf("store: the driver %T sends no raw statements", d.Driver)
	}
	return inSlot(d.shares, ctx, func() (sql.Result, error) { return ex.ExecContext(ctx, query, args...) })
}

func (d *sharedDriver) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	q, ok := d.Driver.(querier)
	if !ok {
		return nil, fmt.Errorf("store: the driver %T sends no raw queries", d.Driver)
	}
	return inSlot(d.shares, ctx, func() (*sql.Rows, error) { return q.QueryContext(ctx, query, args...) })
}

func (d *sharedDriver) Tx(ctx context.Context) (dialect.Tx, error) { return d.BeginTx(ctx, nil) }

// BeginTx holds a slot for the whole transaction: its connection is taken
// until it ends.
func (d *sharedDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	b, ok := d.Driver.(beginner)
	if !ok {
		return nil, fmt.Errorf("store: the driver %T begins no transactions with options", d.Driver)
	}
	release, err := d.shares.acquire(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := b.BeginTx(ctx, opts)
	if err != nil || release == nil {
		if release != nil {
			release()
		}
		return tx, err
	}
	return &releasingTx{Tx: tx, release: release}, nil
}

type releasingRows struct {
	entsql.ColumnScanner
	release func()
}

func (r releasingRows) Close() error {
	defer r.release()
	return r.ColumnScanner.Close()
}

// releasingTx gives its slot back when it ends, and passes the raw
// statements of ent's ExecQuery feature through.
type releasingTx struct {
	dialect.Tx
	release func()
}

func (t *releasingTx) Commit() error {
	defer t.release()
	return t.Tx.Commit()
}

func (t *releasingTx) Rollback() error {
	defer t.release()
	return t.Tx.Rollback()
}

func (t *releasingTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ex, ok := t.Tx.(execer)
	if !ok {
		return nil, fmt.Errorf("store: the transaction %T sends no raw statements", t.Tx)
	}
	return ex.ExecContext(ctx, query, args...)
}

func (t *releasingTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	q, ok := t.Tx.(querier)
	if !ok {
		return nil, fmt.Errorf("store: the transaction %T sends no raw queries", t.Tx)
	}
	return q.QueryContext(ctx, query, args...)
}
