package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/lib/pq"
	"modernc.org/sqlite"
)

// Transient reports whether err is a condition of the database, not of the
// work: the same work run again from its start, in a new transaction, may
// well succeed. On PostgreSQL: a serialization failure (40001), a deadlock
// (40P01), the lock table or a lock wait exhausted (53200, 55P03), and a
// connection lost before the work committed; on SQLite, the database busy or
// locked by another writer (SQLITE_BUSY, SQLITE_LOCKED and their extended
// codes). Everything else (a constraint, a validation, a rule's refusal, a
// deadline) fails the same way the second time and is not retried.
func Transient(err error) bool {
	if err == nil {
		return false
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Code {
		case "40001", "40P01", "53200", "55P03":
			return true
		}
		// class 08: the connection failed; 57P01..57P03: the server is
		// shutting down or restarting (a replica promoted, a restart)
		return pqErr.Code.Class() == "08" || pqErr.Code == "57P01" || pqErr.Code == "57P02" || pqErr.Code == "57P03"
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		switch liteErr.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return true
		}
		return false
	}
	// database/sql hands this back when the connection broke under a
	// statement it could not resend itself
	return errors.Is(err, driver.ErrBadConn)
}

// RetryPolicy bounds the attempts of one piece of work.
type RetryPolicy struct {
	// Attempts is how many times the work runs at most, the first included.
	Attempts int
	// Base is the pause before the second attempt; each later pause doubles,
	// up to Max, and each is drawn at random from its lower half to its
	// full length, so that writers who collided do not collide again.
	Base, Max time.Duration
}

// DefaultRetry is the policy of the API's mutations and the commands: eight
// attempts over at most about a second and a half of pauses, within the
// request's deadline.
var DefaultRetry = RetryPolicy{Attempts: 8, Base: 4 * time.Millisecond, Max: 250 * time.Millisecond}

// Retry runs attempt until it returns nil or an error that is not
// Transient, at most p.Attempts times, pausing between attempts, and never
// past ctx's deadline: it does not start a pause that would end after it.
// It returns the number of attempts made and the last error.
//
// This is the one place work is repeated, for the API (each GraphQL mutation
// operation, graph/server/transaction.go) and for the commands (Write). A
// repeat is safe because an attempt does nothing outside its database
// transaction before that transaction commits: the rules, the audit trail
// and the rollups write only through it, and nothing is sent, mailed or
// cached on the way. An attempt that failed was rolled back whole, so the
// next one starts from what is committed, as if the first had never run. A
// failure at commit is retried only when the database says the commit did
// not happen (a serialization failure); a connection lost during COMMIT is
// not Transient to the caller of Commit (see Begin), because nobody can
// know whether it took.
func Retry(ctx context.Context, p RetryPolicy, attempt func(ctx context.Context) error) (int, error) {
	pause := p.Base
	for n := 1; ; n++ {
		err := attempt(ctx)
		if err == nil || !Transient(err) || n >= p.Attempts {
			return n, err
		}
		wait := pause/2 + rand.N(pause/2+1)
		if d, ok := ctx.Deadline(); ok && time.Until(d) < wait+50*time.Millisecond {
			// no time left for one more honest attempt
			return n, err
		}
		select {
		case <-ctx.Done():
			return n, err
		case <-time.After(wait):
		}
		pause = min(2*pause, p.Max)
	}
}

// Cancelled reports whether the database stopped a statement before it
// ended: PostgreSQL's query_canceled (57014: the request's deadline, or
// the connection's statement_timeout, came first), SQLite's
// SQLITE_INTERRUPT. It is the deadline's doing, never the statement's.
func Cancelled(err error) bool {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return pqErr.Code == "57014"
	}
	var liteErr *sqlite.Error
	return errors.As(err, &liteErr) && liteErr.Code()&0xff == 9
}
