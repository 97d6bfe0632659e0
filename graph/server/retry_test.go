package server_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/store"
)

// faults makes the database refuse statements as PostgreSQL refuses a
// transaction that lost a serialization race (40001), so that the server's
// retry can be seen at work on both databases: the first fail statements
// that match are refused, and every write transaction begun is counted.
type faults struct {
	match  string
	fail   atomic.Int64 // refusals still to make; -1: refuse every time
	begins atomic.Int64
}

func (f *faults) refuse(query string) error {
	if !strings.Contains(query, f.match) {
		return nil
	}
	for {
		n := f.fail.Load()
		if n == 0 {
			return nil
		}
		if n < 0 || f.fail.CompareAndSwap(n, n-1) {
			return &pq.Error{Code: "40001", Message: "could not serialize access due to read/write dependencies among transactions"}
		}
	}
}

func (f *faults) option() store.Option {
	return store.WithDriver(func(d dialect.Driver) dialect.Driver { return &faultDriver{Driver: d, f: f} })
}

type faultDriver struct {
	dialect.Driver
	f *faults
}

func (d *faultDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	tx, err := d.Driver.(interface {
		BeginTx(context.Context, *sql.TxOptions) (dialect.Tx, error)
	}).BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	d.f.begins.Add(1)
	return &faultTx{Tx: tx, f: d.f}, nil
}

type faultTx struct {
	dialect.Tx
	f *faults
}

func (t *faultTx) Exec(ctx context.Context, query string, args, v any) error {
	if err := t.f.refuse(query); err != nil {
		return err
	}
	return t.Tx.Exec(ctx, query, args, v)
}

func (t *faultTx) Query(ctx context.Context, query string, args, v any) error {
	if err := t.f.refuse(query); err != nil {
		return err
	}
	return t.Tx.Query(ctx, query, args, v)
}

func (t *faultTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := t.f.refuse(query); err != nil {
		return nil, err
	}
	return t.Tx.(interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	}).ExecContext(ctx, query, args...)
}

func (t *faultTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := t.f.refuse(query); err != nil {
		return nil, err
	}
	return t.Tx.(interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	}).QueryContext(ctx, query, args...)
}

// A mutation that meets a serialization failure is run again, whole, by the
// server; the caller sees one success and how many attempts it took. A stale
// expectedVersion is the caller's conflict and is never run again. Attempts
// spent end in a CONFLICT that says it is retryable, with Retry-After, and
// nothing written.
func TestTransientFailuresAreRetried(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			f := &faults{match: "shipment_events"}
			e := newEnvWith(t, kind, nil, f.option())
			fx := e.fixture()
			record := `mutation($s: ID!, $v: Int) { recordShipmentEvent(shipmentID: $s, kind: CHECKPOINT, at: "` +
				calendar.Now().UTC().Format(time.RFC3339) + `", note: "Сканирование", expectedVersion: $v) { version events { totalCount } } }`

			f.fail.Store(2)
			begins := f.begins.Load()
			r := e.post(record, map[string]any{"s": fx.shipment, "v": 1})
			if len(r.Errors) != 0 {
				t.Fatalf("a write that met two serialization failures was refused: %+v", r.Errors)
			}
			if got := f.begins.Load() - begins; got != 3 || fmt.Sprint(r.Extensions["attempts"]) != "3" {
				t.Fatalf("%d transactions, extensions %v; want 3 attempts", got, r.Extensions)
			}
			contains(t, string(r.Data), `"version":2`, `"totalCount":1`)

			// the same expected version again is stale: refused at once
			begins = f.begins.Load()
			r = e.post(record, map[string]any{"s": fx.shipment, "v": 1})
			if len(r.Errors) != 1 || r.Errors[0].code() != "CONFLICT" || r.Errors[0].Extensions["retryable"] != nil {
				t.Fatalf("stale version: %+v", r.Errors)
			}
			contains(t, r.Errors[0].Message, "changed by someone else")
			if got := f.begins.Load() - begins; got != 1 || r.Extensions["attempts"] != nil || r.Header.Get("Retry-After") != "" {
				t.Fatalf("a stale version was tried %d times (extensions %v, Retry-After %q)", got, r.Extensions, r.Header.Get("Retry-After"))
			}

			// a database that never lets the write through: the attempts
			// are spent, the caller is told to come back, nothing is written
			f.fail.Store(-1)
			begins = f.begins.Load()
			r = e.post(record, map[string]any{"s": fx.shipment, "v": 2})
			f.fail.Store(0)
			if len(r.Errors) != 1 || r.Errors[0].code() != "CONFLICT" || r.Errors[0].Extensions["retryable"] != true {
				t.Fatalf("attempts spent: %+v", r.Errors)
			}
			contains(t, r.Errors[0].Message, "nothing was written", "try again")
			if got := f.begins.Load() - begins; got != int64(store.DefaultRetry.Attempts) || r.Header.Get("Retry-After") != "1" {
				t.Fatalf("%d attempts, Retry-After %q; want %d and 1", got, r.Header.Get("Retry-After"), store.DefaultRetry.Attempts)
			}
			var s struct {
				Node struct {
					Version int
					Events  struct{ TotalCount int }
				}
			}
			e.do(`query($id: ID!) { node(id: $id) { ... on Shipment { version events { totalCount } } } }`, map[string]any{"id": fx.shipment}, &s)
			if s.Node.Version != 2 || s.Node.Events.TotalCount != 1 {
				t.Fatalf("after the refused write: version %d, %d events; want 2 and 1", s.Node.Version, s.Node.Events.TotalCount)
			}
			e.healthy()
		})
	}
}

