package server_test

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// Money sums never overflow. One client's 9,303 tenders at the largest
// value (10,000,000,000,000.00) once made tenderTotals and tenderAggregates
// fail for every role, for ever (SQLite: integer overflow; PostgreSQL: a
// total past int64); shipments at the largest price did the same to a
// rollup row, and then to every write to it. Here they are all answered
// exactly, as decimal strings worked out with big integers, through the
// shipments and through the rollups, after the rollups are rebuilt and
// after a write adds to the overflowing row; as many shipments again at a
// loss of the largest amount each make the margins' parts of mixed signs.
func TestSumsDoNotOverflow(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		ctx := context.Background()
		const copies = 9303
		tender, _ := strconv.Atoi(f.tender)
		shipment, _ := strconv.Atoi(f.shipment)
		// copies of the fixture's tender, WON this year at the largest value,
		// and of its shipment at the largest price below Max that has both
		// parts of money.Split (cost 1)
		top := int64(money.Max)
		price := int64(money.Max) - 1
		n := `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ` + strconv.Itoa(copies) + `) `
		if _, err := e.st.DB.ExecContext(ctx, n+`INSERT INTO tenders (version, created_at, updated_at, reference, title, stage,
			estimated_value, currency, win_probability, submission_deadline, submitted_at, decided_at, lost_reason, client_id, owner_id)
			SELECT version, created_at, updated_at, reference || '-' || n.i, title, 'WON', $1, currency, win_probability,
			submission_deadline, created_at, created_at, lost_reason, client_id, owner_id FROM tenders, n WHERE tenders.id = $2`,
			top, tender); err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.DB.ExecContext(ctx, n+`INSERT INTO shipments (version, created_at, updated_at, reference, mode, origin,
			destination, status, planned_pickup, pickup_month, planned_delivery, currency, price, cost, weight_kg, client_id,
			operations_manager_id) SELECT version, created_at, updated_at, reference || '-' || n.i, mode, origin, destination,
			status, planned_pickup, pickup_month, planned_delivery, currency, $1, 1, weight_kg, client_id, operations_manager_id
			FROM shipments, n WHERE shipments.id = $2`, price, shipment); err != nil {
			t.Fatal(err)
		}
		// and as many again that cost the largest amount for a cent: their
		// margins, negative, are summed in parts of mixed signs
		if _, err := e.st.DB.ExecContext(ctx, n+`INSERT INTO shipments (version, created_at, updated_at, reference, mode, origin,
			destination, status, planned_pickup, pickup_month, planned_delivery, currency, price, cost, weight_kg, client_id,
			operations_manager_id) SELECT version, created_at, updated_at, reference || '-loss-' || n.i, mode, origin, destination,
			status, planned_pickup, pickup_month, planned_delivery, currency, 1, $1, weight_kg, client_id, operations_manager_id
			FROM shipments, n WHERE shipments.id = $2`, top, shipment); err != nil {
			t.Fatal(err)
		}
		sys := rule.System(ctx, "test")
		tx, err := e.st.Client.Tx(sys)
		if err != nil {
			t.Fatal(err)
		}
		if err := report.RebuildTotals(sys, tx.Client()); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}

		// the expected figures, with big integers
		times := func(k int, v int64) *big.Int { return new(big.Int).Mul(big.NewInt(int64(k)), big.NewInt(v)) }
		plus := func(a *big.Int, b int64) *big.Int { return new(big.Int).Add(a, big.NewInt(b)) }
		dec := func(v *big.Int) string {
			q, r := new(big.Int).QuoRem(new(big.Int).Abs(v), big.NewInt(100), new(big.Int))
			sign := ""
			if v.Sign() < 0 {
				sign = "-"
			}
			return fmt.Sprintf("%s%s.%02d", sign, q, r.Int64())
		}
		// half away from zero, to the minor unit
		avg := func(sum *big.Int, k int) string {
			q, r := new(big.Int).QuoRem(sum, big.NewInt(int64(k)), new(big.Int))
			if new(big.Int).Mul(new(big.Int).Abs(r), big.NewInt(2)).Cmp(big.NewInt(int64(k))) >= 0 {
				q.Add(q, big.NewInt(int64(sum.Sign())))
			}
			return dec(q)
		}
		wonValue := times(copies, top)
		wonWeighted := times(copies, (top*40+50)/100)
		fixturePrice, fixtureCost := int64(15_000_000), int64(12_000_000)

		var totals struct {
			TenderTotals []struct {
				Stage, Value, WeightedValue string
				Count                       int
			}
		}
		e.do(`query($c: ID!) { tenderTotals(where: {clientID: $c}) { stage count value weightedValue } }`, map[string]any{"c": f.client}, &totals)
		won := false
		for _, r := range totals.TenderTotals {
			if r.Stage == "WON" {
				won = true
				if r.Count != copies || r.Value != dec(wonValue) || r.WeightedValue != dec(wonWeighted) {
					t.Fatalf("tenderTotals: %+v, want %d, %s, %s", r, copies, dec(wonValue), dec(wonWeighted))
				}
			}
		}
		if !won {
			t.Fatalf("tenderTotals: %+v", totals)
		}

		allValue := plus(wonValue, 1_250_000_050)
		var tenders struct {
			TenderAggregates []struct {
				Count int
				Value struct {
					Count                  int
					Sum, Average, Min, Max string
				}
			}
		}
		e.do(`query($c: ID!) { tenderAggregates(groupBy: [CLIENT], where: {clientID: $c}) { count value { count sum average min max } } }`,
			map[string]any{"c": f.client}, &tenders)
		if len(tenders.TenderAggregates) != 1 {
			t.Fatalf("tenderAggregates: %+v", tenders)
		}
		v := tenders.TenderAggregates[0].Value
		if v.Count != copies+1 || v.Sum != dec(allValue) || v.Average != avg(allValue, copies+1) ||
			v.Min != "12500000.50" || v.Max != money.Max.String() {
			t.Fatalf("tenderAggregates: %+v, want sum %s, average %s", v, dec(allValue), avg(allValue, copies+1))
		}

		var card struct {
			ManagerScorecard struct {
				Current struct {
					TendersWon int
					WonValue   []struct{ Currency, Amount string }
				}
			}
		}
		e.do(`query($m: ID!, $y: Int) { managerScorecard(managerID: $m, year: $y) { current { tendersWon wonValue { currency amount } } } }`,
			map[string]any{"m": f.am, "y": calendar.Now().UTC().Year()}, &card)
		if c := card.ManagerScorecard.Current; c.TendersWon != copies || len(c.WonValue) != 1 || c.WonValue[0].Amount != dec(wonValue) {
			t.Fatalf("managerScorecard: %+v, want %s", c, dec(wonValue))
		}

		shipmentsSum := func(label string, groupBy string, where map[string]any, k int, prices, margins *big.Int) {
			t.Helper()
			var out struct {
				ShipmentAggregates []struct {
					Count         int
					Price, Margin struct {
						Count        int
						Sum, Average string
					}
				}
			}
			e.do(`query($w: ShipmentWhereInput) { shipmentAggregates(groupBy: [`+groupBy+`], where: $w) {
				count price { count sum average } margin { count sum average } } }`, map[string]any{"w": where}, &out)
			if len(out.ShipmentAggregates) != 1 {
				t.Fatalf("%s: %+v", label, out)
			}
			a := out.ShipmentAggregates[0]
			if a.Count != k || a.Price.Sum != dec(prices) || a.Price.Average != avg(prices, k) ||
				a.Margin.Sum != dec(margins) || a.Margin.Average != avg(margins, k) {
				t.Fatalf("%s: %+v, want %d, price %s (%s), margin %s (%s)", label, a, k, dec(prices), avg(prices, k), dec(margins), avg(margins, k))
			}
		}
		prices := plus(new(big.Int).Add(times(copies, price), times(copies, 1)), fixturePrice)
		margins := plus(new(big.Int).Add(times(copies, price-1), times(copies, 1-top)), fixturePrice-fixtureCost)
		// by the rollup (a key it keeps, no filter) and by the shipments
		shipmentsSum("the rollup", "MODE", nil, 2*copies+1, prices, margins)
		shipmentsSum("the shipments", "CLIENT", map[string]any{"clientID": f.client}, 2*copies+1, prices, margins)

		// a write adds to the row past int64 (it once failed: bigint out
		// of range), and the rollups stay equal to a recount
		pickup := calendar.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
		e.do(`mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"reference": fmt.Sprintf("SH-MAX-%d", f.seq), "clientID": f.client, "operationsManagerID": f.om, "mode": "ROAD",
			"origin": "Москва", "destination": "Казань", "plannedPickup": pickup.Format(time.RFC3339),
			"plannedDelivery": pickup.Add(72 * time.Hour).Format(time.RFC3339), "currency": "RUB",
			"price": money.Amount(price).String(), "cost": "0.01"}}, nil)
		prices, margins = plus(prices, price), plus(margins, price-1)
		shipmentsSum("the rollup after a write", "MODE", nil, 2*copies+2, prices, margins)
		shipmentsSum("the shipments after a write", "CLIENT", map[string]any{"clientID": f.client}, 2*copies+2, prices, margins)
		diffs, err := report.Check(sys, e.st.Client)
		if err != nil || len(diffs) > 0 {
			t.Fatalf("the rollups against a recount: %v %v", err, diffs)
		}
		e.healthy()
	})
}
