package server_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/shipment"
)

// The figures against a naive computation in Go over every row of a random
// world: the same answers, on both databases.

type randomWorld struct {
	ams, oms, clients, carriers []int
	shipments                   []*ent.Shipment
	tenders                     []*ent.Tender
	feedback                    []*ent.Feedback
	exceptions                  map[int][]int // per shipment, the carrier (0: none) that held it then
}

func buildRandomWorld(t *testing.T, e *env, now time.Time) *randomWorld {
	r := rand.New(rand.NewPCG(6, 2026))
	w := e.world()
	rw := &randomWorld{exceptions: map[int][]int{}}
	for range 3 {
		rw.ams = append(rw.ams, w.manager(enum.RoleAccountManager))
		rw.oms = append(rw.oms, w.manager(enum.RoleOperationsManager))
	}
	for range 15 {
		rw.clients = append(rw.clients, w.client(rw.ams[r.IntN(3)], rw.oms[r.IntN(3)]))
	}
	modes := []enum.TransportMode{enum.ModeRoad, enum.ModeRail, enum.ModeAir}
	for range 5 {
		rw.carriers = append(rw.carriers, w.carrier(modes...))
	}
	places := []string{"Москва", "Казань", "Пермь"}
	for range 400 {
		s := ship{
			client: rw.clients[r.IntN(len(rw.clients))], om: rw.oms[r.IntN(3)],
			mode: modes[r.IntN(3)], origin: places[r.IntN(3)], destination: places[r.IntN(3)],
			pickup:   now.Add(-time.Duration(r.IntN(24*30*24*60)) * time.Minute).Add(30 * 24 * time.Hour).Truncate(time.Second),
			currency: []enum.Currency{enum.RUB, enum.RUB, enum.EUR}[r.IntN(3)],
			price:    money.Amount(1 + r.IntN(10_000_000)),
		}
		s.delivery = s.pickup.Add(time.Duration(24+r.IntN(96)) * time.Hour)
		if r.IntN(10) < 7 {
			c := money.Amount(float64(s.price) * (0.5 + 0.7*r.Float64()))
			s.cost = &c
		}
		switch x := r.IntN(10); {
		case x < 5 && s.delivery.Before(now):
			d := s.delivery.Add(time.Duration(r.IntN(40)-10) * time.Hour)
			if r.IntN(4) == 0 {
				d = s.delivery // to the second: on time
			}
			if d.After(now) {
				d = now.Add(-time.Hour)
			}
			s.delivered = tp(d)
		case x < 6:
			s.status = enum.ShipmentCancelled
		case x < 7 && s.pickup.Before(now):
			s.status = enum.ShipmentInTransit
		}
		if s.delivered != nil || s.status == enum.ShipmentInTransit || r.IntN(10) < 8 {
			s.carrier = rw.carriers[r.IntN(len(rw.carriers))]
		}
		sh := w.ship(s)
		rw.shipments = append(rw.shipments, sh)
		if r.IntN(8) == 0 {
			for range 1 + r.IntN(2) {
				w.event(sh, enum.EventException, s.pickup)
				rw.exceptions[sh.ID] = append(rw.exceptions[sh.ID], s.carrier)
			}
		}
	}
	reasons := []string{"Цена", "цена ", "Сроки", "Нет мощностей"}
	stages := []enum.TenderStage{enum.StageIdentified, enum.StageSubmitted, enum.StageNegotiation, enum.StageWon, enum.StageWon, enum.StageLost, enum.StageWithdrawn}
	for range 80 {
		b := bid{client: rw.clients[r.IntN(len(rw.clients))], owner: rw.ams[r.IntN(3)], stage: stages[r.IntN(len(stages))],
			currency: []enum.Currency{enum.RUB, enum.EUR}[r.IntN(2)], value: money.Amount(r.IntN(1_000_000_000)),
			created: now.Add(-time.Duration(r.IntN(700*24)) * time.Hour).Truncate(time.Second)}
		b.deadline = b.created.Add(time.Duration(24+r.IntN(40*24)) * time.Hour)
		if b.stage != enum.StageIdentified {
			b.submitted = tp(b.created.Add(time.Duration(r.IntN(45*24)) * time.Hour))
		}
		if b.stage.Closed() {
			b.decided = tp(b.submitted.Add(time.Duration(r.IntN(60*24)) * time.Hour))
		}
		if b.stage == enum.StageLost {
			b.lostReason = reasons[r.IntN(len(reasons))]
		}
		w.tender(b)
	}
	for range 150 {
		w.feedback(rw.clients[r.IntN(len(rw.clients))], 1+r.IntN(5), now.Add(-time.Duration(r.IntN(240*24))*time.Hour))
	}
	// later writes move shipments between the monthly rollup's rows: new
	// prices and costs, another carrier, another month, a cancellation, a
	// late exception
	ctx := system()
	open, err := e.st.Client.Shipment.Query().Where(shipment.StatusIn(enum.ShipmentPlanned, enum.ShipmentBooked)).All(ctx)
	if err != nil || len(open) < 30 {
		t.Fatalf("open shipments to change: %d, %v", len(open), err)
	}
	for i := range 60 {
		s, err := e.st.Client.Shipment.Get(ctx, open[r.IntN(len(open))].ID)
		if err != nil {
			t.Fatal(err)
		}
		if s.Status.Final() {
			continue // cancelled by an earlier change
		}
		u := e.st.Client.Shipment.UpdateOneID(s.ID)
		switch i % 5 {
		case 0:
			u.SetPrice(s.Price + 100).ClearCost()
		case 1:
			u.SetCost(s.Price / 2).SetCurrency(enum.EUR)
		case 2:
			u.SetCarrierID(rw.carriers[r.IntN(len(rw.carriers))])
		case 3:
			u.SetPlannedPickup(s.PlannedPickup.AddDate(0, -2, 0)).SetPlannedDelivery(s.PlannedDelivery.AddDate(0, -2, 0))
		case 4:
			if s.Status == enum.ShipmentPlanned {
				u.SetStatus(enum.ShipmentCancelled)
			}
			w.event(s, enum.EventException, s.PlannedPickup)
			held := 0
			if s.CarrierID != nil {
				held = *s.CarrierID
			}
			rw.exceptions[s.ID] = append(rw.exceptions[s.ID], held)
		}
		if _, err := u.Save(ctx); err != nil {
			t.Fatalf("update %s: %v", s.Reference, err)
		}
	}
	if rw.shipments, err = e.st.Client.Shipment.Query().All(ctx); err != nil {
		t.Fatal(err)
	}
	if rw.tenders, err = e.st.Client.Tender.Query().All(ctx); err != nil {
		t.Fatal(err)
	}
	if rw.feedback, err = e.st.Client.Feedback.Query().All(ctx); err != nil {
		t.Fatal(err)
	}
	return rw
}

