package server_test

import (
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
)

// An exception recorded while carrier A held a shipment stays A's after
// the shipment moves to carrier B: in A's scorecard, from the rollup (whole
// months) and from the shipments (any other filter), as in A's record.
func TestExceptionStaysWithItsCarrier(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		assign := `mutation($s: ID!, $c: ID!) { assignCarrier(shipmentID: $s, carrierID: $c) { id } }`
		e.do(assign, map[string]any{"s": f.shipment, "c": f.road}, nil)
		e.do(`mutation($s: ID!, $at: Time!) { recordShipmentEvent(shipmentID: $s, kind: EXCEPTION, at: $at, note: "Машина не пришла") { id } }`,
			map[string]any{"s": f.shipment, "at": calendar.Now().UTC().Format(time.RFC3339)}, nil)
		e.do(assign, map[string]any{"s": f.shipment, "c": f.air}, nil)

		type score struct {
			Carrier               struct{ ID string }
			Shipments, Exceptions int
		}
		var out struct{ Rollup, Rows []score }
		e.do(`{
		  rollup: carrierScorecard { carrier { id } shipments exceptions }
		  rows: carrierScorecard(where: {priceGTE: "0"}) { carrier { id } shipments exceptions }
		}`, nil, &out)
		for name, rows := range map[string][]score{"rollup": out.Rollup, "shipments": out.Rows} {
			got := map[string]score{}
			for _, r := range rows {
				got[r.Carrier.ID] = r
			}
			if a := got[f.road]; a.Exceptions != 1 || a.Shipments != 0 {
				t.Errorf("%s: the first carrier has %d exceptions and %d shipments; want 1 and 0 (%+v)", name, a.Exceptions, a.Shipments, rows)
			}
			if b := got[f.air]; b.Exceptions != 0 || b.Shipments != 1 {
				t.Errorf("%s: the second carrier has %d exceptions and %d shipments; want 0 and 1 (%+v)", name, b.Exceptions, b.Shipments, rows)
			}
		}
		var rec struct {
			Node struct {
				Record struct{ RecentExceptions int }
			}
		}
		e.do(`query($id: ID!) { node(id: $id) { ... on Carrier { record { recentExceptions } } } }`, map[string]any{"id": f.road}, &rec)
		if rec.Node.Record.RecentExceptions != 1 {
			t.Errorf("the first carrier's record counts %d exceptions, want 1", rec.Node.Record.RecentExceptions)
		}
	})
}

// "The last 90 days" end now: feedback dated a few minutes ahead (which the
// API accepts, for clocks that differ) does not count in a client's
// satisfaction or health yet.
func TestFeedbackAheadDoesNotCountYet(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		create := `mutation($c: ID!, $s: Int!, $at: Time!) { createFeedback(input: {clientID: $c, score: $s, receivedAt: $at}) { id } }`
		now := calendar.Now().UTC()
		e.do(create, map[string]any{"c": f.client, "s": 5, "at": now.Add(-time.Hour).Format(time.RFC3339)}, nil)
		e.do(create, map[string]any{"c": f.client, "s": 1, "at": now.Add(10 * time.Minute).Format(time.RFC3339)}, nil)
		var out struct {
			Node struct {
				Satisfaction struct {
					RecentCount   int
					RecentAverage float64
					Unhappy       bool
				}
				Health struct{ Satisfaction *float64 }
			}
		}
		e.do(`query($id: ID!) { node(id: $id) { ... on Client { satisfaction { recentCount recentAverage unhappy } health { satisfaction } } } }`,
			map[string]any{"id": f.client}, &out)
		s := out.Node.Satisfaction
		if s.RecentCount != 1 || s.RecentAverage != 5 || s.Unhappy {
			t.Fatalf("satisfaction counts feedback dated ahead: %+v", s)
		}
		if h := out.Node.Health.Satisfaction; h == nil || *h != 1 {
			t.Fatalf("health's satisfaction %v, want 1 (a 5 only)", h)
		}
	})
}
