package rule

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/apitoken"
	"github.com/freightgraph/freightgraph/ent/calendar"
)

// Credentials remembers for a moment whom a session or an API token acts
// for, so that a burst of requests (a screen asks several things at once,
// a script many) finds its viewer with one statement instead of one each.
//
// A sign-out, a revoked token, a deactivated manager, a changed role or
// password end what is remembered at once: every change to managers,
// sessions or API tokens in this process moves a generation counter
// (credentialsHook), before the write, after it and after its commit, and
// an entry found under an older generation is not used. What no process
// of this server sees (an expiry coming due, a change made by another
// process on the same database or by hand in SQL) holds for at most the
// time an entry is kept: CredentialsTTL.
type Credentials struct {
	ttl        time.Duration
	generation *atomic.Uint64
	mu         sync.Mutex
	seen       map[string]credential
}

// CredentialsTTL is how long a viewer found is used without looking again.
const CredentialsTTL = time.Second

// maxCredentials bounds the entries kept; past it they are all dropped
// (each is one statement to find again).
const maxCredentials = 10_000

type credential struct {
	viewer     *Viewer
	generation uint64
	until      time.Time
}

// generations move with every change to who may sign in as whom, one for
// each client Register installed the rules on (a process has one; the
// tests many, which must not disturb each other).
var generations sync.Map // *ent.Client → *atomic.Uint64

func generationOf(c *ent.Client) *atomic.Uint64 {
	g, _ := generations.LoadOrStore(c, new(atomic.Uint64))
	return g.(*atomic.Uint64)
}

// NewCredentials returns an empty cache of the viewers of c (the client
// Register was given), keeping each for ttl.
func NewCredentials(c *ent.Client, ttl time.Duration) *Credentials {
	return &Credentials{ttl: ttl, generation: generationOf(c), seen: map[string]credential{}}
}

// Find returns the viewer the credential key (a token's hash, with its
// kind) acts for: the one remembered, or the one find returns with the
// time the credential ends (zero: never), which is remembered until the
// earlier of that time and the TTL. Errors are not remembered. The viewer
// returned is shared: nobody may change it.
func (c *Credentials) Find(key string, find func() (*Viewer, time.Time, error)) (*Viewer, error) {
	generation := c.generation.Load()
	now := calendar.Now()
	c.mu.Lock()
	e, ok := c.seen[key]
	c.mu.Unlock()
	if ok && e.generation == generation && now.Before(e.until) {
		return e.viewer, nil
	}
	v, ends, err := find()
	if err != nil {
		return nil, err
	}
	until := now.Add(c.ttl)
	if !ends.IsZero() && ends.Before(until) {
		until = ends
	}
	c.mu.Lock()
	if len(c.seen) >= maxCredentials {
		c.seen = map[string]credential{}
	}
	// under the generation read before the lookup: a change made while it
	// ran leaves an entry that is never used
	c.seen[key] = credential{viewer: v, generation: generation, until: until}
	c.mu.Unlock()
	return v, nil
}

// credentialsHook moves the generation around every write to managers,
// sessions and API tokens: before it, after it, and after the commit of
// the transaction it runs in.
func credentialsHook(generation *atomic.Uint64) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return changesCredentials(generation, next)
	}
}

func changesCredentials(generation *atomic.Uint64, next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if fields := m.Fields(); m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) && len(fields) == 1 && fields[0] == apitoken.FieldLastUsedAt &&
			len(m.ClearedFields()) == 0 && len(m.AddedEdges()) == 0 && len(m.RemovedEdges()) == 0 && len(m.ClearedEdges()) == 0 {
			// a token's use noted (TouchToken): whom it acts for is the same
			return next.Mutate(ctx, m)
		}
		generation.Add(1)
		v, err := next.Mutate(ctx, m)
		generation.Add(1)
		if t, ok := m.(interface{ Tx() (*ent.Tx, error) }); ok {
			if tx, terr := t.Tx(); terr == nil {
				tx.OnCommit(func(next ent.Committer) ent.Committer {
					return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
						err := next.Commit(ctx, tx)
						generation.Add(1)
						return err
					})
				})
			}
		}
		return v, err
	})
}
