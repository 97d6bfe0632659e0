package server

import (
	"context"
	"net/http"
	"runtime"
	"sync"

	"github.com/freightgraph/freightgraph/ent/rule"
)

// The server's time, shared fairly. On two cores a viewer running four
// costly operations at once took most of the machine, whatever the pool's
// share left to the others: the operations' own Go work (building, encoding)
// and their statements in PostgreSQL's processes compete for the same
// cores, and the scheduler of each gives every runner its turn. So one
// viewer's operations run at most as many at once as there are cores (at
// least two), and everyone's at most eight times that; a request past
// either waits, and a slot coming free goes to the waiting request of the
// viewer who runs the fewest at that moment (the one waiting longest among
// equals). Nobody's running operation is cut short for it. Waiting counts
// in the request's deadline; /healthz and sign-in never wait here.
//
// Measured on two cores (README, Performance): with four slots in all, a
// busy office on SQLite's 100,000 shipments waited behind its own slow
// screens (others' p95 1.2 s); with sixteen, 0.4 s; and a viewer's two
// kept a hostile analyst's twenty requests at once from the others.

// DefaultSlots is how many operations run at once, and
// DefaultSlotsPerViewer how many of them may be one viewer's.
func DefaultSlots() int { return max(8, 8*runtime.GOMAXPROCS(0)) }

// DefaultSlotsPerViewer is as many as there are cores, at least two.
func DefaultSlotsPerViewer() int { return max(2, runtime.GOMAXPROCS(0)) }

type schedule struct {
	mu        sync.Mutex
	free      int
	perViewer int
	running   map[int]int
	waiting   []*waiter
}

type waiter struct {
	viewer  int
	ready   chan struct{}
	granted bool
}

// newSchedule is a schedule of slots, at most perViewer of them a viewer's
// (0: half of them).
func newSchedule(slots, perViewer int) *schedule {
	if perViewer <= 0 {
		perViewer = slots / 2
	}
	return &schedule{free: max(1, slots), perViewer: max(1, min(perViewer, slots)), running: map[int]int{}}
}

// enter waits for a slot for viewer, within ctx, and returns what gives it
// back.
func (s *schedule) enter(ctx context.Context, viewer int) (func(), error) {
	s.mu.Lock()
	if s.free > 0 && s.running[viewer] < s.perViewer {
		s.free--
		s.running[viewer]++
		s.mu.Unlock()
		return s.leaver(viewer), nil
	}
	w := &waiter{viewer: viewer, ready: make(chan struct{})}
	s.waiting = append(s.waiting, w)
	s.mu.Unlock()
	select {
	case <-w.ready:
		return s.leaver(viewer), nil
	case <-ctx.Done():
		s.mu.Lock()
		granted := w.granted
		if !granted {
			for i, o := range s.waiting {
				if o == w {
					s.waiting = append(s.waiting[:i], s.waiting[i+1:]...)
					break
				}
			}
		}
		s.mu.Unlock()
		if granted {
			s.leaver(viewer)()
		}
		return nil, ctx.Err()
	}
}

func (s *schedule) leaver(viewer int) func() {
	var once sync.Once
	return func() { once.Do(func() { s.leave(viewer) }) }
}

// leave gives viewer's slot to the waiting request of the viewer who runs
// the fewest (below their half), or back to the free ones.
func (s *schedule) leave(viewer int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running[viewer]--; s.running[viewer] <= 0 {
		delete(s.running, viewer)
	}
	next := -1
	for i, w := range s.waiting {
		if s.running[w.viewer] < s.perViewer && (next < 0 || s.running[w.viewer] < s.running[s.waiting[next].viewer]) {
			next = i
		}
	}
	if next < 0 {
		s.free++
		return
	}
	w := s.waiting[next]
	s.waiting = append(s.waiting[:next], s.waiting[next+1:]...)
	s.running[w.viewer]++
	w.granted = true
	close(w.ready)
}

// scheduled runs each GraphQL request of a viewer in a slot of the
// schedule.
func scheduled(s *schedule, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := rule.ViewerFrom(r.Context())
		if v == nil || r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		leave, err := s.enter(r.Context(), v.ID)
		if err != nil {
			writeError(w, http.StatusServiceUnavailable, errTimeout.Code, errTimeout.Message)
			return
		}
		defer leave()
		next.ServeHTTP(w, r)
	})
}
