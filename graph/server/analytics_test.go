package server_test

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/graph/server"
)

// Each figure against a small world whose answer is worked out by hand in
// the comments; analytics_random_test.go checks them against naive Go on a
// random world.

func near(t testing.TB, what string, got *float64, want float64) {
	t.Helper()
	if got == nil || math.Abs(*got-want) > 1e-9 {
		t.Errorf("%s: got %v, want %v", what, deref(got), want)
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func asJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestRegularClientsByHand(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		w := e.world()
		a, b, c, d := w.client(0, 0), w.client(0, 0), w.client(0, 0), w.client(0, 0)
		on := func(client int, y int, m time.Month, status enum.ShipmentStatus) {
			w.ship(ship{client: client, pickup: utc(y, m, 10), status: status})
		}
		// A: Jan, Feb, Mar. B: Jan, Feb twice, and a cancelled Mar (never
		// counts). C: Mar, Apr, May. D: Feb, mid-March, and 23:30 on 31
		// March at UTC−2, which is 1 April in UTC.
		for _, m := range []time.Month{1, 2, 3} {
			on(a, 2026, m, "")
		}
		on(b, 2026, 1, "")
		on(b, 2026, 2, "")
		on(b, 2026, 2, "")
		on(b, 2026, 3, enum.ShipmentCancelled)
		for _, m := range []time.Month{3, 4, 5} {
			on(c, 2026, m, "")
		}
		on(d, 2026, 2, "")
		on(d, 2026, 3, "")
		w.ship(ship{client: d, pickup: time.Date(2026, 3, 31, 23, 30, 0, 0, time.FixedZone("UTC-2", -2*3600))})

		// Regular in M: shipments in 3 of the 6 months before M.
		//   Mar: none (A has Jan, Feb)               → 0, +0, −0
		//   Apr: A (Jan–Mar); D has Feb, Mar only    → 1, +1 (A)
		//   May: A; D (Feb, Mar, Apr UTC)            → 2, +1 (D)
		//   Jun: A, C (Mar–May), D                   → 3, +1 (C)
		//   Jul: A, C, D (window Jan–Jun)            → 3
		//   Aug: C, D; A has Feb, Mar only           → 2, −1 (A)
		//   Sep: C; D has Mar, Apr only              → 1, −1 (D)
		//   Oct: C has Apr, May only                 → 0, −1 (C)
		// B never: two months (a cancelled shipment never counts).
		want := []struct {
			month                  string
			count, newly, noLonger int
		}{{"2026-03", 0, 0, 0}, {"2026-04", 1, 1, 0}, {"2026-05", 2, 1, 0}, {"2026-06", 3, 1, 0},
			{"2026-07", 3, 0, 0}, {"2026-08", 2, 0, 1}, {"2026-09", 1, 0, 1}, {"2026-10", 0, 0, 1}}
		var out struct {
			RegularClients []struct {
				Month                                string
				Count, NewlyRegular, NoLongerRegular int
			}
		}
		e.do(`{ regularClients(from: "2026-03", to: "2026-10") { month count newlyRegular noLongerRegular } }`, nil, &out)
		if len(out.RegularClients) != len(want) {
			t.Fatalf("months: %s", asJSON(out))
		}
		for i, g := range out.RegularClients {
			if w := want[i]; g.Month != w.month || g.Count != w.count || g.NewlyRegular != w.newly || g.NoLongerRegular != w.noLonger {
				t.Errorf("%s: got %d, +%d, −%d; want %s: %d, +%d, −%d", g.Month, g.Count, g.NewlyRegular, g.NoLongerRegular, w.month, w.count, w.newly, w.noLonger)
			}
		}

		// isRegular is as of this month: E has the three months before it;
		// F two and a cancelled one; G three, but this month and two before.
		now := calendar.Now().UTC()
		monthsAgo := func(n int) time.Time {
			return time.Date(now.Year(), now.Month()-time.Month(n), 15, 12, 0, 0, 0, time.UTC)
		}
		eC, f, g := w.client(0, 0), w.client(0, 0), w.client(0, 0)
		for _, n := range []int{1, 2, 3} {
			w.ship(ship{client: eC, pickup: monthsAgo(n)})
		}
		w.ship(ship{client: f, pickup: monthsAgo(1)})
		w.ship(ship{client: f, pickup: monthsAgo(2)})
		w.ship(ship{client: f, pickup: monthsAgo(3), status: enum.ShipmentCancelled})
		for _, n := range []int{0, 1, 2} {
			w.ship(ship{client: g, pickup: monthsAgo(n)})
		}
		var regular struct {
			Clients struct {
				Edges []struct {
					Node struct {
						ID        string
						IsRegular bool
					}
				}
			}
		}
		e.do(`{ clients(first: 20) { edges { node { id isRegular } } } }`, nil, &regular)
		got := map[string]bool{}
		for _, ed := range regular.Clients.Edges {
			got[ed.Node.ID] = ed.Node.IsRegular
		}
		for client, want := range map[int]bool{eC: true, f: false, g: false, a: false} {
			if got[id(client)] != want {
				t.Errorf("client %d: isRegular %v, want %v", client, got[id(client)], want)
			}
		}

		// the definition is a setting: 2 of the 3 months before
		e2 := newEnvWith(t, e.name, func(c *server.Config) { c.Figures.RegularMonths, c.Figures.RegularWindow = 2, 3 })
		w2 := e2.world()
		x := w2.client(0, 0)
		w2.ship(ship{client: x, pickup: utc(2026, 1, 5)})
		w2.ship(ship{client: x, pickup: utc(2026, 3, 5)})
		// Apr: Jan–Mar has Jan, Mar → regular. May: Feb–Apr has Mar → not.
		e2.do(`{ regularClients(from: "2026-04", to: "2026-05") { month count newlyRegular noLongerRegular } }`, nil, &out)
		if asJSON(out.RegularClients) != `[{"Month":"2026-04","Count":1,"NewlyRegular":1,"NoLongerRegular":0},{"Month":"2026-05","Count":0,"NewlyRegular":0,"NoLongerRegular":1}]` {
			t.Errorf("2 of 3: %s", asJSON(out.RegularClients))
		}

		for _, bad := range []string{`{ regularClients(from: "2026-05", to: "2026-04") { month } }`, `{ regularClients(from: "2000-01", to: "2026-04") { month } }`} {
			e.fail("BAD_USER_INPUT", bad, nil)
		}
		contains(t, e.fail("BAD_USER_INPUT", `{ regularClients(from: "2026-13") { month } }`, nil), "2026-13")
	})
}

