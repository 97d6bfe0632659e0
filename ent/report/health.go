package report

import (
	"context"
	"fmt"
	"strings"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/clientmonth"
	"github.com/freightgraph/freightgraph/ent/predicate"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmenttotal"
)

// ClientFigures are what a client's health is made of (rule.Health weighs
// them): its satisfaction, the promises kept to it, the margin earned with
// it and whether its business grows.
type ClientFigures struct {
	Satisfaction Satisfaction
	// Delivered and OnTime count its shipments picked up in the last
	// RecordDays days that were delivered, and delivered on time.
	Delivered, OnTime int
	// MarginShipments counts its shipments picked up this month and in the
	// 11 before with a known cost and a price; MarginRatioSum adds up their
	// margins as shares of their prices, so that currencies never mix.
	MarginShipments int
	MarginRatioSum  float64
	// Recent and Previous count its shipments picked up in the last
	// RecentDays days and in the RecentDays days before.
	Recent, Previous int
}

// OnTimeRate is OnTime over Delivered, or nil without deliveries.
func (f *ClientFigures) OnTimeRate() *float64 { return share(f.OnTime, f.Delivered) }

// MarginRate is the average margin as a share of the price, or nil.
func (f *ClientFigures) MarginRate() *float64 {
	if f.MarginShipments == 0 {
		return nil
	}
	r := f.MarginRatioSum / float64(f.MarginShipments)
	return &r
}

// ClientFiguresOf computes the figures of each client in ids as of now,
// given their satisfactions (Satisfactions) in the same order, in two
// grouped statements; every id gets figures.
func ClientFiguresOf(ctx context.Context, c *ent.Client, ids []int, sat []*Satisfaction, now time.Time) (map[int]*ClientFigures, error) {
	out := make(map[int]*ClientFigures, len(ids))
	for i, id := range ids {
		out[id] = &ClientFigures{Satisfaction: *sat[i]}
	}
	rows, err := shipmentFiguresOf(ctx, c.Shipment.Query().Where(shipment.ClientIDIn(ids...)), now)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		f := out[r.ClientID]
		f.Delivered, f.OnTime, f.Recent, f.Previous = r.Delivered, r.OnTime, r.Recent, r.Previous
	}
	margins, err := ClientMargins(ctx, c, ids, now)
	if err != nil {
		return nil, err
	}
	for id, m := range margins {
		out[id].MarginShipments, out[id].MarginRatioSum = m.MarginShipments, m.MarginRatioSum
	}
	return out, nil
}

// ClientMargins sums up the margins of each client in ids over the
// shipments picked up this month and in the 11 before, from the
// ClientMonth rollup in one grouped statement; clients without a shipment
// with a known cost are left out.
func ClientMargins(ctx context.Context, c *ent.Client, ids []int, now time.Time) (map[int]*ClientFigures, error) {
	var rows []struct {
		ClientID int     `json:"client_id"`
		Count    int     `json:"count"`
		Sum      float64 `json:"sum"`
	}
	this := calendar.MonthOf(now)
	err := c.ClientMonth.Query().
		Where(clientmonth.ClientIDIn(ids...), clientmonth.MonthGTE(int(this-11)), clientmonth.MonthLTE(int(this))).
		Modify(func(s *entsql.Selector) {
			s.Select(s.C(clientmonth.FieldClientID),
				entsql.As(fmt.Sprintf("SUM(%s)", s.C(clientmonth.FieldMarginRatioCount)), "count"),
				entsql.As(fmt.Sprintf("SUM(%s)", s.C(clientmonth.FieldMarginRatioSum)), "sum")).
				GroupBy(s.C(clientmonth.FieldClientID))
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("client margins: %w", err)
	}
	out := make(map[int]*ClientFigures, len(rows))
	for _, r := range rows {
		if r.Count > 0 {
			out[r.ClientID] = &ClientFigures{MarginShipments: r.Count, MarginRatioSum: r.Sum}
		}
	}
	return out, nil
}

// shipmentFigures is one client's row of the shipments statement.
type shipmentFigures struct {
	ClientID  int `json:"client_id"`
	Delivered int `json:"delivered"`
	OnTime    int `json:"on_time"`
	Recent    int `json:"recent"`
	Previous  int `json:"previous"`
}

// shipmentFiguresOf is the shipment side of ClientFigures for the shipments
// q selects, per client: of those picked up in the last RecordDays days,
// the delivered and the punctual; and those picked up in the last two
// windows of RecentDays days. Every condition is on the planned pickup, so
// the index of a client's shipments by pickup serves it.
func shipmentFiguresOf(ctx context.Context, q *ent.ShipmentQuery, now time.Time) ([]*shipmentFigures, error) {
	year, recent, previous := now.Add(-RecordDays*day), now.Add(-RecentDays*day), now.Add(-2*RecentDays*day)
	var rows []*shipmentFigures
	err := counted(q).
		Where(shipment.PlannedPickupGTE(year), shipment.PlannedPickupLT(now)).
		Modify(func(s *entsql.Selector) {
			pickup, delivery := s.C(shipment.FieldPlannedPickup), s.C(shipment.FieldActualDelivery)
			cols := []string{
				entsql.As(countWhere(delivery+" IS NOT NULL"), "delivered"),
				entsql.As(countWhere(onTimeSQL(s)), "on_time"),
				entsql.As(countWhere(pickup+" >= ?"), "recent"),
				entsql.As(countWhere(fmt.Sprintf("%s >= ? AND %s < ?", pickup, pickup)), "previous"),
			}
			s.SelectExpr(exprf(strings.Join(cols, ", "), recent, previous, recent))
			s.AppendSelect(entsql.As(s.C(shipment.FieldClientID), "client_id")).GroupBy(s.C(shipment.FieldClientID))
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("client figures: %w", err)
	}
	return rows, nil
}

// CompanyMarginRate is the average margin share of the shipments picked up
// this month and in the 11 before, read from the monthly rollup: the bar a
// client's margin is good above.
func CompanyMarginRate(ctx context.Context, c *ent.Client, now time.Time) (*float64, error) {
	var rows []struct {
		Count int     `json:"count"`
		Sum   float64 `json:"sum"`
	}
	this := calendar.MonthOf(now)
	err := fromTotals(ctx, c, []predicate.ShipmentTotal{shipmenttotal.MonthGTE(int(this - 11)), shipmenttotal.MonthLTE(int(this))},
		func(s *entsql.Selector) {
			s.Select(entsql.As(fmt.Sprintf("COALESCE(SUM(%s), 0)", s.C(shipmenttotal.FieldMarginRatioCount)), "count"),
				entsql.As(fmt.Sprintf("COALESCE(SUM(%s), 0)", s.C(shipmenttotal.FieldMarginRatioSum)), "sum"))
		}, &rows)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	f := ClientFigures{MarginShipments: rows[0].Count, MarginRatioSum: rows[0].Sum}
	return f.MarginRate(), nil
}

// exprf is SQL text whose each ? is the next of args, written as the
// dialect's placeholder ($n on PostgreSQL).
func exprf(text string, args ...any) entsql.Querier {
	return entsql.ExprFunc(func(b *entsql.Builder) {
		parts := strings.Split(text, "?")
		for i, p := range parts {
			b.WriteString(p)
			if i < len(parts)-1 {
				b.Arg(args[i])
			}
		}
	})
}