// Many operations managers at once on shipments of one client, month,
// carrier and lane (one rollup row between them): every write lands on its
// first try or after the server's own retries, none is refused for the
// database's sake, and the rollups equal a recount afterwards.
func TestConcurrentWritersKeepTheRollups(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		fx := e.fixture()
		ships := []string{fx.shipment}
		for i := range 5 {
			ships = append(ships, e.createShipment(fmt.Sprintf("SH-RACE-%d-%d", fx.seq, i), fx.client, fx.om, "ROAD"))
		}
		for _, s := range ships {
			e.do(`mutation($s: ID!, $c: ID!) { assignCarrier(shipmentID: $s, carrierID: $c) { id } }`, map[string]any{"s": s, "c": fx.road}, nil)
		}
		now := calendar.Now().UTC()
		moves := []func(i int, s string) (string, map[string]any){
			func(i int, s string) (string, map[string]any) {
				return `mutation($s: ID!, $at: Time!) { recordShipmentEvent(shipmentID: $s, kind: EXCEPTION, at: $at, note: "Задержка на складе") { id } }`,
					map[string]any{"s": s, "at": now.Format(time.RFC3339)}
			},
			func(i int, s string) (string, map[string]any) {
				// a new price: the row's sums move, and its extremes
				return `mutation($s: ID!, $p: Decimal!) { updateShipment(id: $s, input: {price: $p}) { id } }`,
					map[string]any{"s": s, "p": fmt.Sprintf("%d.00", 100000+i*997%50000)}
			},
			func(i int, s string) (string, map[string]any) {
				// another carrier: the shipment changes rows, its
				// exceptions stay with the carrier that had them
				c := []string{fx.road, fx.air}[i%2]
				return `mutation($s: ID!, $c: ID!) { assignCarrier(shipmentID: $s, carrierID: $c) { id } }`, map[string]any{"s": s, "c": c}
			},
			func(i int, s string) (string, map[string]any) {
				// another pickup month: every row of the shipment moves
				// (earlier ones: an event may not come a month early)
				p := now.AddDate(0, -(1 + i%2), 0).Truncate(time.Second)
				return `mutation($s: ID!, $p: Time!, $d: Time!) { updateShipment(id: $s, input: {plannedPickup: $p, plannedDelivery: $d}) { id } }`,
					map[string]any{"s": s, "p": p.Format(time.RFC3339), "d": p.Add(72 * time.Hour).Format(time.RFC3339)}
			},
		}
		const writers, each = 6, 12
		var wg sync.WaitGroup
		var mu sync.Mutex
		outcomes := map[string]int{}
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					n := w*each + i
					q, v := moves[n%len(moves)](n, ships[(w+i)%len(ships)])
					r := e.post(q, v)
					code := "ok"
					if len(r.Errors) > 0 {
						code = r.Errors[0].code() + ": " + r.Errors[0].Message
					}
					mu.Lock()
					outcomes[code]++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		for code, n := range outcomes {
			// the one refusal a person can cause here: a carrier assigned
			// twice in a row to the same shipment
			if code != "ok" && !strings.Contains(code, "is already assigned") {
				t.Errorf("%d× %s", n, code)
			}
		}
		if outcomes["ok"] < writers*each/2 {
			t.Errorf("only %d of %d writes landed: %v", outcomes["ok"], writers*each, outcomes)
		}
		diffs, err := report.Check(system(), e.st.Client)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diffs {
			t.Error(d)
		}
		e.healthy()
	})
}

// Retry-After is absent from ordinary answers.
func TestNoRetryAfterOnSuccess(t *testing.T) {
	httpOnly(t, func(t *testing.T, e *env) {
		r := e.post(`mutation { createCarrier(input: {name: "Обычный", modes: [ROAD], country: "RU"}) { id } }`, nil)
		if len(r.Errors) != 0 || r.Header.Get("Retry-After") != "" || r.Status != http.StatusOK || r.Extensions["attempts"] != nil {
			t.Fatalf("%d %v %q %v", r.Status, r.Errors, r.Header.Get("Retry-After"), r.Extensions)
		}
	})
}