func TestTenderFiguresByHand(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		w := e.world()
		x, y := w.manager(enum.RoleAccountManager), w.manager(enum.RoleAccountManager)
		c1, c2 := w.client(x, 0), w.client(y, 0)
		q1, q2 := utc(2026, 2, 10), utc(2026, 5, 20)
		// X: Q1 won, won, lost ("Цена"); Q2 lost (" цена "), withdrawn.
		// Y: Q2 won. An open tender is not decided.
		w.tender(bid{client: c1, owner: x, stage: enum.StageWon, decided: tp(q1), value: amount(100)})
		w.tender(bid{client: c1, owner: x, stage: enum.StageWon, decided: tp(q1), value: amount(50)})
		w.tender(bid{client: c1, owner: x, stage: enum.StageLost, decided: tp(q1), lostReason: "Цена"})
		w.tender(bid{client: c1, owner: x, stage: enum.StageLost, decided: tp(q2), lostReason: " цена "})
		w.tender(bid{client: c1, owner: x, stage: enum.StageWithdrawn, decided: tp(q2)})
		w.tender(bid{client: c2, owner: y, stage: enum.StageWon, decided: tp(q2), value: amount(10)})
		w.tender(bid{client: c2, owner: y, stage: enum.StageLost, decided: tp(q2), lostReason: "Сроки"})
		w.tender(bid{client: c2, owner: y, stage: enum.StageNegotiation})
		// Reaction: one identified 1 Jan, submitted 11 Jan (10 days), due
		// 15 Jan (4 days left); one identified 1 Feb, submitted 3 Feb (2
		// days), due 2 Feb (1 day late). Averages 6 and 1.5, one late.
		w.tender(bid{client: c1, owner: x, stage: enum.StageSubmitted, created: utc(2026, 1, 1), submitted: tp(utc(2026, 1, 11)), deadline: utc(2026, 1, 15)})
		w.tender(bid{client: c1, owner: x, stage: enum.StageSubmitted, created: utc(2026, 2, 1), submitted: tp(utc(2026, 2, 3)), deadline: utc(2026, 2, 2)})

		type rate struct {
			Period, PeriodStart  *string
			Owner                *struct{ ID string }
			Client               *struct{ ID string }
			Won, Lost, Withdrawn int
			WinRate              *float64
		}
		var out struct {
			All, ByQuarter, ByOwner, Q2, ByClientOfX []rate
			TenderLostReasons                        []struct {
				Reason string
				Count  int
			}
			TenderReaction struct {
				Submitted, LateSubmissions                     int
				AverageDaysToSubmit, AverageDaysBeforeDeadline *float64
			}
		}
		e.do(`query($x: ID!) { all: tenderWinRates { won lost withdrawn winRate }
		  byQuarter: tenderWinRates(groupBy: [PERIOD], period: QUARTER) { period periodStart won lost withdrawn winRate }
		  byOwner: tenderWinRates(groupBy: [OWNER]) { owner { id } won lost withdrawn winRate }
		  q2: tenderWinRates(from: "2026-04-01T00:00:00Z", to: "2026-07-01T00:00:00Z") { won lost winRate }
		  byClientOfX: tenderWinRates(groupBy: [CLIENT], where: {ownerID: $x}) { client { id } won lost winRate }
		  tenderLostReasons { reason count }
		  tenderReaction { submitted lateSubmissions averageDaysToSubmit averageDaysBeforeDeadline } }`, map[string]any{"x": id(x)}, &out)

		// all: won 3, lost 3, withdrawn 1 → 0.5
		if len(out.All) != 1 || out.All[0].Won != 3 || out.All[0].Lost != 3 || out.All[0].Withdrawn != 1 {
			t.Errorf("all: %s", asJSON(out.All))
		} else {
			near(t, "win rate", out.All[0].WinRate, 0.5)
		}
		// Q1: won 2, lost 1 → 2/3; Q2: won 1, lost 2, withdrawn 1 → 1/3
		if len(out.ByQuarter) != 2 || *out.ByQuarter[0].Period != "2026-Q1" || *out.ByQuarter[0].PeriodStart != "2026-01" ||
			out.ByQuarter[0].Won != 2 || out.ByQuarter[0].Lost != 1 || *out.ByQuarter[1].Period != "2026-Q2" || *out.ByQuarter[1].PeriodStart != "2026-04" ||
			out.ByQuarter[1].Won != 1 || out.ByQuarter[1].Lost != 2 || out.ByQuarter[1].Withdrawn != 1 {
			t.Fatalf("by quarter: %s", asJSON(out.ByQuarter))
		}
		near(t, "Q1", out.ByQuarter[0].WinRate, 2.0/3)
		near(t, "Q2", out.ByQuarter[1].WinRate, 1.0/3)
		// X: won 2, lost 2 → 0.5; Y: won 1, lost 1 → 0.5
		byOwner := map[string]rate{}
		for _, r := range out.ByOwner {
			byOwner[r.Owner.ID] = r
		}
		if r := byOwner[id(x)]; r.Won != 2 || r.Lost != 2 || r.Withdrawn != 1 {
			t.Errorf("X: %s", asJSON(r))
		}
		if r := byOwner[id(y)]; r.Won != 1 || r.Lost != 1 {
			t.Errorf("Y: %s", asJSON(r))
		}
		if len(out.Q2) != 1 || out.Q2[0].Won != 1 || out.Q2[0].Lost != 2 {
			t.Errorf("Q2 by dates: %s", asJSON(out.Q2))
		}
		if len(out.ByClientOfX) != 1 || out.ByClientOfX[0].Client.ID != id(c1) || out.ByClientOfX[0].Won != 2 {
			t.Errorf("X's clients: %s", asJSON(out.ByClientOfX))
		}
		// "Цена" and " цена " are one reason, given twice; "Сроки" once
		if asJSON(out.TenderLostReasons) != `[{"Reason":"Цена","Count":2},{"Reason":"Сроки","Count":1}]` {
			t.Errorf("lost reasons: %s", asJSON(out.TenderLostReasons))
		}
		r := out.TenderReaction
		if r.Submitted != 2 || r.LateSubmissions != 1 {
			t.Errorf("reaction: %s", asJSON(r))
		}
		near(t, "days to submit", r.AverageDaysToSubmit, 6)
		near(t, "days before deadline", r.AverageDaysBeforeDeadline, 1.5)

		// the pipeline per stage and currency is tenderTotals (tested in
		// tender_test.go); its aggregates by stage agree with it here
		var agg struct {
			TenderAggregates []struct {
				Key struct {
					Stage, Currency string
					Manager         *struct{ ID string }
				}
				Count int
				Value struct {
					Count                  int
					Sum, Average, Min, Max *string
				}
			}
		}
		e.do(`{ tenderAggregates(groupBy: [STAGE, MANAGER], where: {stage: WON}) { key { stage currency manager { id } } count value { count sum average min max } } }`, nil, &agg)
		// WON: X 100 and 50 → sum 150, average 75; Y 10
		if len(agg.TenderAggregates) != 2 {
			t.Fatalf("tender aggregates: %s", asJSON(agg))
		}
		for _, a := range agg.TenderAggregates {
			switch a.Key.Manager.ID {
			case id(x):
				if a.Count != 2 || *a.Value.Sum != "150.00" || *a.Value.Average != "75.00" || *a.Value.Min != "50.00" || *a.Value.Max != "100.00" {
					t.Errorf("X's won: %s", asJSON(a))
				}
			case id(y):
				if a.Count != 1 || *a.Value.Sum != "10.00" {
					t.Errorf("Y's won: %s", asJSON(a))
				}
			}
		}
	})
}

