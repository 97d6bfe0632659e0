package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/graph/loadtest"
)

// BenchmarkLiveSubscriptionMemory weighs what one open subscription costs
// the server: the heap and goroutine stacks of this process with n streams
// open, less the same n streams held open by a handler that does nothing
// (the client's side of each stream lives in this process too).
func BenchmarkLiveSubscriptionMemory(b *testing.B) {
	const n = 200
	e := newEnv(b, "sqlite")
	// 16 connections a person at most: 13 people
	var tokens []string
	for i := range (n + 15) / 16 {
		tokens = append(tokens, e.tokenFor(e.newManager(enum.RoleOperationsManager, fmt.Sprintf("Bench Om%d", i))))
	}
	idle := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer idle.Close()
	weigh := func() int64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc + m.StackInuse)
	}
	open := func(base string) []*loadtest.Stream {
		var out []*loadtest.Stream
		for i := range n {
			s, err := loadtest.Subscribe(context.Background(), base, bearer(tokens[i/16]), tenderChanges, nil)
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	closeAll := func(ss []*loadtest.Stream) {
		for _, s := range ss {
			s.Close()
		}
	}
	for b.Loop() {
		before := weigh()
		control := open(idle.URL)
		time.Sleep(200 * time.Millisecond)
		clientSide := weigh() - before
		closeAll(control)
		time.Sleep(200 * time.Millisecond)

		before = weigh()
		real := open(e.url)
		for deadline := time.Now().Add(20 * time.Second); e.st.Live.Subscribers() < 2*n && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		both := weigh() - before
		closeAll(real)
		b.ReportMetric(float64(both-clientSide)/n, "server-B/subscription")
		b.ReportMetric(float64(clientSide)/n, "client-B/subscription")
	}
}
