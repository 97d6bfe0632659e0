package server_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/seed"
)

// benchShipments is the data size of the benchmarks: small by default so CI
// can run them once; FREIGHTGRAPH_BENCH_SHIPMENTS=100000 for the real figures.
func benchShipments(b *testing.B) int {
	n := 2000
	if v := os.Getenv("FREIGHTGRAPH_BENCH_SHIPMENTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("FREIGHTGRAPH_BENCH_SHIPMENTS: %v", err)
		}
	}
	return n
}

// The key reads of the three kinds of users, through HTTP and GraphQL.
var keyReads = []struct {
	name, query string
	vars        func(now time.Time) map[string]any
}{
	{
		// an account manager's pipeline: open tenders by deadline, with client and lanes
		"pipeline",
		`{ tenders(first: 100, where: {stageNotIn: [WON, LOST, WITHDRAWN]}, orderBy: {field: SUBMISSION_DEADLINE}) {
		    totalCount edges { node { reference title stage estimatedValue currency winProbability weightedValue submissionDeadline
		      client { name city } owner { name }
		      lanes(first: 10) { totalCount edges { node { origin destination mode yearlyVolume targetRate offeredRate } } } } } } }`,
		nil,
	},
	{
		// an operations manager's to-do list: shipments without a carrier due in 14 days
		"carrier-assignment",
		`query($from: Time!, $to: Time!) { shipments(first: 100, orderBy: {field: PLANNED_PICKUP},
		    where: {hasCarrier: false, statusIn: [PLANNED, BOOKED], plannedPickupGTE: $from, plannedPickupLT: $to}) {
		    totalCount edges { node { reference mode origin destination plannedPickup plannedDelivery price currency
		      client { name } operationsManager { name } } } } }`,
		func(now time.Time) map[string]any {
			return map[string]any{"from": now.Format(time.RFC3339), "to": now.Add(14 * 24 * time.Hour).Format(time.RFC3339)}
		},
	},
	{
		// an analyst's nested page: clients, their tenders, their lanes
		"nested-clients",
		`{ clients(first: 50, orderBy: {field: NAME}) { totalCount edges { node { name status
		    tenders(first: 10) { totalCount edges { node { reference stage
		      lanes(first: 10) { totalCount edges { node { origin destination mode } } } } } } } } } }`,
		nil,
	},
}

func BenchmarkKeyReads(b *testing.B) { benchReads(b, keyReads) }