func TestCarrierScorecardByHand(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		w := e.world()
		cl := w.client(0, 0)
		k1, k2 := w.carrier(enum.ModeRoad), w.carrier(enum.ModeAir, enum.ModeRoad)
		now := calendar.Now().UTC().Truncate(time.Second)
		day := 24 * time.Hour
		p := now.Add(-30 * day)
		// K1 by road Москва–Казань: on time to the minute; 10 hours late
		// (two exceptions); in transit (one exception, one delay: not an
		// exception); cancelled (never counts). K2 by air: 2 hours early;
		// K2 by road Москва–Пермь: delivered 4 hours late.
		w.ship(ship{client: cl, carrier: k1, pickup: p, delivery: p.Add(2 * day), delivered: tp(p.Add(2 * day))})
		late := w.ship(ship{client: cl, carrier: k1, pickup: p, delivery: p.Add(2 * day), delivered: tp(p.Add(2*day + 10*time.Hour))})
		moving := w.ship(ship{client: cl, carrier: k1, pickup: now.Add(-day), status: enum.ShipmentInTransit})
		w.ship(ship{client: cl, carrier: k1, pickup: p, status: enum.ShipmentCancelled})
		w.ship(ship{client: cl, carrier: k2, mode: enum.ModeAir, pickup: p, delivery: p.Add(day), delivered: tp(p.Add(22 * time.Hour))})
		w.ship(ship{client: cl, carrier: k2, origin: "Москва", destination: "Пермь", pickup: p, delivery: p.Add(day), delivered: tp(p.Add(28 * time.Hour))})
		w.ship(ship{client: cl, pickup: p}) // no carrier yet: on no card
		w.event(late, enum.EventException, p.Add(day))
		w.event(late, enum.EventException, p.Add(day+time.Hour))
		w.event(moving, enum.EventException, now.Add(-time.Hour))
		w.event(moving, enum.EventDelayed, now.Add(-time.Hour))

		type score struct {
			Carrier *struct {
				ID         string
				OnTimeRate *float64
			}
			Mode, Origin, Destination                *string
			Shipments, Delivered, OnTime, Exceptions int
			OnTimeRate, AverageDelayHours            *float64
		}
		var out struct{ ByCarrier, ByLane, ByMode, Window []score }
		e.do(`query($from: Time) { byCarrier: carrierScorecard { carrier { id onTimeRate } shipments delivered onTime onTimeRate averageDelayHours exceptions }
		  byLane: carrierScorecard(groupBy: [CARRIER, LANE]) { carrier { id } origin destination shipments delivered onTime averageDelayHours exceptions }
		  byMode: carrierScorecard(groupBy: [MODE]) { mode shipments delivered onTime exceptions }
		  window: carrierScorecard(from: $from) { carrier { id } shipments delivered exceptions } }`,
			map[string]any{"from": now.Add(-2 * day).Format(time.RFC3339)}, &out)
		// K1: 3 shipments, 2 delivered, 1 on time (0.5), delays 0 and 10
		// → 5 hours, 3 exceptions. K2: 2, 2 delivered, 1 on time, delays 0
		// and 4 → 2 hours. K1 first: more shipments.
		if len(out.ByCarrier) != 2 || out.ByCarrier[0].Carrier.ID != id(k1) {
			t.Fatalf("by carrier: %s", asJSON(out.ByCarrier))
		}
		k1s, k2s := out.ByCarrier[0], out.ByCarrier[1]
		if k1s.Shipments != 3 || k1s.Delivered != 2 || k1s.OnTime != 1 || k1s.Exceptions != 3 {
			t.Errorf("K1: %s", asJSON(k1s))
		}
		near(t, "K1 on time", k1s.OnTimeRate, 0.5)
		near(t, "K1 delay", k1s.AverageDelayHours, 5)
		near(t, "K1 on time in its record (12 months)", k1s.Carrier.OnTimeRate, 0.5)
		if k2s.Shipments != 2 || k2s.Delivered != 2 || k2s.OnTime != 1 || k2s.Exceptions != 0 {
			t.Errorf("K2: %s", asJSON(k2s))
		}
		near(t, "K2 delay", k2s.AverageDelayHours, 2)
		if len(out.ByLane) != 3 {
			t.Errorf("by carrier and lane: %s", asJSON(out.ByLane))
		}
		for _, l := range out.ByLane {
			if l.Carrier.ID == id(k2) && *l.Destination == "Пермь" && (l.Shipments != 1 || l.OnTime != 0) {
				t.Errorf("K2 to Пермь: %s", asJSON(l))
			}
		}
		// by mode: ROAD has K1's 3 and K2's Пермь; AIR has one
		modes := map[string]score{}
		for _, m := range out.ByMode {
			modes[*m.Mode] = m
		}
		if modes["ROAD"].Shipments != 4 || modes["ROAD"].Delivered != 3 || modes["ROAD"].Exceptions != 3 || modes["AIR"].Shipments != 1 || modes["AIR"].OnTime != 1 {
			t.Errorf("by mode: %s", asJSON(out.ByMode))
		}
		// since two days ago: only the one in transit
		if len(out.Window) != 1 || out.Window[0].Shipments != 1 || out.Window[0].Delivered != 0 || out.Window[0].Exceptions != 1 {
			t.Errorf("window: %s", asJSON(out.Window))
		}
	})
}