// counts reports whether a shipment counts for the figures.
func counts(s *ent.Shipment) bool { return s.Status != enum.ShipmentCancelled }

func onTime(s *ent.Shipment) bool { return !s.ActualDelivery.After(s.PlannedDelivery) }

// roundHalfAway divides in integers, half away from zero.
func roundHalfAway(sum, n int64) int64 {
	if sum < 0 {
		return -((-2*sum + n) / (2 * n))
	}
	return (2*sum + n) / (2 * n)
}

func TestFiguresMatchNaiveGo(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		now := calendar.Now().UTC()
		rw := buildRandomWorld(t, e, now)
		day := 24 * time.Hour

		t.Run("regular clients", func(t *testing.T) {
			months := map[int]map[report.Month]bool{}
			for _, s := range rw.shipments {
				if counts(s) {
					if months[s.ClientID] == nil {
						months[s.ClientID] = map[report.Month]bool{}
					}
					months[s.ClientID][calendar.MonthOf(s.PlannedPickup)] = true
				}
			}
			regular := func(client int, m report.Month) bool {
				n := 0
				for k := m - 6; k < m; k++ {
					if months[client][k] {
						n++
					}
				}
				return n >= 3
			}
			last := calendar.MonthOf(now)
			first := last - 20
			var out struct {
				RegularClients []struct {
					Month                                string
					Count, NewlyRegular, NoLongerRegular int
				}
			}
			e.do(`query($f: Month, $t: Month) { regularClients(from: $f, to: $t) { month count newlyRegular noLongerRegular } }`,
				map[string]any{"f": first.String(), "t": last.String()}, &out)
			if len(out.RegularClients) != 21 {
				t.Fatalf("months: %d", len(out.RegularClients))
			}
			nonzero := 0
			for i, got := range out.RegularClients {
				m := first + report.Month(i)
				var count, newly, lost int
				for _, c := range rw.clients {
					now, before := regular(c, m), regular(c, m-1)
					if now {
						count++
					}
					if now && !before {
						newly++
					}
					if before && !now {
						lost++
					}
				}
				nonzero += count
				if got.Month != m.String() || got.Count != count || got.NewlyRegular != newly || got.NoLongerRegular != lost {
					t.Errorf("%s: got %d +%d −%d, naive %s %d +%d −%d", got.Month, got.Count, got.NewlyRegular, got.NoLongerRegular, m, count, newly, lost)
				}
			}
			if nonzero == 0 {
				t.Error("the random world has no regular client: the comparison proves nothing")
			}
			var regularNow struct {
				Clients struct {
					Edges []struct {
						Node struct {
							ID        string
							IsRegular bool
						}
					}
				}
			}
			e.do(`{ clients(first: 100) { edges { node { id isRegular } } } }`, nil, &regularNow)
			for _, ed := range regularNow.Clients.Edges {
				if want := regular(num(t, ed.Node.ID), last); ed.Node.IsRegular != want {
					t.Errorf("client %s: isRegular %v, naive %v", ed.Node.ID, ed.Node.IsRegular, want)
				}
			}
		})

		t.Run("shipment aggregates", func(t *testing.T) {
			type acc struct {
				n                 int
				price, cost, marg []int64
			}
			naive := map[string]*acc{}
			for _, s := range rw.shipments {
				if !counts(s) {
					continue
				}
				m := calendar.MonthOf(s.PlannedPickup)
				k := fmt.Sprintf("%d %s %s", s.ClientID, s.Currency, report.PeriodQuarter.Label(m/3*3))
				a := naive[k]
				if a == nil {
					a = &acc{}
					naive[k] = a
				}
				a.n++
				a.price = append(a.price, int64(s.Price))
				if s.Cost != nil {
					a.cost = append(a.cost, int64(*s.Cost))
					a.marg = append(a.marg, int64(s.Price-*s.Cost))
				}
			}
			stat := func(v []int64) string {
				if len(v) == 0 {
					return "0"
				}
				var sum int64
				for _, x := range v {
					sum += x
				}
				a := func(x int64) string { return money.Amount(x).String() }
				return fmt.Sprintf("%d %s %s %s %s", len(v), a(sum), a(roundHalfAway(sum, int64(len(v)))), a(slices.Min(v)), a(slices.Max(v)))
			}
			type stats struct {
				Count                  int
				Sum, Average, Min, Max *string
			}
			var out struct {
				ShipmentAggregates []struct {
					Key struct {
						Client           struct{ ID string }
						Currency, Period string
					}
					Count               int
					Price, Cost, Margin stats
				}
			}
			e.do(`{ shipmentAggregates(groupBy: [CLIENT, QUARTER]) { key { client { id } currency period } count
			  price { count sum average min max } cost { count sum average min max } margin { count sum average min max } } }`, nil, &out)
			show := func(s stats) string {
				if s.Count == 0 {
					return "0"
				}
				return fmt.Sprintf("%d %s %s %s %s", s.Count, *s.Sum, *s.Average, *s.Min, *s.Max)
			}
			if len(out.ShipmentAggregates) != len(naive) {
				t.Errorf("%d groups, naive %d", len(out.ShipmentAggregates), len(naive))
			}
			for _, g := range out.ShipmentAggregates {
				k := g.Key.Client.ID + " " + g.Key.Currency + " " + g.Key.Period
				a := naive[k]
				if a == nil {
					t.Errorf("group %s: not in the naive sum", k)
					continue
				}
				if g.Count != a.n || show(g.Price) != stat(a.price) || show(g.Cost) != stat(a.cost) || show(g.Margin) != stat(a.marg) {
					t.Errorf("%s: got %d [%s] [%s] [%s], naive %d [%s] [%s] [%s]", k, g.Count, show(g.Price), show(g.Cost), show(g.Margin),
						a.n, stat(a.price), stat(a.cost), stat(a.marg))
				}
			}
		})

		t.Run("rollup and shipments agree", func(t *testing.T) {
			// the same figures read from the monthly rollup (unfiltered,
			// whole months) and from the shipments (a filter that keeps all)
			var out map[string]any
			e.do(`query($from: Time, $oms: [ID!], $mid: Time, $midTo: Time) {
			  rollup: shipmentAggregates(groupBy: [MODE, QUARTER, CARRIER, MANAGER, STATUS]) { ...a }
			  rows: shipmentAggregates(groupBy: [MODE, QUARTER, CARRIER, MANAGER, STATUS], where: {priceGTE: "0"}) { ...a }
			  rollupScores: carrierScorecard(groupBy: [CARRIER, MODE, LANE], from: $from) { ...s }
			  rowScores: carrierScorecard(groupBy: [CARRIER, MODE, LANE], from: $from, where: {priceGTE: "0"}) { ...s }
			  rollupRoad: shipmentAggregates(groupBy: [CARRIER, YEAR], where: {mode: ROAD, statusIn: [DELIVERED, IN_TRANSIT], currency: RUB}) { ...a }
			  rowsRoad: shipmentAggregates(groupBy: [CARRIER, YEAR], where: {mode: ROAD, statusIn: [DELIVERED, IN_TRANSIT], currency: RUB, priceGTE: "0"}) { ...a }
			  rollupRoadScores: carrierScorecard(from: $from, where: {modeIn: [ROAD, AIR], operationsManagerIDIn: $oms}) { ...s }
			  rowRoadScores: carrierScorecard(from: $from, where: {modeIn: [ROAD, AIR], operationsManagerIDIn: $oms, priceGTE: "0"}) { ...s }
			  midScores: carrierScorecard(groupBy: [CARRIER, MODE, LANE], from: $mid, to: $midTo) { ...s averageDelayHours }
			  rowMidScores: carrierScorecard(groupBy: [CARRIER, MODE, LANE], from: $mid, to: $midTo, where: {priceGTE: "0"}) { ...s averageDelayHours }
			  midOpenScores: carrierScorecard(from: $mid, where: {mode: ROAD}) { ...s averageDelayHours }
			  rowMidOpenScores: carrierScorecard(from: $mid, where: {mode: ROAD, priceGTE: "0"}) { ...s averageDelayHours } }
			  fragment a on ShipmentAggregate { key { carrier { id } manager { id } mode status currency period } count
			    price { count sum average min max } cost { count sum average min max } margin { count sum average min max } }
			  fragment s on CarrierScore { carrier { id } mode origin destination shipments delivered onTime onTimeRate exceptions }`,
				map[string]any{"from": calendar.MonthOf(now).Start().AddDate(-1, 0, 0).Format(time.RFC3339), "oms": []string{id(rw.oms[0]), id(rw.oms[1])},
					// windows that start and end inside months: their whole
					// months from the rollup, their edges from the shipments
					"mid":   calendar.MonthOf(now).Start().AddDate(0, -7, 11).Add(13 * time.Hour).Format(time.RFC3339),
					"midTo": calendar.MonthOf(now).Start().AddDate(0, -1, 17).Add(5 * time.Hour).Format(time.RFC3339)}, &out)
			if len(out["rollup"].([]any)) < 50 {
				t.Errorf("only %d groups: the comparison proves little", len(out["rollup"].([]any)))
			}
			if a, b := asJSON(out["rollup"]), asJSON(out["rows"]); a != b {
				t.Errorf("aggregates from the rollup and from the shipments differ:\n%s\n%s", a, b)
			}
			for _, pair := range [][2]string{{"rollupScores", "rowScores"}, {"rollupRoad", "rowsRoad"}, {"rollupRoadScores", "rowRoadScores"},
				{"midScores", "rowMidScores"}, {"midOpenScores", "rowMidOpenScores"}} {
				if a, b := asJSON(roundDelays(out[pair[0]])), asJSON(roundDelays(out[pair[1]])); a != b || len(out[pair[0]].([]any)) < 3 {
					t.Errorf("%s and %s differ (or say little):\n%s\n%s", pair[0], pair[1], a, b)
				}
			}
		})

		t.Run("tender aggregates, win rates, lost reasons, reaction", func(t *testing.T) {
			type sum struct {
				n int
				v int64
			}
			naive := map[string]*sum{}
			rates := map[string]*[3]int{}
			reasons := map[string]int{}
			var submitted, late int
			var toSubmit, beforeDeadline float64
			for _, td := range rw.tenders {
				k := fmt.Sprintf("%d %s %d", td.OwnerID, td.Currency, td.SubmissionDeadline.UTC().Year())
				if naive[k] == nil {
					naive[k] = &sum{}
				}
				naive[k].n++
				naive[k].v += int64(td.EstimatedValue)
				if td.DecidedAt != nil {
					q := calendar.MonthOf(*td.DecidedAt) / 3 * 3
					rk := fmt.Sprintf("%d %s", td.OwnerID, report.PeriodQuarter.Label(q))
					if rates[rk] == nil {
						rates[rk] = &[3]int{}
					}
					switch td.Stage {
					case enum.StageWon:
						rates[rk][0]++
					case enum.StageLost:
						rates[rk][1]++
					case enum.StageWithdrawn:
						rates[rk][2]++
					}
				}
				if td.Stage == enum.StageLost {
					reasons[strings.ToLower(strings.TrimSpace(*td.LostReason))]++
				}
				if td.SubmittedAt != nil {
					submitted++
					toSubmit += td.SubmittedAt.Sub(td.CreatedAt).Hours() / 24
					beforeDeadline += td.SubmissionDeadline.Sub(*td.SubmittedAt).Hours() / 24
					if td.SubmittedAt.After(td.SubmissionDeadline) {
						late++
					}
				}
			}
			var out struct {
				TenderAggregates []struct {
					Key struct {
						Manager          struct{ ID string }
						Currency, Period string
					}
					Count int
					Value struct {
						Count int
						Sum   string
					}
				}
				TenderWinRates []struct {
					Owner                struct{ ID string }
					Period               string
					Won, Lost, Withdrawn int
					WinRate              *float64
				}
				TenderLostReasons []struct {
					Reason string
					Count  int
				}
				TenderReaction struct {
					Submitted, LateSubmissions                     int
					AverageDaysToSubmit, AverageDaysBeforeDeadline *float64
				}
			}
			e.do(`{ tenderAggregates(groupBy: [MANAGER, YEAR]) { key { manager { id } currency period } count value { count sum } }
			  tenderWinRates(groupBy: [OWNER, PERIOD], period: QUARTER) { owner { id } period won lost withdrawn winRate }
			  tenderLostReasons { reason count }
			  tenderReaction { submitted lateSubmissions averageDaysToSubmit averageDaysBeforeDeadline } }`, nil, &out)
			if len(out.TenderAggregates) != len(naive) {
				t.Errorf("%d groups, naive %d", len(out.TenderAggregates), len(naive))
			}
			for _, g := range out.TenderAggregates {
				k := g.Key.Manager.ID + " " + g.Key.Currency + " " + g.Key.Period
				if n := naive[k]; n == nil || g.Count != n.n || g.Value.Sum != money.Amount(n.v).String() {
					t.Errorf("%s: got %d %s, naive %+v", k, g.Count, g.Value.Sum, n)
				}
			}
			if len(out.TenderWinRates) != len(rates) {
				t.Errorf("%d win-rate groups, naive %d", len(out.TenderWinRates), len(rates))
			}
			for _, g := range out.TenderWinRates {
				n := rates[g.Owner.ID+" "+g.Period]
				if n == nil || g.Won != n[0] || g.Lost != n[1] || g.Withdrawn != n[2] {
					t.Errorf("%s %s: got %d/%d/%d, naive %v", g.Owner.ID, g.Period, g.Won, g.Lost, g.Withdrawn, n)
					continue
				}
				if n[0]+n[1] > 0 {
					near(t, "win rate", g.WinRate, float64(n[0])/float64(n[0]+n[1]))
				} else if g.WinRate != nil {
					t.Errorf("win rate without a win or a loss: %v", *g.WinRate)
				}
			}
			got := map[string]int{}
			for _, r := range out.TenderLostReasons {
				got[strings.ToLower(r.Reason)] = r.Count
			}
			if fmt.Sprint(got) != fmt.Sprint(reasons) {
				t.Errorf("lost reasons: got %v, naive %v", got, reasons)
			}
			r := out.TenderReaction
			if r.Submitted != submitted || r.LateSubmissions != late {
				t.Errorf("reaction: got %d submitted, %d late; naive %d, %d", r.Submitted, r.LateSubmissions, submitted, late)
			}
			nearish(t, "days to submit", r.AverageDaysToSubmit, toSubmit/float64(submitted))
			nearish(t, "days before deadline", r.AverageDaysBeforeDeadline, beforeDeadline/float64(submitted))
		})

		t.Run("carrier scorecard", func(t *testing.T) {
			type score struct {
				shipments, delivered, onTime, exceptions int
				delay                                    float64
			}
			naive := map[string]*score{}
			at := func(carrier int, mode enum.TransportMode) *score {
				k := fmt.Sprintf("%d %s", carrier, mode)
				if naive[k] == nil {
					naive[k] = &score{}
				}
				return naive[k]
			}
			for _, s := range rw.shipments {
				if !counts(s) {
					continue
				}
				// each exception against the carrier that held the
				// shipment then, wherever the shipment is now
				for _, held := range rw.exceptions[s.ID] {
					if held != 0 {
						at(held, s.Mode).exceptions++
					}
				}
				if s.CarrierID == nil {
					continue
				}
				n := at(*s.CarrierID, s.Mode)
				n.shipments++
				if s.ActualDelivery != nil {
					n.delivered++
					if onTime(s) {
						n.onTime++
					}
					n.delay += math.Max(0, s.ActualDelivery.Sub(s.PlannedDelivery).Hours())
				}
			}
			var out struct {
				CarrierScorecard []struct {
					Carrier                                  struct{ ID string }
					Mode                                     string
					Shipments, Delivered, OnTime, Exceptions int
					AverageDelayHours, OnTimeRate            *float64
				}
			}
			e.do(`{ carrierScorecard(groupBy: [CARRIER, MODE]) { carrier { id } mode shipments delivered onTime exceptions averageDelayHours onTimeRate } }`, nil, &out)
			if len(out.CarrierScorecard) != len(naive) {
				t.Errorf("%d groups, naive %d", len(out.CarrierScorecard), len(naive))
			}
			for _, g := range out.CarrierScorecard {
				k := g.Carrier.ID + " " + g.Mode
				n := naive[k]
				if n == nil || g.Shipments != n.shipments || g.Delivered != n.delivered || g.OnTime != n.onTime || g.Exceptions != n.exceptions {
					t.Errorf("%s: got %d/%d/%d/%d, naive %+v", k, g.Shipments, g.Delivered, g.OnTime, g.Exceptions, n)
					continue
				}
				if n.delivered > 0 {
					nearish(t, k+" delay", g.AverageDelayHours, n.delay/float64(n.delivered))
					near(t, k+" on time", g.OnTimeRate, float64(n.onTime)/float64(n.delivered))
				}
			}
		})

		t.Run("client health", func(t *testing.T) {
			naive := map[int]*report.ClientFigures{}
			for _, c := range rw.clients {
				naive[c] = &report.ClientFigures{}
			}
			for _, f := range rw.feedback {
				n := naive[f.ClientID]
				switch at := f.ReceivedAt; {
				case !at.Before(now.Add(-90 * day)):
					n.Satisfaction.Recent = addScore(n.Satisfaction.Recent, f.Score)
				case !at.Before(now.Add(-180 * day)):
					n.Satisfaction.Previous = addScore(n.Satisfaction.Previous, f.Score)
				}
			}
			for _, s := range rw.shipments {
				n := naive[s.ClientID]
				if !counts(s) {
					continue
				}
				p := s.PlannedPickup
				if s.ActualDelivery != nil && !p.Before(now.Add(-365*day)) && p.Before(now) {
					n.Delivered++
					if onTime(s) {
						n.OnTime++
					}
				}
				if m := calendar.MonthOf(p); m >= calendar.MonthOf(now)-11 && m <= calendar.MonthOf(now) && s.Cost != nil && s.Price > 0 {
					n.MarginShipments++
					n.MarginRatioSum += float64(s.Price-*s.Cost) / float64(s.Price)
				}
				if !p.Before(now.Add(-90*day)) && p.Before(now) {
					n.Recent++
				} else if !p.Before(now.Add(-180*day)) && p.Before(now.Add(-90*day)) {
					n.Previous++
				}
			}
			var out struct {
				Clients struct {
					Edges []struct {
						Node struct {
							ID     string
							Health struct {
								Score                                        *int
								Satisfaction, KeptPromises, Margin, Activity *float64
								Unhappy                                      bool
							}
						}
					}
				}
			}
			e.do(`{ clients(first: 100) { edges { node { id health { score satisfaction keptPromises margin activity unhappy } } } } }`, nil, &out)
			scored := 0
			for _, ed := range out.Clients.Edges {
				want := rule.HealthOf(num(t, ed.Node.ID), naive[num(t, ed.Node.ID)])
				got := ed.Node.Health
				if fmt.Sprint(deref(got.Score)) != fmt.Sprint(deref(want.Score)) || got.Unhappy != want.Unhappy {
					t.Errorf("client %s: score %v unhappy %v, naive %v %v (%+v)", ed.Node.ID, deref(got.Score), got.Unhappy, deref(want.Score), want.Unhappy, *naive[num(t, ed.Node.ID)])
				}
				for _, p := range [][2]*float64{{got.Satisfaction, want.Satisfaction}, {got.KeptPromises, want.KeptPromises}, {got.Margin, want.Margin}, {got.Activity, want.Activity}} {
					if (p[0] == nil) != (p[1] == nil) || p[0] != nil && math.Abs(*p[0]-*p[1]) > 1e-9 {
						t.Errorf("client %s: part %v, naive %v", ed.Node.ID, deref(p[0]), deref(p[1]))
					}
				}
				if got.Score != nil {
					scored++
				}
			}
			if scored < 10 {
				t.Errorf("only %d clients have a score: the comparison proves little", scored)
			}
		})

		t.Run("manager scorecards", func(t *testing.T) {
			year := now.Year()
			start, end := calendar.MonthAt(year, 1).Start(), calendar.MonthAt(year+1, 1).Start()
			in := func(t time.Time) bool { return !t.Before(start) && t.Before(end) }
			for _, om := range rw.oms {
				var run, delivered, ontime, fb, sum int
				for _, s := range rw.shipments {
					if s.OperationsManagerID != om {
						continue
					}
					if !counts(s) || !in(s.PlannedPickup) {
						continue
					}
					run++
					if s.ActualDelivery != nil {
						delivered++
						if onTime(s) {
							ontime++
						}
					}
				}
				mine := map[int]bool{}
				cs, _ := e.st.Client.Customer.Query().All(system())
				for _, c := range cs {
					if c.OperationsManagerID != nil && *c.OperationsManagerID == om {
						mine[c.ID] = true
					}
				}
				for _, f := range rw.feedback {
					if mine[f.ClientID] && in(f.ReceivedAt) {
						fb++
						sum += f.Score
					}
				}
				var out struct {
					ManagerScorecard struct {
						Current struct {
							ShipmentsRun, Delivered, OnTime, FeedbackCount int
							Satisfaction                                   *float64
						}
					}
				}
				e.do(`query($m: ID!) { managerScorecard(managerID: $m) { current { shipmentsRun delivered onTime feedbackCount satisfaction } } }`, map[string]any{"m": id(om)}, &out)
				c := out.ManagerScorecard.Current
				if c.ShipmentsRun != run || c.Delivered != delivered || c.OnTime != ontime || c.FeedbackCount != fb {
					t.Errorf("OM %d: got %+v, naive %d %d %d %d", om, c, run, delivered, ontime, fb)
				}
				if fb > 0 {
					near(t, "satisfaction", c.Satisfaction, float64(sum)/float64(fb))
				}
			}
			for _, am := range rw.ams {
				var won int
				for _, td := range rw.tenders {
					if td.OwnerID == am && td.Stage == enum.StageWon && in(*td.DecidedAt) {
						won++
					}
				}
				var out struct {
					ManagerScorecard struct{ Current struct{ TendersWon int } }
				}
				e.do(`query($m: ID!) { managerScorecard(managerID: $m) { current { tendersWon } } }`, map[string]any{"m": id(am)}, &out)
				if out.ManagerScorecard.Current.TendersWon != won {
					t.Errorf("AM %d: won %d, naive %d", am, out.ManagerScorecard.Current.TendersWon, won)
				}
			}
		})
	})
}

func addScore(s report.Scores, score int) report.Scores {
	s.Count++
	s.Sum += score
	if s.Lowest == nil || score < *s.Lowest {
		s.Lowest = &score
	}
	return s
}

// nearish compares averages of times, which the databases keep to the
// microsecond and SQLite computes in milliseconds.
func nearish(t testing.TB, what string, got *float64, want float64) {
	t.Helper()
	if got == nil || math.Abs(*got-want) > 1e-4 {
		t.Errorf("%s: got %v, want %v", what, deref(got), want)
	}
}

// roundDelays rounds each group's averageDelayHours to a millionth: the
// same average summed in other parts differs in its last bits.
func roundDelays(groups any) any {
	list, _ := groups.([]any)
	for _, g := range list {
		m, _ := g.(map[string]any)
		if d, ok := m["averageDelayHours"].(float64); ok {
			m["averageDelayHours"] = math.Round(d*1e6) / 1e6
		}
	}
	return groups
}
