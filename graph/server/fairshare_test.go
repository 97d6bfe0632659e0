package server_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/graph/server"
)

// One viewer cannot take the service down. An analyst sends more requests
// at once than one sign-in may run, each stuck in the database (held here,
// inside their share of the pool, for as long as the test likes): the ones
// past the in-flight limit are refused at once with TOO_MANY_REQUESTS (HTTP
// 429, Retry-After) and run nothing; of the ones let in, only the
// viewer's share of the pool's connections reach the database at once; and
// all the while another viewer is answered, /healthz says ok and sign-in
// works. Released, every request let in is answered in full.
func TestOneViewerCannotTakeTheServiceDown(t *testing.T) {
	const inFlight, perViewer = 4, 2
	eachDB(t, func(t *testing.T, base *env) {
		e := newEnvWith(t, base.name, func(c *server.Config) {
			c.InFlight = server.InFlightLimits{PerViewer: inFlight, PerCredential: inFlight}
		}, store.PoolShare(store.Share{PerViewer: perViewer, Reserve: 2}))
		f := e.fixture()
		a := e.actors(f)
		hostile, other := e.as(a["analyst"]), e.as(a["om"])
		analyst, _ := strconv.Atoi(f.analyst)
		second := e.as(e.tokenFor(analyst)) // the same person's other token

		release := make(chan struct{})
		var released atomic.Bool
		free := func() {
			if released.CompareAndSwap(false, true) {
				close(release)
			}
		}
		t.Cleanup(free) // a failed test must not leave requests held
		var inside, most atomic.Int32
		hold := func(ctx context.Context, _ string) {
			if v := rule.ViewerFrom(ctx); v == nil || v.ID != analyst {
				return
			}
			n := inside.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			<-release
			inside.Add(-1)
		}
		e.inside.Store(&hold)

		const sent = inFlight + 3
		answers := make(chan response, sent)
		for range sent {
			go func() {
				answers <- hostile.post(`{ shipments { totalCount } carriers { totalCount } clients { totalCount } }`, nil)
			}()
		}
		// those past the limit are refused while the others are held
		for range sent - inFlight {
			r := <-answers
			if r.Status != http.StatusTooManyRequests || len(r.Errors) == 0 || r.Errors[0].code() != "TOO_MANY_REQUESTS" ||
				r.Header.Get("Retry-After") == "" || r.Errors[0].Extensions["retryable"] != true {
				t.Fatalf("a request past the limit: %d %s %+v", r.Status, r.Header, r.Errors)
			}
		}
		deadline := time.Now().Add(30 * time.Second)
		for inside.Load() < perViewer && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if n := inside.Load(); n != perViewer {
			t.Fatalf("%d of the viewer's statements reached the database, want their share of %d", n, perViewer)
		}
		// the same person through another token: the person's limit, across
		// their sign-ins and tokens, is reached too
		if r := second.post(`{ carriers { totalCount } }`, nil); r.Status != http.StatusTooManyRequests ||
			len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "across your sign-ins and API tokens") {
			t.Fatalf("another token of the same person: %d %+v", r.Status, r.Errors)
		}
		// the rest of the service is the others'
		var out struct{ Shipments struct{ TotalCount int } }
		other.do(`{ shipments { totalCount } }`, nil, &out)
		if out.Shipments.TotalCount != 1 {
			t.Fatalf("another viewer: %+v", out)
		}
		e.healthy()
		if r := e.raw(http.MethodPost, "/auth/sign-in", "application/json",
			`{"email": "oleg`+strconv.FormatInt(f.seq, 10)+`@example.com", "password": "wrong password"}`, nil); r.Status != http.StatusUnauthorized {
			t.Fatalf("sign-in while the viewer is stuck: %d %+v", r.Status, r.Errors)
		}

		free()
		for range inFlight {
			r := <-answers
			if len(r.Errors) > 0 || r.Status != http.StatusOK {
				t.Fatalf("a request let in: %d %+v", r.Status, r.Errors)
			}
		}
		if m := most.Load(); m != perViewer {
			t.Fatalf("at most %d of the viewer's statements ran at once, want %d", m, perViewer)
		}
		// and the viewer may go on
		hostile.do(`{ viewer { id } }`, nil, nil)
	})
}