func TestClientHealthByHand(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		w := e.world()
		h, g, l := w.client(0, 0), w.client(0, 0), w.client(0, 0)
		quiet := w.client(0, 0)
		now := calendar.Now().UTC().Truncate(time.Second)
		day := 24 * time.Hour
		ago := func(d int) time.Time { return now.Add(-time.Duration(d) * day) }
		// H: four shipments 100–130 days ago, delivered (three on time, one
		// late), two of them priced 1000 at cost 700 and 900 (margins 0.3
		// and 0.1, average 0.2); two in the last 90 days. Feedback 4 and
		// 2 this quarter: average 3, lowest 2, so unhappy.
		for i, lateBy := range []time.Duration{0, 0, 0, time.Hour} {
			pickup := ago(100 + 10*i)
			s := ship{client: h, pickup: pickup, delivered: tp(pickup.Add(48*time.Hour + lateBy)), price: amount(1000)}
			if i == 0 {
				s.cost = cost(700)
			}
			if i == 1 {
				s.cost = cost(900)
			}
			w.ship(s)
		}
		w.ship(ship{client: h, pickup: ago(20), status: enum.ShipmentInTransit, price: amount(1000)})
		w.ship(ship{client: h, pickup: ago(10), status: enum.ShipmentBooked, price: amount(1000)})
		w.feedback(h, 4, ago(5))
		w.feedback(h, 2, ago(40))
		w.feedback(h, 1, ago(200)) // too old to count
		// Health of H:
		//   satisfaction (3 − 1) / 4 = 0.5      × 0.40 = 0.200
		//   kept promises 3 / 4 = 0.75          × 0.30 = 0.225
		//   margin 0.2 / 0.2 = 1                × 0.15 = 0.150
		//   activity 2 recent / 4 before = 0.5  × 0.15 = 0.075
		//   score 100 × 0.650 = 65
		// G: happy (5), one shipment at margin 0.4, delivered on time.
		w.ship(ship{client: g, pickup: ago(30), delivered: tp(ago(28)), price: amount(100), cost: cost(60)})
		w.feedback(g, 5, ago(3))
		// L: unhappy (1), one shipment at margin 0.05.
		w.ship(ship{client: l, pickup: ago(30), price: amount(100), cost: cost(95), status: enum.ShipmentBooked})
		w.feedback(l, 1, ago(3))
		// quiet: nothing at all, so no score.

		type health struct {
			Client                                       struct{ ID string }
			Score                                        *int
			Satisfaction, KeptPromises, Margin, Activity *float64
			AverageScore, OnTimeRate, MarginRate         *float64
			Unhappy                                      bool
			RecentShipments, PreviousShipments           int
		}
		var out struct {
			Clients struct {
				Edges []struct {
					Node struct {
						ID     string
						Health health
					}
				}
			}
			Strict struct {
				MinMarginRate float64
				Clients       []health
			}
			Default struct {
				MinMarginRate float64
				Clients       []health
			}
		}
		e.do(`{ clients(first: 10) { edges { node { id health { client { id } score satisfaction keptPromises margin activity averageScore onTimeRate marginRate unhappy recentShipments previousShipments } } } }
		  strict: badCompromises(minMarginRate: 0.15) { minMarginRate clients { client { id } score marginRate unhappy } }
		  default: badCompromises { minMarginRate clients { client { id } } } }`, nil, &out)
		byID := map[string]health{}
		for _, ed := range out.Clients.Edges {
			if ed.Node.Health.Client.ID != ed.Node.ID {
				t.Errorf("health of %s names client %s", ed.Node.ID, ed.Node.Health.Client.ID)
			}
			byID[ed.Node.ID] = ed.Node.Health
		}
		hh := byID[id(h)]
		if hh.Score == nil || *hh.Score != 65 || !hh.Unhappy || hh.RecentShipments != 2 || hh.PreviousShipments != 4 {
			t.Errorf("H: %s", asJSON(hh))
		}
		near(t, "H satisfaction", hh.Satisfaction, 0.5)
		near(t, "H average score", hh.AverageScore, 3)
		near(t, "H kept promises", hh.KeptPromises, 0.75)
		near(t, "H margin rate", hh.MarginRate, 0.2)
		near(t, "H margin part", hh.Margin, 1)
		near(t, "H activity", hh.Activity, 0.5)
		// G: satisfaction 1, kept 1, margin 0.4/0.2 → 1, activity: new → 1
		if gg := byID[id(g)]; gg.Score == nil || *gg.Score != 100 || gg.Unhappy {
			t.Errorf("G: %s", asJSON(gg))
		}
		// L: satisfaction 0 (0.40), no delivery, margin 0.05/0.2 = 0.25
		// (0.15), activity 1 (0.15): (0 + 0.0375 + 0.15) / 0.70 → 27
		if ll := byID[id(l)]; ll.Score == nil || *ll.Score != 27 || !ll.Unhappy || ll.KeptPromises != nil {
			t.Errorf("L: %s", asJSON(ll))
		}
		if q := byID[id(quiet)]; q.Score != nil || q.Satisfaction != nil || q.Activity != nil || q.Unhappy {
			t.Errorf("quiet: %s", asJSON(q))
		}
		// bad compromises at 15%: H (0.2, unhappy); not L (0.05), not G (happy)
		if out.Strict.MinMarginRate != 0.15 || len(out.Strict.Clients) != 1 || out.Strict.Clients[0].Client.ID != id(h) {
			t.Errorf("at 15%%: %s", asJSON(out.Strict))
		}
		// the company's average margin: (0.3 + 0.1 + 0.4 + 0.05) / 4 =
		// 0.2125, above H's 0.2: nobody
		if math.Abs(out.Default.MinMarginRate-0.2125) > 1e-9 || len(out.Default.Clients) != 0 {
			t.Errorf("at the company's average: %s", asJSON(out.Default))
		}
		e.fail("BAD_USER_INPUT", `{ badCompromises(minMarginRate: 3) { minMarginRate } }`, nil)
	})
}

