package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/predicate"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmentevent"
	"github.com/freightgraph/freightgraph/ent/shipmenttotal"
)

// ScoreGroup is what the carrier scorecard may be broken down by.
type ScoreGroup string

// The scorecard's groups.
const (
	ScoreByCarrier ScoreGroup = "CARRIER"
	ScoreByMode    ScoreGroup = "MODE"
	ScoreByLane    ScoreGroup = "LANE"
)

// CarrierScore is how the carriers of one group served.
type CarrierScore struct {
	CarrierID   *int                `json:"carrier_id"`
	Mode        *enum.TransportMode `json:"mode"`
	Origin      *string             `json:"origin"`
	Destination *string             `json:"destination"`
	// Shipments counts those given to a carrier, cancelled ones aside.
	Shipments int `json:"shipments"`
	// Delivered counts the delivered ones, OnTime those delivered at or
	// before their planned delivery.
	Delivered int `json:"delivered"`
	OnTime    int `json:"on_time"`
	// AverageDelayHours is over the delivered ones, an early or punctual
	// delivery counting as no delay.
	AverageDelayHours *float64 `json:"average_delay_hours"`
	// Exceptions counts the EXCEPTION events of the shipments recorded
	// while the group's carrier held them (all carriers, in a group of no
	// carrier): a carrier keeps its exceptions after a shipment moves on,
	// and its group then shows them even with no shipment of its own.
	Exceptions int `json:"exceptions"`
	Carrier    *ent.Carrier
}

// OnTimeRate is OnTime over Delivered, or nil when nothing was delivered.
func (c *CarrierScore) OnTimeRate() *float64 { return share(c.OnTime, c.Delivered) }

func share(part, whole int) *float64 {
	if whole == 0 {
		return nil
	}
	r := float64(part) / float64(whole)
	return &r
}

// CarrierScores scores the carriers of the shipments q selects whose
// planned pickup lies between from and to, grouped as asked, in one
// statement (each shipment's exceptions counted from the index of its events); the carriers
// named are loaded in one more. Over whole months, filtered (where, which
// made q) only by what the monthly rollup keeps, it reads the rollup
// instead of the shipments.
func CarrierScores(ctx context.Context, c *ent.Client, q *ent.ShipmentQuery, where *ent.ShipmentWhereInput, groups []ScoreGroup, from, to *time.Time) ([]*CarrierScore, error) {
	// keys groups by the columns of the groups asked for (qualified)
	var keys scoreKeys = func(carrier, mode, origin, destination string) (cols, keys []string) {
		key := func(column, as string) {
			cols, keys = append(cols, entsql.As(column, as)), append(keys, column)
		}
		for _, g := range groups {
			switch g {
			case ScoreByCarrier:
				key(carrier, "carrier_id")
			case ScoreByMode:
				key(mode, "mode")
			case ScoreByLane:
				key(origin, "origin")
				key(destination, "destination")
			}
		}
		return cols, keys
	}
	var rows []*CarrierScore
	var err error
	filter, rollup := totalsFilter(where)
	first, last := wholeMonths(from, to)
	switch {
	case rollup && monthStart(from) && monthStart(to):
		// whole months, filtered by what the rollup keeps: it has it all
		rows, err = scoresFromTotals(ctx, c, filter, from, to, keys)
	case rollup && first != nil && (last == nil || first.Before(*last)):
		// a window that starts or ends inside a month: its whole months
		// from the rollup, the days before and after from the shipments
		// (at a million shipments, a quarter from a day read from the
		// shipments alone took a second)
		rows, err = scoresFromTotals(ctx, c, filter, first, last, keys)
		if err == nil && !monthStart(from) {
			var head []*CarrierScore
			head, err = scoresFromShipments(ctx, q.Clone(), from, first, keys)
			rows = addScores(rows, head)
		}
		if err == nil && !monthStart(to) {
			var tail []*CarrierScore
			tail, err = scoresFromShipments(ctx, q.Clone(), last, to, keys)
			rows = addScores(rows, tail)
		}
	default:
		rows, err = scoresFromShipments(ctx, q, from, to, keys)
	}
	if err != nil {
		return nil, fmt.Errorf("carrier scorecard: %w", err)
	}
	var ids []int
	for _, r := range rows {
		if r.CarrierID != nil {
			ids = append(ids, *r.CarrierID)
		}
	}
	carriers, err := carriersByID(ctx, c, ids)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.CarrierID != nil {
			r.Carrier = carriers[*r.CarrierID]
		}
	}
	slices.SortFunc(rows, func(a, b *CarrierScore) int {
		if a.Shipments != b.Shipments {
			return b.Shipments - a.Shipments
		}
		return strings.Compare(a.key(), b.key())
	})
	return rows, nil
}