// The figures of the dashboards and the analysts (graph/analytics.graphql),
// each as a dashboard asks for it. FREIGHTGRAPH_BENCH_SHIPMENTS=1000000 gives
// the figures the README quotes.
var figureReads = []struct {
	name, query string
	vars        func(now time.Time) map[string]any
}{
	{"regular-clients-12-months", `{ regularClients { month count newlyRegular noLongerRegular } }`, nil},
	{"tender-totals", `{ tenderTotals { stage currency count value weightedValue } }`, nil},
	{"win-rate-by-quarter", `{ tenderWinRates(groupBy: [PERIOD], period: QUARTER) { period won lost withdrawn winRate } }`, nil},
	{"win-rate-by-owner", `{ tenderWinRates(groupBy: [OWNER]) { owner { name } won lost winRate } }`, nil},
	{"lost-reasons", `{ tenderLostReasons { reason count } }`, nil},
	{"tender-reaction", `{ tenderReaction { submitted averageDaysToSubmit averageDaysBeforeDeadline lateSubmissions } }`, nil},
	{"carrier-scorecard-12-months", `query($from: Time) { carrierScorecard(from: $from) { carrier { name } shipments delivered onTime onTimeRate averageDelayHours exceptions } }`,
		func(now time.Time) map[string]any {
			return map[string]any{"from": calendar.MonthOf(now).Start().AddDate(0, -11, 0).Format(time.RFC3339)}
		}},
	{"carrier-scorecard-road-12-months", `query($from: Time) { carrierScorecard(from: $from, where: {mode: ROAD}) { carrier { name } shipments delivered onTime onTimeRate averageDelayHours exceptions } }`,
		func(now time.Time) map[string]any {
			return map[string]any{"from": calendar.MonthOf(now).Start().AddDate(0, -11, 0).Format(time.RFC3339)}
		}},
	{"carrier-scorecard-road-since-a-day-3-months-ago", `query($from: Time) { carrierScorecard(from: $from, where: {mode: ROAD}) { carrier { name } shipments delivered onTime onTimeRate averageDelayHours exceptions } }`,
		func(now time.Time) map[string]any {
			return map[string]any{"from": now.AddDate(0, -3, 0).Format(time.RFC3339)}
		}},
	// a filter the rollups do not keep: a year of the shipments themselves
	{"carrier-scorecard-heavy-cargo-12-months", `query($from: Time) { carrierScorecard(from: $from, where: {weightKgGT: 10000}) { carrier { name } shipments delivered onTime onTimeRate averageDelayHours exceptions } }`,
		func(now time.Time) map[string]any {
			return map[string]any{"from": calendar.MonthOf(now).Start().AddDate(0, -11, 0).Format(time.RFC3339)}
		}},
	{"carrier-scorecard-by-lane", `{ carrierScorecard(groupBy: [CARRIER, MODE, LANE]) { carrier { name } mode origin destination shipments onTimeRate exceptions } }`, nil},
	{"bad-compromises", `{ badCompromises { minMarginRate clients { client { name } score marginRate averageScore } } }`, nil},
	{"manager-scorecard", `{ managers(first: 1, where: {role: OPERATIONS_MANAGER}) { edges { node { id } } } }`, nil},
	{"client-health-page-of-100", `{ clients(first: 100) { edges { node { name isRegular health { score satisfaction keptPromises margin activity } } } } }`, nil},
	{"shipment-aggregates-by-month-and-mode", `{ shipmentAggregates(groupBy: [MONTH, MODE]) { key { period mode currency } count price { sum average } margin { sum average min max } } }`, nil},
	{"shipment-aggregates-by-manager-and-quarter", `{ shipmentAggregates(groupBy: [MANAGER, QUARTER]) { key { manager { name } period currency } count price { sum } margin { sum } } }`, nil},
	{"shipment-aggregates-of-one-client-by-carrier", `query($c: ID!) { shipmentAggregates(groupBy: [CARRIER, YEAR], where: {clientID: $c}) { key { carrier { name } period currency } count price { sum } margin { sum average } } }`, nil},
	{"shipment-aggregates-heavy-cargo-by-month", `{ shipmentAggregates(groupBy: [MONTH], where: {weightKgGT: 10000}) { key { period currency } count price { sum average } margin { sum } } }`, nil},
	{"tender-aggregates-by-stage-and-manager", `{ tenderAggregates(groupBy: [STAGE, MANAGER]) { key { stage manager { name } currency } count value { sum average min max } } }`, nil},
}

func BenchmarkFigures(b *testing.B) { benchReads(b, figureReads) }

// onSeeded runs fn on SQLite and PostgreSQL, each seeded with
// benchShipments and with fresh statistics; FREIGHTGRAPH_BENCH_DSN names a
// database seeded beforehand instead (freightgraph seed --shipments
// 1000000 takes two minutes into PostgreSQL, four into SQLite), which is
// only read.
func onSeeded(b *testing.B, fn func(b *testing.B, e *env)) {
	kinds := []string{"sqlite", "postgres"}
	dsn := os.Getenv("FREIGHTGRAPH_BENCH_DSN")
	if dsn != "" {
		kinds = []string{"existing"}
	}
	for _, kind := range kinds {
		b.Run(kind, func(b *testing.B) {
			var e *env
			if dsn != "" {
				e = newEnvAt(b, dsn)
				// fresh statistics, as a running database would have (a
				// load of our own ends with them: seed.Analyze)
				if _, err := e.st.DB.Exec("ANALYZE"); err != nil {
					b.Fatal(err)
				}
			} else {
				e = newEnv(b, kind)
				n := benchShipments(b)
				start := time.Now()
				sum, err := seed.Load(context.Background(), e.st.DB, e.st.Dialect, seed.Scaled(n), calendar.Now().UTC())
				if err != nil {
					b.Fatal(err)
				}
				b.Logf("%s: seeded %s in %s", kind, sum, time.Since(start).Round(time.Millisecond))
			}
			fn(b, e)
		})
	}
}

