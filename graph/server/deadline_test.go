package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/seed"
	"github.com/freightgraph/freightgraph/graph/guard"
	"github.com/freightgraph/freightgraph/graph/server"
)

// The request's deadline stops its SQL. A filter like the (240
// terms through shipments' events, each matching text) is let past the
// cost limit here, so that it runs for seconds; the deadline is one second. The caller
// gets TIMEOUT, and on PostgreSQL the statement is gone from
// pg_stat_activity within a second of that answer (it once ran on for a
// minute: the planner's JIT compilation cannot be cancelled, and jit is
// now off); on SQLite the interrupted statement leaves every connection
// of the pool usable.
func TestDeadlineStopsTheStatement(t *testing.T) {
	eachDB(t, func(t *testing.T, base *env) {
		const deadline = time.Second
		e := newEnvWith(t, base.name, func(c *server.Config) {
			c.RequestTimeout = deadline
			c.Limits = guard.Defaults
			c.Limits.MaxComplexity = 1 << 40
		})
		size := seed.Size{Clients: 100, Tenders: 100, Shipments: 6000, Months: 24}
		if _, err := seed.Load(context.Background(), e.st.DB, e.st.Dialect, size, calendar.Now()); err != nil {
			t.Fatal(err)
		}
		terms := make([]any, 240) // 480 terms of a filter's 500
		for i := range terms {
			terms[i] = map[string]any{"hasEventsWith": []any{map[string]any{"noteContainsFold": fmt.Sprintf("zz%d", i)}}}
		}
		slow := `query($w: ShipmentWhereInput) { shipments(where: $w) { totalCount } }`
		vars := map[string]any{"w": map[string]any{"or": terms}}

		active := func() int {
			if e.name != "postgres" {
				return 0
			}
			var n int
			err := e.st.DB.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
				AND state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%shipment_events%'`).Scan(&n)
			if err != nil {
				t.Error(err)
			}
			return n
		}
		var seen atomic.Bool
		var lastSeen atomic.Int64 // when the statement was last seen running
		watching, stop := make(chan struct{}), make(chan struct{})
		stopped := sync.OnceFunc(func() { close(stop); <-watching })
		defer stopped()
		go func() {
			defer close(watching)
			for {
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
					if active() > 0 {
						seen.Store(true)
						lastSeen.Store(time.Now().UnixNano())
					}
				}
			}
		}()
		start := time.Now()
		msg := e.fail("TIMEOUT", slow, vars)
		answered := time.Since(start)
		stopped()
		contains(t, msg, "too long")
		if answered > deadline+5*time.Second {
			t.Fatalf("TIMEOUT came %s after the request, past its deadline of %s", answered, deadline)
		}
		if e.name == "postgres" {
			if !seen.Load() {
				t.Fatal("the statement was never seen running: the test proves nothing")
			}
			gone := time.Now().Add(time.Second)
			for active() > 0 {
				if time.Now().After(gone) {
					t.Fatalf("the statement still runs a second after the request's TIMEOUT")
				}
				time.Sleep(20 * time.Millisecond)
			}
			// the watcher sees a statement only while it runs, so this is
			// when it ended at the latest
			if past := time.Unix(0, lastSeen.Load()).Sub(start.Add(deadline)); past > time.Second {
				t.Fatalf("the statement ran on %s past the request's deadline", past)
			}
			t.Logf("the statement was last seen %s after the deadline; TIMEOUT came %s after the request", time.Unix(0, lastSeen.Load()).Sub(start.Add(deadline)), answered)
		}
		// nothing is stuck: the pool serves a screenful of requests at once
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := e.post(`{ shipments(first: 5) { totalCount edges { node { reference } } } }`, nil)
				var out struct{ Shipments struct{ TotalCount int } }
				if len(r.Errors) > 0 || json.Unmarshal(r.Data, &out) != nil || out.Shipments.TotalCount != 6000 {
					t.Errorf("after the timeout: %s %+v", r.Data, r.Errors)
				}
			}()
		}
		wg.Wait()
		e.healthy()
	})
}