func TestManagerScorecardByHand(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		w := e.world()
		am, om := w.manager(enum.RoleAccountManager), w.manager(enum.RoleOperationsManager)
		c1, c2, c3 := w.client(am, om), w.client(am, om), w.client(am, om)
		other := w.client(0, 0)
		at := func(y int, m time.Month) time.Time { return utc(y, m, 10) }
		// c1: first shipment March 2025 (new in 2025). c2: Aug–Oct 2024
		// (new in 2024, regular in January 2025) and Jun–Aug 2025 (still
		// regular in December 2025). c3: Sep–Nov 2024 (new in 2024, regular
		// in January 2025), nothing since (not regular in December).
		w.ship(ship{client: c1, om: om, pickup: at(2025, 3)})
		for _, m := range []time.Month{8, 9, 10} {
			w.ship(ship{client: c2, om: om, pickup: at(2024, m)})
		}
		w.ship(ship{client: c2, om: om, pickup: at(2025, 6), delivery: at(2025, 6).Add(48 * time.Hour), delivered: tp(at(2025, 6).Add(47 * time.Hour))})
		w.ship(ship{client: c2, om: om, pickup: at(2025, 7), delivery: at(2025, 7).Add(48 * time.Hour), delivered: tp(at(2025, 7).Add(50 * time.Hour))})
		w.ship(ship{client: c2, om: om, pickup: at(2025, 8)})
		for _, m := range []time.Month{9, 10, 11} {
			w.ship(ship{client: c3, om: om, pickup: at(2024, m)})
		}
		w.ship(ship{client: other, pickup: at(2025, 4)}) // another manager's
		w.ship(ship{client: c1, om: om, pickup: at(2025, 5), status: enum.ShipmentCancelled})
		// Tenders: won in 2025 for RUB 100 and EUR 50, won in 2024 for
		// RUB 10, lost in 2025; a colleague's win.
		w.tender(bid{client: c1, owner: am, stage: enum.StageWon, decided: tp(at(2025, 2)), value: amount(100)})
		w.tender(bid{client: c1, owner: am, stage: enum.StageWon, decided: tp(at(2025, 11)), value: amount(50), currency: enum.EUR})
		w.tender(bid{client: c1, owner: am, stage: enum.StageWon, decided: tp(at(2024, 6)), value: amount(10)})
		w.tender(bid{client: c1, owner: am, stage: enum.StageLost, decided: tp(at(2025, 3)), lostReason: "Цена"})
		w.tender(bid{client: other, owner: w.manager(enum.RoleAccountManager), stage: enum.StageWon, decided: tp(at(2025, 3)), value: amount(7)})
		// Feedback from c1 (run by om) in 2025: 4 and 2; from other: 5.
		w.feedback(c1, 4, at(2025, 4))
		w.feedback(c1, 2, at(2025, 9))
		w.feedback(other, 5, at(2025, 9))

		type year struct {
			Year, TendersWon, NewClients, RegularAtStart, RegularKept int
			WonValue                                                  []struct{ Currency, Amount string }
			RegularCheckedIn                                          string
			ShipmentsRun, Delivered, OnTime, FeedbackCount            int
			OnTimeRate, Satisfaction                                  *float64
		}
		var out struct {
			AM, OM struct {
				Manager           struct{ ID string }
				Current, Previous year
			}
		}
		fields := `{ manager { id } current { ...y } previous { ...y } }`
		e.do(`query($am: ID!, $om: ID!) { am: managerScorecard(managerID: $am, year: 2025) `+fields+`
		  om: managerScorecard(managerID: $om, year: 2025) `+fields+` }
		  fragment y on ManagerYear { year tendersWon wonValue { currency amount } newClients regularAtStart regularKept regularCheckedIn
		    shipmentsRun delivered onTime onTimeRate satisfaction feedbackCount }`, map[string]any{"am": id(am), "om": id(om)}, &out)
		// 2025 for the account manager: 2 won (EUR 50, RUB 100), 1 new
		// client (c1), 2 regular in January (c2, c3), 1 still in December.
		cur, prev := out.AM.Current, out.AM.Previous
		if cur.Year != 2025 || cur.TendersWon != 2 || asJSON(cur.WonValue) != `[{"Currency":"EUR","Amount":"50.00"},{"Currency":"RUB","Amount":"100.00"}]` ||
			cur.NewClients != 1 || cur.RegularAtStart != 2 || cur.RegularKept != 1 || cur.RegularCheckedIn != "2025-12" {
			t.Errorf("AM 2025: %s", asJSON(cur))
		}
		// 2024: 1 won (RUB 10), 2 new clients (c2, c3), none regular in January.
		if prev.Year != 2024 || prev.TendersWon != 1 || prev.NewClients != 2 || prev.RegularAtStart != 0 || prev.RegularCheckedIn != "2024-12" {
			t.Errorf("AM 2024: %s", asJSON(prev))
		}
		// 2025 for the operations manager: 4 shipments run (c1 March, c2
		// June–August; the cancelled one never counts), 2 of them delivered,
		// 1 on time; feedback 4 and 2 → 3. 2024: 6 run, none delivered.
		cur, prev = out.OM.Current, out.OM.Previous
		if cur.ShipmentsRun != 4 || cur.Delivered != 2 || cur.OnTime != 1 || cur.FeedbackCount != 2 {
			t.Errorf("OM 2025: %s", asJSON(cur))
		}
		near(t, "OM on time", cur.OnTimeRate, 0.5)
		near(t, "OM satisfaction", cur.Satisfaction, 3)
		if prev.ShipmentsRun != 6 || prev.Delivered != 0 || prev.OnTimeRate != nil || prev.Satisfaction != nil {
			t.Errorf("OM 2024: %s", asJSON(prev))
		}
		e.fail("NOT_FOUND", `{ managerScorecard(managerID: "999999") { manager { id } } }`, nil)
		e.fail("BAD_USER_INPUT", `query($m: ID!) { managerScorecard(managerID: $m, year: 1066) { manager { id } } }`, map[string]any{"m": id(am)})
		e.fail("BAD_USER_INPUT", `query($m: ID!, $y: Int) { managerScorecard(managerID: $m, year: $y) { manager { id } } }`, map[string]any{"m": id(am), "y": calendar.Now().Year() + 1})
		// an operations manager's year is checked in December too
		if out.OM.Current.RegularCheckedIn != "2025-12" || out.OM.Previous.RegularCheckedIn != "2024-12" {
			t.Errorf("OM's months: %s, %s", out.OM.Current.RegularCheckedIn, out.OM.Previous.RegularCheckedIn)
		}
	})
}