// scoreKeys gives the grouped columns of a scorecard's statement: the
// carrier, mode, origin and destination columns of its table in, the
// columns to select and to group by out.
type scoreKeys func(carrier, mode, origin, destination string) (cols, keys []string)

// scoresFromTotals reads the scores of whole months [from, to) (nil: no
// bound) from the monthly rollup.
func scoresFromTotals(ctx context.Context, c *ent.Client, filter []predicate.ShipmentTotal, from, to *time.Time, keys scoreKeys) ([]*CarrierScore, error) {
	var rows []*CarrierScore
	where := append(slices.Clone(filter), shipmenttotal.CarrierIDNEQ(0))
	if from != nil {
		where = append(where, shipmenttotal.MonthGTE(int(calendar.MonthOf(*from))))
	}
	if to != nil {
		where = append(where, shipmenttotal.MonthLT(int(calendar.MonthOf(*to))))
	}
	err := fromTotals(ctx, c, where, func(s *entsql.Selector) {
		cols, ks := keys(s.C(shipmenttotal.FieldCarrierID), s.C(shipmenttotal.FieldMode), s.C(shipmenttotal.FieldOrigin), s.C(shipmenttotal.FieldDestination))
		sum := func(f string) string { return fmt.Sprintf("COALESCE(SUM(%s), 0)", s.C(f)) }
		s.Select(append(cols,
			entsql.As(sum(shipmenttotal.FieldShipments), "shipments"),
			entsql.As(sum(shipmenttotal.FieldDelivered), "delivered"),
			entsql.As(sum(shipmenttotal.FieldOnTime), "on_time"),
			entsql.As(fmt.Sprintf("CASE WHEN SUM(%s) > 0 THEN SUM(%s) / SUM(%s) END", s.C(shipmenttotal.FieldDelivered),
				s.C(shipmenttotal.FieldDelayHours), s.C(shipmenttotal.FieldDelivered)), "average_delay_hours"),
			entsql.As(sum(shipmenttotal.FieldExceptions), "exceptions"),
		)...)
		if len(ks) > 0 {
			s.GroupBy(ks...)
		}
	}, &rows)
	return rows, err
}

