package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"
	"modernc.org/sqlite"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/live"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// Writes opens the transactions that write, as this database needs them:
//
//   - PostgreSQL runs them READ COMMITTED. The rollups are kept by
//     commutative deltas (ent/report/totals.go), so two writers of one
//     rollup row wait for each other's row lock instead of failing, and
//     every rule that reads one record to decide about another locks the
//     rows it reads (rule.Lock, FOR UPDATE / FOR SHARE): what it read then
//     cannot change until it commits. Serializable isolation, which this
//     replaced, made unrelated writers fail each other through the
//     predicate locks of the reads beside their writes.
//   - SQLite has one writer at a time whatever we do; its write
//     transactions take the write lock at BEGIN (BEGIN IMMEDIATE), and the
//     writers of this process queue here, in order, for their turn, so
//     that none of them waits in SQLite's busy handler, which sleeps and
//     polls and lets newcomers overtake.
type Writes struct {
	client *ent.Client
	opts   *sql.TxOptions
	// turn is SQLite's queue of writers: a semaphore of one
	turn chan struct{}
	// locks says that the rules must lock what they read (rule.Lock)
	locks bool
	// shares is the pool's fair share: a transaction holds its viewer's
	// slot from before it queues for its turn until it ends
	shares *shares
	// live gathers each transaction's changes for the subscriptions
	live *live.Hub
}

// Writes is how this store's write transactions are begun.
func (s *Store) Writes() *Writes { return s.writes }

func newWrites(c *ent.Client, d string, sh *shares, h *live.Hub) *Writes {
	if d == dialect.Postgres {
		return &Writes{client: c, opts: &sql.TxOptions{Isolation: sql.LevelReadCommitted}, locks: true, shares: sh, live: h}
	}
	return &Writes{client: c, turn: make(chan struct{}, 1), shares: sh, live: h}
}

// Begin opens a write transaction, after the writers ahead of it on SQLite,
// and returns the context the work runs under: it carries the transaction
// (ent.NewTxContext, ent.NewContext) and, on PostgreSQL, the demand that the
// rules lock what they read. Finish it with Commit or tx.Rollback.
func (w *Writes) Begin(ctx context.Context) (context.Context, *ent.Tx, error) {
	// the viewer's own slot of the pool first, then the turn, then a
	// shared slot: a writer holding the one turn never waits for its
	// viewer's other statements, and one waiting for the turn holds no
	// slot the others' reads need
	ctx, release, err := w.shares.hold(ctx, func(ctx context.Context) (func(), error) {
		if w.turn == nil {
			return func() {}, nil
		}
		select {
		case w.turn <- struct{}{}:
			return func() { <-w.turn }, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	})
	if err != nil {
		return ctx, nil, err
	}
	tx, err := w.client.BeginTx(ctx, w.opts)
	if err != nil {
		release()
		return ctx, nil, err
	}
	// the slots and the turn go back as the transaction ends, whichever way
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			defer release()
			return next.Commit(ctx, tx)
		})
	})
	tx.OnRollback(func(next ent.Rollbacker) ent.Rollbacker {
		return ent.RollbackFunc(func(ctx context.Context, tx *ent.Tx) error {
			defer release()
			return next.Rollback(ctx, tx)
		})
	})
	ctx = rule.WithTxScope(ctx, w.locks)
	if w.live != nil {
		ctx = w.live.Begin(ctx, tx)
	}
	ctx = ent.NewTxContext(ctx, tx)
	ctx = ent.NewContext(ctx, tx.Client())
	return ctx, tx, nil
}

// ErrCommitUnknown is a commit whose outcome nobody knows: the connection
// broke while COMMIT was on its way. It is not retried (the work may have
// been written), and the caller is told so.
var ErrCommitUnknown = errors.New("the connection to the database broke while the change was being committed: it may or may not have been written; reload to see")

// Commit commits tx. A refusal to commit that the database gives for certain
// (a serialization failure) stays Transient, so the work is run again; a
// connection lost during the commit becomes ErrCommitUnknown, which is not.
func Commit(tx *ent.Tx) error {
	err := tx.Commit()
	if err == nil || !Transient(err) || isRefusal(err) {
		return err
	}
	return fmt.Errorf("%w (%v)", ErrCommitUnknown, errors.Unwrap(err))
}

// isRefusal reports whether the database itself answered the commit with
// a transient refusal, as opposed to the connection failing under it.
func isRefusal(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return pqErr.Code.Class() != "08"
	}
	var liteErr *sqlite.Error
	return errors.As(err, &liteErr)
}

// Write runs work in a write transaction and commits it, running it again
// from the start when the database reports a transient condition (Retry):
// the commands' writes go through it, as the API's mutations go through the
// same Retry. work must do nothing outside the transaction.
func (w *Writes) Write(ctx context.Context, work func(ctx context.Context, c *ent.Client) error) error {
	_, err := Retry(ctx, DefaultRetry, func(ctx context.Context) error {
		ctx, tx, err := w.Begin(ctx)
		if err != nil {
			return err
		}
		if err := work(ctx, tx.Client()); err != nil {
			_ = tx.Rollback()
			return err
		}
		return Commit(tx)
	})
	return err
}
