package loadtest_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/store/storetest"
	"github.com/freightgraph/freightgraph/graph/loadtest"
	"github.com/freightgraph/freightgraph/graph/server"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// The load test, small: a seeded database served over loopback HTTP, a few
// writers of each kind for a few seconds. Every write is acknowledged
// (server-side retries allowed), and the rollups equal a recount after.
// `freightgraph loadtest` runs the same on large numbers (README).
func TestLoad(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := storetest.Seeded(t, kind, 3000)
			h, err := server.New(server.Config{Client: st.Client, Writes: st.Writes(), Ping: st.Ping,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			for _, target := range []loadtest.Target{loadtest.Random, loadtest.Own, loadtest.Hot} {
				rep, err := loadtest.Run(ctx, loadtest.Config{Client: st.Client, URL: srv.URL, Writers: 6, Duration: 2 * time.Second, Target: target, Seed: 1})
				if err != nil {
					t.Fatalf("%s: %v", target, err)
				}
				t.Logf("%s", rep)
				if rep.Errors() > 0 || rep.Acknowledged == 0 {
					t.Errorf("%s: %d errors, %d acknowledged: %v %v", target, rep.Errors(), rep.Acknowledged, rep.Outcomes, rep.Samples)
				}
				for _, d := range rep.RollupDiffs {
					t.Errorf("%s: %s", target, d)
				}
			}
		})
	}
}