// scoresFromShipments reads the scores of the shipments q selects whose
// planned pickup lies in [from, to) (nil: no bound), each exception
// against the carrier that held the shipment when it happened.
func scoresFromShipments(ctx context.Context, q *ent.ShipmentQuery, from, to *time.Time, keys scoreKeys) ([]*CarrierScore, error) {
	var rows []*CarrierScore
	q = counted(q)
	// a window of more than a quarter, or none, is a large share of the
	// shipments: SQLite is kept from walking it through the pickup index
	wide := from == nil || to == nil || to.Sub(*from) > wideWindow
	if from != nil {
		q = q.Where(pickupBound(">=", *from, wide))
	}
	if to != nil {
		q = q.Where(pickupBound("<", *to, wide))
	}
	exq := q.Clone()
	err := q.Where(func(s *entsql.Selector) {
		s.Where(entsql.ExprP(unindexed(s, s.C(shipment.FieldCarrierID)) + " IS NOT NULL"))
	}).Modify(func(s *entsql.Selector) {
		delivered := fmt.Sprintf("%s IS NOT NULL", s.C(shipment.FieldActualDelivery))
		delay := hoursSQL(s, shipment.FieldPlannedDelivery, shipment.FieldActualDelivery)
		cols, ks := keys(unindexed(s, s.C(shipment.FieldCarrierID)), unindexed(s, s.C(shipment.FieldMode)),
			unindexed(s, s.C(shipment.FieldOrigin)), unindexed(s, s.C(shipment.FieldDestination)))
		s.Select(append(cols,
			entsql.As("COUNT(*)", "shipments"),
			entsql.As(countWhere(delivered), "delivered"),
			entsql.As(countWhere(onTimeSQL(s)), "on_time"),
			entsql.As(fmt.Sprintf("AVG(CASE WHEN %[1]s THEN CASE WHEN %[2]s > 0 THEN %[2]s ELSE 0 END END)", delivered, delay), "average_delay_hours"),
			entsql.As("(0)", "exceptions"),
		)...)
		if len(ks) > 0 {
			s.GroupBy(ks...)
		}
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	// each exception against the carrier that held the shipment when it
	// happened, as Carrier.record counts it: a later carrier does not
	// take it over
	var ex []*CarrierScore
	err = exq.Modify(func(s *entsql.Selector) {
		e := entsql.Table(shipmentevent.Table).As("e")
		s.Join(e).On(s.C(shipment.FieldID), e.C(shipmentevent.FieldShipmentID))
		s.Where(exceptionEvents(e))
		cols, ks := keys(e.C(shipmentevent.FieldCarrierID), s.C(shipment.FieldMode), s.C(shipment.FieldOrigin), s.C(shipment.FieldDestination))
		s.Select(append(cols, entsql.As("COUNT(*)", "exceptions"))...)
		if len(ks) > 0 {
			s.GroupBy(ks...)
		}
	}).Scan(ctx, &ex)
	// an exceptions row adds to its group, or makes one of its own for a
	// carrier that no longer holds the shipment
	return addScores(rows, ex), err
}

// SQLite's planner, even with the statistics of ANALYZE, reads a grouped
// scorecard over many shipments through an index: the carrier's, to have
// the groups in order without a sort, or the pickup's for a window half
// the table wide; either is a random read of every row (at a million
// shipments 3 to 4 s, where a plain scan and a sort of 25 groups take
// 0.7 s). A unary + on a column is SQLite's documented way to keep a term
// off an index (it changes no value), so the scorecard's own terms wear
// it there; a filter of the viewer's keeps its indexes. Short windows (the
// days around whole months) keep the pickup index, which serves them well.
const wideWindow = 92 * 24 * time.Hour

// unindexed is column, kept off SQLite's indexes.
func unindexed(s *entsql.Selector, column string) string {
	if s.Dialect() == dialect.SQLite {
		return "+" + column
	}
	return column
}

// pickupBound keeps shipments whose planned pickup is op t; on SQLite off
// the index when the window is wide.
func pickupBound(op string, t time.Time, wide bool) predicate.Shipment {
	return func(s *entsql.Selector) {
		column := s.C(shipment.FieldPlannedPickup)
		if wide {
			column = unindexed(s, column)
		}
		s.Where(entsql.P(func(b *entsql.Builder) { b.WriteString(column + " " + op + " ").Arg(t) }))
	}
}

// exceptionEvents keeps the events of e that are exceptions with a carrier.
// The kind is written as a literal, not bound: PostgreSQL plans a partial
// index for a bound value only in a custom plan, SQLite never, and the
// index of exceptions (ent/schema, shipment_event_exceptions) is what
// makes counting a window's exceptions cheap.
func exceptionEvents(e *entsql.SelectTable) *entsql.Predicate {
	return entsql.ExprP(fmt.Sprintf("%s = '%s' AND %s IS NOT NULL",
		e.C(shipmentevent.FieldKind), enum.EventException, e.C(shipmentevent.FieldCarrierID)))
}

// wholeMonths is the first and the last month start within [from, to):
// from itself when it starts a month, else the next month's start; to's
// month's start. nil stands for no bound on its side.
func wholeMonths(from, to *time.Time) (first, last *time.Time) {
	if from != nil {
		f := calendar.MonthOf(*from).Start()
		if !f.Equal(*from) {
			f = (calendar.MonthOf(*from) + 1).Start()
		}
		first = &f
	} else {
		first = &time.Time{} // the beginning: every month of the rollup
	}
	if to != nil {
		l := calendar.MonthOf(*to).Start()
		last = &l
	}
	return first, last
}

// addScores adds the scores of more to those of rows, group by group; the
// average delay is weighed by each part's deliveries.
func addScores(rows, more []*CarrierScore) []*CarrierScore {
	byKey := map[string]*CarrierScore{}
	for _, r := range rows {
		byKey[r.key()] = r
	}
	for _, m := range more {
		r := byKey[m.key()]
		if r == nil {
			byKey[m.key()] = m
			rows = append(rows, m)
			continue
		}
		r.Shipments += m.Shipments
		r.OnTime += m.OnTime
		r.Exceptions += m.Exceptions
		if m.Delivered == 0 {
			continue // the average stays as it is
		}
		delay := 0.0
		if m.AverageDelayHours != nil {
			delay += *m.AverageDelayHours * float64(m.Delivered)
		}
		if r.AverageDelayHours != nil {
			delay += *r.AverageDelayHours * float64(r.Delivered)
		}
		r.Delivered += m.Delivered
		avg := delay / float64(r.Delivered)
		r.AverageDelayHours = &avg
	}
	return rows
}

// key orders groups of equal size alike on both databases.
func (c *CarrierScore) key() string {
	var b strings.Builder
	if c.CarrierID != nil {
		fmt.Fprintf(&b, "%012d", *c.CarrierID)
	}
	for _, p := range []*string{(*string)(c.Mode), c.Origin, c.Destination} {
		if p != nil {
			b.WriteString("|" + *p)
		}
	}
	return b.String()
}

// monthStart reports whether t is absent or the first instant of a UTC
// month: a bound the monthly rollup can answer for.
func monthStart(t *time.Time) bool {
	return t == nil || t.Equal(calendar.MonthOf(*t).Start())
}

// onTimeSQL is the manual's "on time", as SQL: delivered at or before the
// planned delivery (false, or NULL, while undelivered).
func onTimeSQL(s *entsql.Selector) string {
	return fmt.Sprintf("%s <= %s", s.C(shipment.FieldActualDelivery), s.C(shipment.FieldPlannedDelivery))
}
