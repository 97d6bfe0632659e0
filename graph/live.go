package graph

import (
	"context"
	"fmt"
	"sync"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/live"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/graph/model"
)

// The subscriptions: each open one holds a subscription to the hub (ent/live)
// and, for every change of its kind, asks the database, as its viewer,
// whether the record is one it may read and one its where matches; what
// passes is delivered and then read, again as the viewer, by the fields
// the subscriber selected.

// MaxStreamsPerViewer bounds the subscriptions one manager holds open in a
// process at once: the app opens a few per tab, a script a handful; more is
// a leak or an attack, and each costs a statement per change.
const MaxStreamsPerViewer = 40

// MaxFollowed bounds the IDs a subscription follows beyond its where: the
// records of one screen.
const MaxFollowed = 1000

// PerViewer counts what each viewer holds open (subscriptions here, live
// connections in the server) against a ceiling.
type PerViewer struct {
	max  int
	what string // what is counted, as the refusal says it
	mu   sync.Mutex
	open map[int]int
}

// NewPerViewer counts up to max of what (such as "live updates") per viewer.
func NewPerViewer(max int, what string) *PerViewer {
	return &PerViewer{max: max, what: what, open: map[int]int{}}
}

// Enter counts one more for viewer and returns its release (safe to call
// twice), or refuses with TOO_MANY_REQUESTS when the viewer holds max.
func (p *PerViewer) Enter(viewer int) (func(), error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.open[viewer] >= p.max {
		return nil, (&rule.Error{Code: "TOO_MANY_REQUESTS", Retryable: true,
			Message: fmt.Sprintf("you already have %d %s open, the most one person may: close some tabs or windows", p.max, p.what)}).
			Because(rule.ReasonTooManyStreams, "n", p.max)
	}
	p.open[viewer]++
	return sync.OnceFunc(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.open[viewer]--; p.open[viewer] <= 0 {
			delete(p.open, viewer)
		}
	}), nil
}

// matcher reports whether the record id is one the viewer reads and the
// subscription's where matches.
type matcher func(ctx context.Context, id int) (bool, error)

// changes streams the committed changes of kind to the viewer of ctx:
// those of records matches accepts; those of the records in follow,
// whether it accepts them or not (Matches says); and, once more with
// Matches false, that of a record delivered before when a change takes it
// out of the filter.
func (r *Resolver) changes(ctx context.Context, kind live.Kind, matches matcher, follow []int) (<-chan *model.Change, error) {
	v := rule.ViewerFrom(ctx)
	if v == nil {
		return nil, rule.ErrSignIn
	}
	if r.live == nil {
		return nil, fmt.Errorf("this server was started without live updates")
	}
	if len(follow) > MaxFollowed {
		return nil, rule.Invalid("follow", "follow at most %d records; filter with where instead", MaxFollowed).Because(rule.ReasonTooManyFollowed, "max", MaxFollowed)
	}
	leave, err := r.streams.Enter(v.ID)
	if err != nil {
		return nil, err
	}
	// the records named in follow are followed as long as the
	// subscription lasts (the screen shows them); those delivered because
	// they matched, until a change takes them out of the filter
	pinned := make(map[int]bool, len(follow))
	for _, id := range follow {
		pinned[id] = true
	}
	followed := map[int]bool{}
	sub := r.live.Subscribe(kind)
	out := make(chan *model.Change)
	go func() {
		defer leave()
		defer sub.Close()
		defer close(out)
		for {
			var c live.Change
			select {
			case <-ctx.Done():
				return
			case <-sub.Done():
				return
			case c = <-sub.Changes():
			}
			ok := false
			if c.Action != live.Delete {
				var err error
				if ok, err = matches(ctx, c.ID); err != nil {
					if ctx.Err() != nil {
						return
					}
					// the stream cannot say which records it missed: it
					// ends, and the client subscribes again and reads afresh
					return
				}
			}
			if !ok && !followed[c.ID] && !pinned[c.ID] {
				continue
			}
			if ok && len(followed) < MaxFollowed {
				followed[c.ID] = true
			} else if !ok {
				delete(followed, c.ID)
			}
			// the loaders of a subscription live as long as it: what they
			// hold was read for an earlier change
			clearLoaders(ctx)
			select {
			case out <- &model.Change{ID: c.ID, Action: enum.AuditAction(c.Action), Operation: c.Operation, ByID: c.By, At: c.Time(), Matches: ok}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// changedBy is the manager who made a change, read as the subscriber.
func (r *Resolver) changedBy(ctx context.Context, c *model.Change) (*ent.Manager, error) {
	if c.ByID == 0 {
		return nil, nil
	}
	return gone(r.db(ctx).Manager.Get(ctx, c.ByID))
}

// gone answers a changed record that is no longer there (deleted since, or
// not the viewer's to read) with null.
func gone[T any](x *T, err error) (*T, error) {
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return x, err
}
