package live

import (
	"errors"
	"sync"
	"sync/atomic"
)

// Hub hands each committed change to the subscribers of this process. On
// PostgreSQL it hears the changes of every process on the database,
// its own included (Listen); on SQLite those of this process.
type Hub struct {
	postgres bool
	mu       sync.Mutex
	subs     map[*Subscription]struct{}
	closed   bool
	stop     func()
	stopOnce sync.Once
	// delivered and dropped count changes handed to subscribers and
	// subscribers dropped for falling behind, for the server's figures
	delivered, dropped atomic.Uint64
}

// NewHub returns a hub for this process alone (SQLite, or a test).
func NewHub() *Hub { return &Hub{subs: map[*Subscription]struct{}{}} }

// Buffer is how many changes a subscriber may have waiting before it is
// dropped as too slow: a stream that cannot keep up is ended (ErrBehind)
// rather than allowed to hold the others up or to miss changes silently.
const Buffer = 128

var (
	// ErrBehind ends a subscription that did not take its changes as fast
	// as they came.
	ErrBehind = errors.New("the stream fell behind the changes and was ended: subscribe again and read the records afresh")
	// ErrLost ends every subscription when the process lost its line to
	// the other processes' changes for a moment (PostgreSQL restarted):
	// some may have been missed.
	ErrLost = errors.New("the server lost the stream of changes for a moment and some may have been missed: subscribe again and read the records afresh")
	// ErrClosed ends every subscription when the server stops.
	ErrClosed = errors.New("the server is stopping")
)

// Subscription is one subscriber's changes of the kinds it asked for.
type Subscription struct {
	hub   *Hub
	kinds map[Kind]bool
	c     chan Change
	done  chan struct{}
	once  sync.Once
	err   error
}

// Changes yields the subscription's changes in the order they were
// committed (on one database, as PostgreSQL orders its notifications).
func (s *Subscription) Changes() <-chan Change { return s.c }

// Done is closed when the hub ended the subscription; Err says why.
func (s *Subscription) Done() <-chan struct{} { return s.done }

// Err is why the hub ended the subscription, after Done.
func (s *Subscription) Err() error { return s.err }

// Close ends the subscription; the hub forgets it.
func (s *Subscription) Close() { s.hub.drop(s, nil) }

// Subscribe returns a subscription to the changes of the given kinds.
func (h *Hub) Subscribe(kinds ...Kind) *Subscription {
	s := &Subscription{hub: h, kinds: map[Kind]bool{}, c: make(chan Change, Buffer), done: make(chan struct{})}
	for _, k := range kinds {
		s.kinds[k] = true
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		s.end(ErrClosed)
		return s
	}
	h.subs[s] = struct{}{}
	return s
}

func (s *Subscription) end(err error) {
	s.once.Do(func() {
		s.err = err
		close(s.done)
	})
}

func (h *Hub) drop(s *Subscription, err error) {
	h.mu.Lock()
	delete(h.subs, s)
	h.mu.Unlock()
	s.end(err)
}

// Subscribers is how many subscriptions the hub holds.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// deliver hands committed changes to every subscriber of their kinds. It
// never waits for a subscriber: one whose buffer is full is dropped.
func (h *Hub) deliver(changes []Change) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		for _, c := range changes {
			if !s.kinds[c.Kind] {
				continue
			}
			select {
			case s.c <- c:
				h.delivered.Add(1)
			default:
				delete(h.subs, s)
				h.dropped.Add(1)
				s.end(ErrBehind)
			}
			if _, still := h.subs[s]; !still {
				break
			}
		}
	}
}

// endAll ends every subscription with err.
func (h *Hub) endAll(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		delete(h.subs, s)
		s.end(err)
	}
}

// Close ends every subscription and stops listening.
func (h *Hub) Close() {
	h.mu.Lock()
	h.closed = true
	stop := h.stop
	h.mu.Unlock()
	h.endAll(ErrClosed)
	if stop != nil {
		h.stopOnce.Do(stop)
	}
}
