package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/seed"
)

// The demo data has something true to show on every screen: every stage,
// every status, late and unassigned shipments, gaps in the matrix.
func TestDemoData(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
		sum, err := seed.Load(context.Background(), e.st.DB, e.st.Dialect, seed.Demo, now)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Clients != 80 || sum.Tenders != 200 || sum.Shipments != 5000 || sum.Carriers != 25 || sum.Managers < 12 || sum.Events < 10000 || sum.Feedback < 100 {
			t.Fatalf("demo size: %s", sum)
		}
		var out map[string]struct{ TotalCount int }
		q := `{ managers { totalCount } clients { totalCount } shipments { totalCount } carriers { totalCount } shipmentEvents { totalCount } feedbacks { totalCount } contacts { totalCount } lanes { totalCount } tenderStageChanges { totalCount }`
		for _, s := range []string{"IDENTIFIED", "QUALIFYING", "PREPARING", "SUBMITTED", "NEGOTIATION", "WON", "LOST", "WITHDRAWN"} {
			q += " " + s + `: tenders(where: {stage: ` + s + `}) { totalCount }`
		}
		for _, s := range []string{"PLANNED", "BOOKED", "IN_TRANSIT", "DELIVERED", "CANCELLED"} {
			q += " " + s + `: shipments(where: {status: ` + s + `}) { totalCount }`
		}
		for _, s := range []string{"PROSPECT", "ACTIVE", "DORMANT", "LOST"} {
			q += " client_" + s + `: clients(where: {status: ` + s + `}) { totalCount }`
		}
		for _, m := range []string{"ROAD", "RAIL", "SEA", "AIR", "MULTIMODAL"} {
			q += " " + m + `: shipments(where: {mode: ` + m + `}) { totalCount }`
		}
		q += ` unassigned: shipments(where: {hasCarrier: false, status: PLANNED}) { totalCount }
		  delayed: shipmentEvents(where: {kind: DELAYED}) { totalCount }
		  exceptions: shipmentEvents(where: {kind: EXCEPTION}) { totalCount }
		  noOps: clients(where: {hasOperationsManager: false}) { totalCount }
		  leftAM: clients(where: {hasAccountManagerWith: {active: false}}) { totalCount }
		  eur: shipments(where: {currency: EUR}) { totalCount }
		  rub: shipments(where: {currency: RUB}) { totalCount }
		  unhappy: feedbacks(where: {scoreLTE: 2}) { totalCount }
		}`
		e.do(q, nil, &out)
		for name, v := range out {
			if v.TotalCount == 0 {
				t.Errorf("the demo has no %s", name)
			}
		}
		if out["rub"].TotalCount < out["eur"].TotalCount*3 {
			t.Errorf("prices should be mostly in RUB: %d RUB, %d EUR", out["rub"].TotalCount, out["eur"].TotalCount)
		}
		// the demo's records obey the same rules as the API's
		var won struct {
			Tenders struct {
				Edges []struct {
					Node struct {
						SubmittedAt, DecidedAt *string
						History                struct{ TotalCount int } `json:"stageHistory"`
					}
				}
			}
		}
		e.do(`{ tenders(where: {stage: WON}, first: 100) { edges { node { submittedAt decidedAt stageHistory { totalCount } } } } }`, nil, &won)
		for _, edge := range won.Tenders.Edges {
			n := edge.Node
			if n.SubmittedAt == nil || n.DecidedAt == nil || parseTime(t, *n.DecidedAt).Before(parseTime(t, *n.SubmittedAt)) || n.History.TotalCount < 3 {
				t.Fatalf("won tender breaks the pipeline rules: %+v", n)
			}
		}
		var delivered struct {
			Shipments struct {
				Edges []struct {
					Node struct {
						ActualPickup, ActualDelivery *string
						Carrier                      *struct{ Modes []string }
						Mode                         string
					}
				}
			}
		}
		e.do(`{ shipments(where: {status: DELIVERED}, first: 1000) { edges { node { mode actualPickup actualDelivery carrier { modes } } } } }`, nil, &delivered)
		for _, edge := range delivered.Shipments.Edges {
			n := edge.Node
			if n.ActualPickup == nil || n.ActualDelivery == nil || parseTime(t, *n.ActualDelivery).Before(parseTime(t, *n.ActualPickup)) || n.Carrier == nil || !containsStr(n.Carrier.Modes, n.Mode) {
				t.Fatalf("delivered shipment breaks the tracking rules: %+v", n)
			}
		}
	})
}

func containsStr(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("%q is not RFC 3339: %v", s, err)
	}
	return v
}