func TestAggregatesByHand(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		w := e.world()
		om := w.manager(enum.RoleOperationsManager)
		c1, c2, c3 := w.client(0, 0), w.client(0, 0), w.client(0, 0)
		k := w.carrier(enum.ModeRoad, enum.ModeAir)
		// c1 by road: RUB 100 at cost 70 (margin 30) in January, RUB 50
		// without a cost in February; a cancelled RUB 999 never counts.
		// c2 by air: EUR 10 at cost 12 (margin −2) in April.
		// c3 by road: RUB 0.01 and 0.02 at cost 0.02 and 0.04 in May
		// (averages 0.015 and −0.015: rounded half away from zero).
		w.ship(ship{client: c1, om: om, carrier: k, pickup: utc(2026, 1, 5), price: amount(100), cost: cost(70)})
		w.ship(ship{client: c1, om: om, pickup: utc(2026, 2, 5), price: amount(50)})
		w.ship(ship{client: c1, om: om, pickup: utc(2026, 2, 6), price: amount(999), status: enum.ShipmentCancelled})
		w.ship(ship{client: c2, carrier: k, mode: enum.ModeAir, pickup: utc(2026, 4, 5), price: amount(10), cost: cost(12), currency: enum.EUR})
		w.ship(ship{client: c3, pickup: utc(2026, 5, 5), price: amount(0.01), cost: cost(0.02)})
		w.ship(ship{client: c3, pickup: utc(2026, 5, 6), price: amount(0.02), cost: cost(0.04)})

		type stats struct {
			Count                  int
			Sum, Average, Min, Max *string
		}
		type agg struct {
			Key struct {
				Client                         *struct{ ID string }
				Carrier                        *struct{ ID string }
				Manager                        *struct{ ID string }
				Mode, Status, Currency, Period *string
			}
			Count               int
			Price, Cost, Margin stats
		}
		var out struct{ ByMode, ByClientQuarter, ByCarrier, Filtered []agg }
		e.do(`query($om: ID!) { byMode: shipmentAggregates(groupBy: [MODE]) { ...a }
		  byClientQuarter: shipmentAggregates(groupBy: [CLIENT, QUARTER]) { ...a }
		  byCarrier: shipmentAggregates(groupBy: [CARRIER, MANAGER]) { ...a }
		  filtered: shipmentAggregates(groupBy: [YEAR], where: {operationsManagerID: $om}) { ...a } }
		  fragment a on ShipmentAggregate { key { client { id } carrier { id } manager { id } mode status currency period }
		    count price { count sum average min max } cost { count sum average min max } margin { count sum average min max } }`,
			map[string]any{"om": id(om)}, &out)
		s := func(p *string) string {
			if p == nil {
				return "—"
			}
			return *p
		}
		line := func(a agg) string {
			return s(a.Key.Mode) + " " + s(a.Key.Currency) + " " + s(a.Key.Period) + " n=" + id(a.Count) +
				" price " + id(a.Price.Count) + "/" + s(a.Price.Sum) + "/" + s(a.Price.Average) + "/" + s(a.Price.Min) + "/" + s(a.Price.Max) +
				" cost " + id(a.Cost.Count) + "/" + s(a.Cost.Sum) +
				" margin " + id(a.Margin.Count) + "/" + s(a.Margin.Sum) + "/" + s(a.Margin.Average) + "/" + s(a.Margin.Min) + "/" + s(a.Margin.Max)
		}
		var got []string
		for _, a := range out.ByMode {
			got = append(got, line(a))
		}
		slices.Sort(got)
		want := []string{
			// AIR EUR: 10, cost 12, margin −2
			"AIR EUR — n=1 price 1/10.00/10.00/10.00/10.00 cost 1/12.00 margin 1/-2.00/-2.00/-2.00/-2.00",
			// ROAD RUB: prices 100, 50, 0.01, 0.02 → 150.03, average 37.5075 → 37.51;
			// costs 70, 0.02, 0.04; margins 30, −0.01, −0.02 → 29.97 / 3 = 9.99
			"ROAD RUB — n=4 price 4/150.03/37.51/0.01/100.00 cost 3/70.06 margin 3/29.97/9.99/-0.02/30.00",
		}
		if !slices.Equal(got, want) {
			t.Errorf("by mode:\n got %q\nwant %q", got, want)
		}
		got = nil
		for _, a := range out.ByClientQuarter {
			got = append(got, a.Key.Client.ID+" "+line(a))
		}
		want = []string{
			id(c1) + " — RUB 2026-Q1 n=2 price 2/150.00/75.00/50.00/100.00 cost 1/70.00 margin 1/30.00/30.00/30.00/30.00",
			id(c2) + " — EUR 2026-Q2 n=1 price 1/10.00/10.00/10.00/10.00 cost 1/12.00 margin 1/-2.00/-2.00/-2.00/-2.00",
			// 0.015 → 0.02 and −0.015 → −0.02
			id(c3) + " — RUB 2026-Q2 n=2 price 2/0.03/0.02/0.01/0.02 cost 2/0.06 margin 2/-0.03/-0.02/-0.02/-0.01",
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("by client and quarter:\n got %q\nwant %q", got, want)
		}
		// by carrier and manager: k with om (RUB 100) and with the world's
		// (EUR 10); no carrier with om (RUB 50) and with the world's (c3)
		if len(out.ByCarrier) != 4 {
			t.Errorf("by carrier and manager: %s", asJSON(out.ByCarrier))
		}
		for _, a := range out.ByCarrier {
			if a.Key.Carrier != nil && a.Key.Manager.ID == id(om) && (a.Count != 1 || *a.Price.Sum != "100.00") {
				t.Errorf("k with om: %s", asJSON(a))
			}
		}
		if len(out.Filtered) != 1 || *out.Filtered[0].Key.Period != "2026" || out.Filtered[0].Count != 2 || *out.Filtered[0].Price.Sum != "150.00" {
			t.Errorf("om's by year: %s", asJSON(out.Filtered))
		}

		contains(t, e.fail("BAD_USER_INPUT", `{ shipmentAggregates(groupBy: [MONTH, YEAR]) { count } }`, nil), "MONTH")
		// a page of records under each of up to a thousand groups is refused
		// before it runs, as a page under each row of a page is
		e.fail("QUERY_TOO_COMPLEX", `{ shipmentAggregates(groupBy: [CLIENT]) { key { client { shipments(first: 1000) { edges { node { id } } } } } } }`, nil)
		contains(t, e.fail("BAD_USER_INPUT", `{ shipmentAggregates(groupBy: [STAGE]) { count } }`, nil), "STAGE")
		contains(t, e.fail("BAD_USER_INPUT", `{ tenderAggregates(groupBy: [CARRIER]) { count } }`, nil), "CARRIER")
	})
}

