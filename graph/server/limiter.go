package server

import (
	"sync"
	"time"
)

// SignInLimits bound failed sign-ins, so that passwords cannot be guessed
// at speed: per account (whoever tries it) and per address (whichever
// accounts it tries). A blocked caller is refused before any password is
// checked, which also bounds the hashing work they can cause.
type SignInLimits struct {
	PerAccount int           // failures per account within Window
	PerAddress int           // failures per client address within Window
	Window     time.Duration // how long a failure counts
}

// DefaultSignInLimits: five wrong passwords lock an account for a quarter of
// an hour; an address gets twenty, for a shared office behind one address.
var DefaultSignInLimits = SignInLimits{PerAccount: 5, PerAddress: 20, Window: 15 * time.Minute}

// failures counts failed sign-ins per key in fixed windows. It lives in
// memory: the limits hold per server process, which is what one binary is.
type failures struct {
	mu     sync.Mutex
	window time.Duration
	seen   map[string]*tally
}

type tally struct {
	n     int
	since time.Time
}

func newFailures(window time.Duration) *failures {
	return &failures{window: window, seen: map[string]*tally{}}
}

// wait returns how long key must wait before trying again, given limit.
func (f *failures) wait(key string, limit int, now time.Time) time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.seen[key]
	if t == nil || now.Sub(t.since) >= f.window {
		return 0
	}
	if t.n >= limit {
		return t.since.Add(f.window).Sub(now)
	}
	return 0
}

// fail counts one failure of key.
func (f *failures) fail(key string, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.seen) > 100_000 {
		f.sweep(now)
	}
	t := f.seen[key]
	if t == nil || now.Sub(t.since) >= f.window {
		f.seen[key] = &tally{n: 1, since: now}
		return
	}
	t.n++
}

// forget clears key after a success.
func (f *failures) forget(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.seen, key)
}

// sweep drops what no longer counts, keeping the map bounded.
func (f *failures) sweep(now time.Time) {
	for k, t := range f.seen {
		if now.Sub(t.since) >= f.window {
			delete(f.seen, k)
		}
	}
}
