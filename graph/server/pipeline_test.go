package server_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/seed"
)

type totalRow struct {
	Stage, Currency      string
	Count                int
	Value, WeightedValue string
}

const totalsQuery = `query($w: TenderWhereInput) { tenderTotals(where: $w) { stage currency count value weightedValue } }`

// The board's column totals, worked out by hand: per stage and currency,
// each weighted value rounded half up to the kopeck before it is added.
func TestTenderTotals(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture() // its tender: 12 500 000,50 ₽ at 40 % in IDENTIFIED
		am, _ := strconv.Atoi(f.am)
		asAM := e.as(e.tokenFor(am))
		deadline := calendar.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)
		add := func(ref, value, currency string, p int) string {
			return asAM.mutate("createTender", `mutation($in: CreateTenderInput!) { createTender(input: $in) { id } }`,
				map[string]any{"in": map[string]any{"reference": ref, "title": "Итоги", "clientID": f.client, "ownerID": f.am,
					"estimatedValue": value, "currency": currency, "winProbability": p, "submissionDeadline": deadline}})["id"].(string)
		}
		add("T-SUM-1", "100.00", "RUB", 33)     // 33,00
		add("T-SUM-2", "0.05", "RUB", 50)       // 0,025 → 0,03
		add("T-SUM-3", "0.01", "RUB", 50)       // 0,005 → 0,01
		add("T-SUM-4", "200.00", "EUR", 10)     // 20,00
		q := add("T-SUM-5", "999.99", "RUB", 0) // moves on: 0,00
		asAM.do(`mutation($id: ID!) { moveTender(id: $id, stage: QUALIFYING) { stage } }`, map[string]any{"id": q}, nil)

		var out struct{ TenderTotals []totalRow }
		asAM.do(totalsQuery, map[string]any{"w": map[string]any{"ownerID": f.am}}, &out)
		want := []totalRow{
			{"IDENTIFIED", "EUR", 1, "200.00", "20.00"},
			{"IDENTIFIED", "RUB", 4, "12500100.56", "5000033.24"},
			{"QUALIFYING", "RUB", 1, "999.99", "0.00"},
		}
		if !slices.Equal(out.TenderTotals, want) {
			t.Fatalf("totals:\n got %+v\nwant %+v", out.TenderTotals, want)
		}
		// a filter that selects nothing has no totals
		asAM.do(totalsQuery, map[string]any{"w": map[string]any{"ownerID": f.am, "stage": "WON"}}, &out)
		if len(out.TenderTotals) != 0 {
			t.Fatalf("no tender, yet totals: %+v", out.TenderTotals)
		}
	})
}

// On generated data, the totals equal a sum over every tender in Go, with
// and without a filter, on both databases.
func TestTenderTotalsMatchTheTenders(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		if _, err := seed.Load(context.Background(), e.st.DB, e.st.Dialect, seed.Size{Clients: 15, Tenders: 120, Shipments: 50, Months: 6}, calendar.Now()); err != nil {
			t.Fatal(err)
		}
		for _, where := range []map[string]any{
			nil,
			{"stageIn": []string{"SUBMITTED", "NEGOTIATION", "WON"}},
			{"or": []any{map[string]any{"hasClientWith": []any{map[string]any{"nameContainsFold": "о"}}}, map[string]any{"winProbabilityGTE": 50}}},
		} {
			var got struct{ TenderTotals []totalRow }
			e.do(totalsQuery, map[string]any{"w": where}, &got)
			var all struct {
				Tenders struct {
					TotalCount int
					Edges      []struct {
						Node struct{ Stage, Currency, EstimatedValue, WeightedValue string }
					}
				}
			}
			e.do(`query($w: TenderWhereInput) { tenders(first: 1000, where: $w) { totalCount edges { node { stage currency estimatedValue weightedValue } } } }`, map[string]any{"w": where}, &all)
			if all.Tenders.TotalCount != len(all.Tenders.Edges) || all.Tenders.TotalCount == 0 {
				t.Fatalf("%v: %d tenders on one page of %d", where, len(all.Tenders.Edges), all.Tenders.TotalCount)
			}
			type key struct{ stage, currency string }
			sums := map[key]*[3]int64{}
			for _, edge := range all.Tenders.Edges {
				n := edge.Node
				k := key{n.Stage, n.Currency}
				if sums[k] == nil {
					sums[k] = &[3]int64{}
				}
				v, _ := money.Parse(n.EstimatedValue)
				w, _ := money.Parse(n.WeightedValue)
				sums[k][0]++
				sums[k][1] += int64(v)
				sums[k][2] += int64(w)
			}
			if len(got.TenderTotals) != len(sums) {
				t.Fatalf("%v: %d totals, %d stage and currency pairs: %+v", where, len(got.TenderTotals), len(sums), got.TenderTotals)
			}
			for _, row := range got.TenderTotals {
				s := sums[key{row.Stage, row.Currency}]
				want := fmt.Sprintf("%d %s %s", s[0], money.Amount(s[1]), money.Amount(s[2]))
				if have := fmt.Sprintf("%d %s %s", row.Count, row.Value, row.WeightedValue); s == nil || have != want {
					t.Errorf("%v %s %s: %s, the tenders add up to %s", where, row.Stage, row.Currency, have, want)
				}
			}
			if !slices.IsSortedFunc(got.TenderTotals, func(a, b totalRow) int {
				return slices.Index(stageOrder, a.Stage) - slices.Index(stageOrder, b.Stage)
			}) {
				t.Errorf("totals not in pipeline order: %+v", got.TenderTotals)
			}
		}
	})
}

var stageOrder = []string{"IDENTIFIED", "QUALIFYING", "PREPARING", "SUBMITTED", "NEGOTIATION", "WON", "LOST", "WITHDRAWN"}
