package loadtest_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
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
			h, err := server.New(server.Config{Client: st.Client, Writes: st.Writes(), Ping: st.Ping, Sizes: st.Sizes,
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

// The hostile viewer, small: an analyst sending the costliest requests the
// limits let through, twenty at once and without pause, beside six people at
// work. Whatever the machine's speed (the targets' figures are the
// command's, README), the promises hold: nobody gets an internal error or a
// dropped connection, /healthz always answers ok, every hostile request is
// refused or answered by its deadline, the hostile viewer meets its share
// (TOO_MANY_REQUESTS) and the others never do. (Its costliest filter, the
// longest the server let through before the run, may be refused during it:
// the writers add events, and a filter's cost grows with its tables.)
func TestHostileLoad(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := storetest.Seeded(t, kind, 3000)
			const deadline = 15 * time.Second
			h, err := server.New(server.Config{Client: st.Client, Writes: st.Writes(), Ping: st.Ping, Sizes: st.Sizes, RequestTimeout: deadline,
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			rep, err := loadtest.RunHostile(ctx, loadtest.HostileConfig{Client: st.Client, URL: srv.URL, Others: 6, Parallel: 20,
				Duration: 3 * time.Second, Deadline: deadline, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s", rep)
			for name, l := range map[string]loadtest.Latencies{"others": rep.Others, "hostile": rep.Hostile} {
				for code, n := range l.Outcomes {
					switch {
					case code == "ok":
					case name == "hostile" && (code == "TOO_MANY_REQUESTS" || code == "TIMEOUT" || code == "BAD_USER_INPUT" || code == "QUERY_TOO_COMPLEX"):
					default:
						t.Errorf("%s: %d answers %s (%s)", name, n, code, l.Samples[code])
					}
				}
			}
			if rep.Others.Outcomes["ok"] == 0 || rep.Hostile.Outcomes["TOO_MANY_REQUESTS"] == 0 || rep.Hostile.Outcomes["ok"] == 0 {
				t.Errorf("others %v, hostile %v", rep.Others.Outcomes, rep.Hostile.Outcomes)
			}
			if rep.Late > 0 || rep.HealthFailures > 0 || rep.Health.N == 0 {
				t.Errorf("%d late hostile answers; /healthz failed %d of %d times", rep.Late, rep.HealthFailures, rep.Health.N)
			}
			if diffs, err := report.Check(rule.System(ctx, "test"), st.Client); err != nil || len(diffs) > 0 {
				t.Errorf("the rollups after the run: %v %v", err, diffs)
			}
		})
	}
}