// benchReads times each read through HTTP and GraphQL on each seeded
// database (onSeeded).
func benchReads(b *testing.B, reads []struct {
	name, query string
	vars        func(now time.Time) map[string]any
}) {
	onSeeded(b, func(b *testing.B, e *env) {
		now := calendar.Now().UTC()
		for _, r := range reads {
			var vars map[string]any
			if r.vars != nil {
				vars = r.vars(now)
			}
			query := r.query
			if r.name == "shipment-aggregates-of-one-client-by-carrier" {
				var out struct {
					Clients struct {
						Edges []struct{ Node struct{ ID string } }
					}
				}
				e.do(`{ clients(first: 1, orderBy: {field: NAME}) { edges { node { id } } } }`, nil, &out)
				vars = map[string]any{"c": out.Clients.Edges[0].Node.ID}
			}
			if r.name == "manager-scorecard" {
				// the scorecard of the first operations manager, this year and the last
				var out struct {
					Managers struct {
						Edges []struct{ Node struct{ ID string } }
					}
				}
				e.do(query, nil, &out)
				query = `query($m: ID!) { managerScorecard(managerID: $m) { current { tendersWon wonValue { currency amount } newClients regularAtStart regularKept
					  shipmentsRun delivered onTime onTimeRate satisfaction } previous { tendersWon newClients regularKept shipmentsRun onTimeRate satisfaction } } }`
				vars = map[string]any{"m": out.Managers.Edges[0].Node.ID}
			}
			b.Run(r.name, func(b *testing.B) {
				e := e.in(b)
				if os.Getenv("FREIGHTGRAPH_BENCH_SQL") != "" {
					// print the statements of one run, for the README
					var stmts []string
					collect := func(s string) { stmts = append(stmts, s) }
					e.sql.Store(&collect)
					e.do(query, vars, nil)
					b.Logf("%s statements:\n%s", r.name, strings.Join(stmts, "\n"))
					e.sql.Store(nil)
				}
				e.do(query, vars, nil) // warm up
				e.stmts.Store(0)
				b.ResetTimer()
				for b.Loop() {
					e.do(query, vars, nil)
				}
				b.ReportMetric(float64(e.stmts.Load())/float64(b.N), "stmts/op")
			})
		}
	})
}

// BenchmarkWrites measures what a write costs now that each one is checked
// against the access rules and leaves an audit entry in its transaction:
// an account manager editing a tender, an operations manager switching a
// shipment's carrier. stmts/op counts every statement: finding the viewer,
// BEGIN and COMMIT included.
func BenchmarkWrites(b *testing.B) {
	for _, kind := range []string{"sqlite", "postgres"} {
		b.Run(kind, func(b *testing.B) {
			e := newEnv(b, kind)
			f := e.fixture()
			am, _ := strconv.Atoi(f.am)
			om, _ := strconv.Atoi(f.om)
			writes := []struct {
				name  string
				token string
				op    func(i int) (string, map[string]any)
			}{
				{"update-tender", e.tokenFor(am), func(i int) (string, map[string]any) {
					return `mutation($id: ID!, $t: String!) { updateTender(id: $id, input: {title: $t}) { version } }`,
						map[string]any{"id": f.tender, "t": "Тендер " + strconv.Itoa(i)}
				}},
				{"assign-carrier", e.tokenFor(om), func(i int) (string, map[string]any) {
					carrier := f.road
					if i%2 == 1 {
						carrier = f.air
					}
					return `mutation($s: ID!, $c: ID!) { assignCarrier(shipmentID: $s, carrierID: $c) { version } }`,
						map[string]any{"s": f.shipment, "c": carrier}
				}},
			}
			for _, w := range writes {
				b.Run(w.name, func(b *testing.B) {
					as := e.in(b).as(w.token)
					i := 0
					q, vars := w.op(i)
					as.do(q, vars, nil) // warm up
					e.stmts.Store(0)
					b.ResetTimer()
					for b.Loop() {
						i++
						q, vars := w.op(i)
						as.do(q, vars, nil)
					}
					b.ReportMetric(float64(e.stmts.Load())/float64(b.N), "stmts/op")
				})
			}
		})
	}
}
