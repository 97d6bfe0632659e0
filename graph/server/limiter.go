package server

import (
	"context"
	"fmt"
	"math"
	"net/netip"
	"sync"
	"time"

	"github.com/freightgraph/freightgraph/ent/rule"
)

// SignInLimits bound wrong passwords, so that they cannot be guessed at
// speed, in sign-in and in changePassword alike. A caller over a limit is
// refused before any password is checked, which also bounds the hashing
// work they can cause.
type SignInLimits struct {
	// PerAccountAddress: failures of one account from one address.
	PerAccountAddress int
	// PerAddress: failures from one address, whatever the accounts.
	PerAddress int
	// PerAccount: failures of one account from every address together.
	// Once reached, it stops the addresses that have failed on the account;
	// the others (the owner's, most likely) only at ten times as many, so a
	// flood from many places locks nobody out until it is that large, and
	// has a ceiling however many places it comes from.
	PerAccount int
	// Window is how long a failure counts.
	Window time.Duration
}

// DefaultSignInLimits within a quarter of an hour: five wrong passwords for
// one account from one address, twenty from one address (a shared office),
// a hundred for one account.
var DefaultSignInLimits = SignInLimits{PerAccountAddress: 5, PerAddress: 20, PerAccount: 100, Window: 15 * time.Minute}

// CodeTooManyAttempts refuses a password check while a limit is exceeded.
const CodeTooManyAttempts rule.Code = "TOO_MANY_ATTEMPTS"

// attempts counts password checks per key in fixed windows, in memory: the
// limits hold per server process, which is what one binary is. An attempt
// counts as a failure from the moment it begins, so a burst sent in
// parallel cannot pass the limits together; a success takes it back.
type attempts struct {
	limits SignInLimits
	mu     sync.Mutex
	seen   map[string]*tally
	swept  time.Time
	// hashing bounds concurrent password checks: each takes 19 MiB and a
	// core for some 30 ms, and sign-in needs no more parallelism.
	hashing chan struct{}
}

type tally struct {
	n     int
	since time.Time
}

func newAttempts(l SignInLimits) *attempts {
	return &attempts{limits: l, seen: map[string]*tally{}, hashing: make(chan struct{}, 4)}
}

type addressKey struct{}

// withAddress remembers the caller's address for the password checks made
// inside the graph (changePassword).
func withAddress(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, addressKey{}, addr)
}

// Begin reserves one password check of account from the caller's address
// (see withAddress) and a hashing slot. end must be called with whether the
// password was right. Over a limit it returns a TOO_MANY_ATTEMPTS error
// saying how long to wait.
func (a *attempts) Begin(ctx context.Context, account string) (end func(ok bool), err error) {
	addr, _ := ctx.Value(addressKey{}).(string)
	addr = network(addr)
	keys := []struct {
		key   string
		limit int
	}{
		{"pair:" + account + "\x00" + addr, a.limits.PerAccountAddress},
		{"address:" + addr, a.limits.PerAddress},
		{"account:" + account, a.limits.PerAccount},
	}
	now := time.Now()
	a.mu.Lock()
	if now.Sub(a.swept) > time.Minute {
		a.sweep(now)
	}
	live := func(t *tally) bool { return t != nil && now.Sub(t.since) < a.limits.Window }
	var wait time.Duration
	for i, k := range keys {
		t := a.seen[k.key]
		if !live(t) {
			continue
		}
		limit := k.limit
		if pair := a.seen[keys[0].key]; i == 2 && (!live(pair) || pair.n == 0) {
			// the account-wide limit stops an address that has not failed
			// on this account only at ten times the count: whoever floods
			// an account from many places does not lock its owner out,
			// yet there is a ceiling however many places they have
			limit = 10 * k.limit
		}
		if t.n >= limit {
			wait = max(wait, t.since.Add(a.limits.Window).Sub(now))
		}
	}
	if wait > 0 {
		a.mu.Unlock()
		return nil, tooMany(wait)
	}
	reserved := make([]*tally, len(keys))
	for i, k := range keys {
		t := a.seen[k.key]
		if live(t) {
			t.n++
		} else {
			t = &tally{n: 1, since: now}
			a.seen[k.key] = t
		}
		reserved[i] = t
	}
	a.mu.Unlock()
	// undo takes the attempt back from the tallies it was counted in, if
	// they still count (a new window has tallies of its own); a success
	// clears the account's, the address keeps its other failures
	undo := func(success bool) {
		a.mu.Lock()
		defer a.mu.Unlock()
		for i, k := range keys {
			t := reserved[i]
			switch {
			case a.seen[k.key] != t:
			case success && i != 1:
				delete(a.seen, k.key)
			case t.n > 0:
				t.n--
			}
		}
	}
	select {
	case a.hashing <- struct{}{}:
	case <-ctx.Done():
		undo(false)
		return nil, ctx.Err()
	}
	return func(ok bool) {
		<-a.hashing
		if ok {
			undo(true)
		}
	}, nil
}

// limitError is a refusal by the limits; Wait says how long to wait.
type limitError struct {
	refusal *rule.Error
	Wait    time.Duration
}

func tooMany(wait time.Duration) error {
	minutes := int(math.Ceil(wait.Minutes()))
	return &limitError{
		refusal: &rule.Error{Code: CodeTooManyAttempts, Message: fmt.Sprintf("too many wrong passwords: try again in %d minute%s", minutes, plural(minutes))},
		Wait:    wait,
	}
}

func (e *limitError) Error() string { return e.refusal.Error() }

// Unwrap lets the API's error handling see the rule error and its code.
func (e *limitError) Unwrap() error { return e.refusal }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// sweep drops the tallies that no longer count, at most once a minute.
func (a *attempts) sweep(now time.Time) {
	a.swept = now
	for k, t := range a.seen {
		if now.Sub(t.since) >= a.limits.Window {
			delete(a.seen, k)
		}
	}
}

// network is the part of an address one holder controls: an IPv4 address,
// or an IPv6 /64 (one host may hold all of it, and each of its addresses
// would otherwise count as a place of its own).
func network(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil || ip.Is4() || ip.Is4In6() {
		return addr
	}
	p, err := ip.Prefix(64)
	if err != nil {
		return addr
	}
	return p.String()
}