// A page of clients or carriers with their figures costs a bounded number
// of statements, however long the page: each figure is one grouped
// statement per batch. Loaders gather keys for a few milliseconds, so a
// busy machine may split a batch in two or three; asked one row at a time,
// 100 rows would cost about 800.
func TestFiguresAreBatched(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.world().clientsShipping(100)
	statements := func(first int) int64 {
		before := e.stmts.Load()
		var out struct {
			Clients, Carriers struct{ Edges []any }
		}
		e.do(`query($n: Int) { clients(first: $n) { edges { node { isRegular health { score margin } satisfaction { unhappy } } } }
		  carriers(first: $n) { edges { node { onTimeRate record { delivered } } } } }`, map[string]any{"n": first}, &out)
		if len(out.Clients.Edges) != first || len(out.Carriers.Edges) != first {
			t.Fatalf("asked for %d rows, got %d clients and %d carriers", first, len(out.Clients.Edges), len(out.Carriers.Edges))
		}
		return e.stmts.Load() - before
	}
	// sign-in 2, lists 2, carrier records 3, isRegular 1, satisfaction 2,
	// the rest of health 1: 11 when no batch is split
	for _, n := range []int{3, 100} {
		if got := statements(n); got > 40 {
			t.Errorf("%d rows cost %d statements: the figures are not batched", n, got)
		} else {
			t.Logf("%d rows: %d statements", n, got)
		}
	}
}
