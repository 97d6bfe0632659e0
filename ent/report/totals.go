package report

import (
	"context"
	"fmt"
	"reflect"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/clientmonth"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/predicate"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmenttotal"
)

// The monthly rollup (ent/schema ShipmentTotal): one row per month,
// carrier, operations manager, mode, status, currency and lane, which the
// figures that span every client read instead of a million shipments. It is
// kept by deltas (delta.go) in the transaction of every write that changes
// what it counts, so it is never stale; Check compares it with a recount
// from the shipments and their events.

// TotalKey names one row of the rollup.
type TotalKey struct {
	Month               int
	CarrierID           int // 0: none
	OperationsManagerID int
	Mode                enum.TransportMode
	Status              enum.ShipmentStatus
	Currency            enum.Currency
	Origin, Destination string
}

// KeyOf is the rollup row a shipment counts in; its client's month is
// ClientMonthOf.
func KeyOf(s *ent.Shipment) TotalKey {
	k := TotalKey{Month: s.PickupMonth, OperationsManagerID: s.OperationsManagerID, Mode: s.Mode, Status: s.Status,
		Currency: s.Currency, Origin: s.Origin, Destination: s.Destination}
	if s.CarrierID != nil {
		k.CarrierID = *s.CarrierID
	}
	return k
}

// totalsOf selects the rollup rows of the shipments q selects, grouped,
// their exceptions aside (exceptionTotalsOf: they belong to the carrier of
// their time).
func totalsOf(ctx context.Context, q *ent.ShipmentQuery) ([]*ent.ShipmentTotal, error) {
	var rows []*ent.ShipmentTotal
	err := q.Modify(func(s *entsql.Selector) {
		c := s.C
		carrier := fmt.Sprintf("COALESCE(%s, 0)", c(shipment.FieldCarrierID))
		keys := []string{c(shipment.FieldPickupMonth), carrier, c(shipment.FieldOperationsManagerID), c(shipment.FieldMode),
			c(shipment.FieldStatus), c(shipment.FieldCurrency), c(shipment.FieldOrigin), c(shipment.FieldDestination)}
		price, cost := c(shipment.FieldPrice), c(shipment.FieldCost)
		margin := fmt.Sprintf("(%s - %s)", price, cost)
		shares, shareSum := marginShareSQL(s)
		delivered := fmt.Sprintf("%s IS NOT NULL", c(shipment.FieldActualDelivery))
		delay := hoursSQL(s, shipment.FieldPlannedDelivery, shipment.FieldActualDelivery)
		// sums of money in the two parts a row keeps (wideSum)
		s.Select(
			entsql.As(keys[0], shipmenttotal.FieldMonth), entsql.As(carrier, shipmenttotal.FieldCarrierID),
			entsql.As(keys[2], shipmenttotal.FieldOperationsManagerID), entsql.As(keys[3], shipmenttotal.FieldMode),
			entsql.As(keys[4], shipmenttotal.FieldStatus), entsql.As(keys[5], shipmenttotal.FieldCurrency),
			entsql.As(keys[6], shipmenttotal.FieldOrigin), entsql.As(keys[7], shipmenttotal.FieldDestination),
			entsql.As("COUNT(*)", shipmenttotal.FieldShipments),
			entsql.As(fmt.Sprintf("SUM(%s / %d)", price, money.Split), shipmenttotal.FieldPriceSumHigh),
			entsql.As(fmt.Sprintf("SUM(%s %% %d)", price, money.Split), shipmenttotal.FieldPriceSum),
			entsql.As(fmt.Sprintf("MIN(%s)", price), shipmenttotal.FieldPriceMin),
			entsql.As(fmt.Sprintf("MAX(%s)", price), shipmenttotal.FieldPriceMax),
			entsql.As(fmt.Sprintf("COUNT(%s)", cost), shipmenttotal.FieldCostCount),
			entsql.As(fmt.Sprintf("COALESCE(SUM(%s / %d), 0)", cost, money.Split), shipmenttotal.FieldCostSumHigh),
			entsql.As(fmt.Sprintf("COALESCE(SUM(%s %% %d), 0)", cost, money.Split), shipmenttotal.FieldCostSum),
			entsql.As(fmt.Sprintf("MIN(%s)", cost), shipmenttotal.FieldCostMin),
			entsql.As(fmt.Sprintf("MAX(%s)", cost), shipmenttotal.FieldCostMax),
			entsql.As(fmt.Sprintf("COALESCE(SUM(%s / %d), 0)", margin, money.Split), shipmenttotal.FieldMarginSumHigh),
			entsql.As(fmt.Sprintf("COALESCE(SUM(%s %% %d), 0)", margin, money.Split), shipmenttotal.FieldMarginSum),
			entsql.As(fmt.Sprintf("MIN(%s)", margin), shipmenttotal.FieldMarginMin),
			entsql.As(fmt.Sprintf("MAX(%s)", margin), shipmenttotal.FieldMarginMax),
			entsql.As(shares, shipmenttotal.FieldMarginRatioCount),
			entsql.As(shareSum, shipmenttotal.FieldMarginRatioSum),
			entsql.As(countWhere(delivered), shipmenttotal.FieldDelivered),
			entsql.As(countWhere(onTimeSQL(s)), shipmenttotal.FieldOnTime),
			entsql.As(fmt.Sprintf("COALESCE(SUM(CASE WHEN %[1]s AND %[2]s > 0 THEN %[2]s ELSE 0 END), 0)", delivered, delay), shipmenttotal.FieldDelayHours),
			entsql.As("(0)", shipmenttotal.FieldExceptions),
		).GroupBy(keys...)
	}).Scan(ctx, &rows)
	return rows, err
}

// save writes rollup rows, as many at a time as both databases take.
func save(ctx context.Context, c *ent.Client, rows []*ent.ShipmentTotal) error {
	for start := 0; start < len(rows); start += 500 {
		batch := rows[start:min(start+500, len(rows))]
		builders := make([]*ent.ShipmentTotalCreate, len(batch))
		for i, r := range batch {
			builders[i] = c.ShipmentTotal.Create().SetMonth(r.Month).SetCarrierID(r.CarrierID).SetOperationsManagerID(r.OperationsManagerID).
				SetMode(r.Mode).SetStatus(r.Status).SetCurrency(r.Currency).SetOrigin(r.Origin).SetDestination(r.Destination).
				SetShipments(r.Shipments).SetPriceSum(r.PriceSum).SetPriceSumHigh(r.PriceSumHigh).
				SetNillablePriceMin(r.PriceMin).SetNillablePriceMax(r.PriceMax).
				SetCostCount(r.CostCount).SetCostSum(r.CostSum).SetCostSumHigh(r.CostSumHigh).
				SetNillableCostMin(r.CostMin).SetNillableCostMax(r.CostMax).
				SetMarginSum(r.MarginSum).SetMarginSumHigh(r.MarginSumHigh).
				SetNillableMarginMin(r.MarginMin).SetNillableMarginMax(r.MarginMax).
				SetMarginRatioCount(r.MarginRatioCount).SetMarginRatioSum(r.MarginRatioSum).
				SetDelivered(r.Delivered).SetOnTime(r.OnTime).SetDelayHours(r.DelayHours).SetExceptions(r.Exceptions)
		}
		if err := c.ShipmentTotal.CreateBulk(builders...).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// SameFigures reports whether two states of a shipment count alike in both
// rollups: the same rows, the same money, the same delivery.
func SameFigures(a, b *ent.Shipment) bool {
	same := func(x, y *int64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	sameTime := func(x, y *time.Time) bool { return x == nil && y == nil || x != nil && y != nil && x.Equal(*y) }
	return KeyOf(a) == KeyOf(b) && ClientMonthOf(a) == ClientMonthOf(b) && a.Price == b.Price &&
		same((*int64)(a.Cost), (*int64)(b.Cost)) && a.PlannedDelivery.Equal(b.PlannedDelivery) && sameTime(a.ActualDelivery, b.ActualDelivery)
}

// ClientMonthKey names a client's month in the ClientMonth rollup.
type ClientMonthKey struct{ ClientID, Month int }

// ClientMonthOf is the client's month a shipment counts in.
func ClientMonthOf(s *ent.Shipment) ClientMonthKey {
	return ClientMonthKey{ClientID: s.ClientID, Month: s.PickupMonth}
}

// clientMonthsOf groups the shipments q selects, cancelled ones aside, by
// client and pickup month.
func clientMonthsOf(ctx context.Context, q *ent.ShipmentQuery) ([]*ent.ClientMonth, error) {
	var rows []*ent.ClientMonth
	err := counted(q).Modify(func(s *entsql.Selector) {
		shares, shareSum := marginShareSQL(s)
		s.Select(entsql.As(s.C(shipment.FieldClientID), clientmonth.FieldClientID), entsql.As(s.C(shipment.FieldPickupMonth), clientmonth.FieldMonth),
			entsql.As("COUNT(*)", clientmonth.FieldShipments),
			entsql.As(shares, clientmonth.FieldMarginRatioCount), entsql.As(shareSum, clientmonth.FieldMarginRatioSum)).
			GroupBy(s.C(shipment.FieldClientID), s.C(shipment.FieldPickupMonth))
	}).Scan(ctx, &rows)
	return rows, err
}

func saveClientMonths(ctx context.Context, c *ent.Client, rows []*ent.ClientMonth) error {
	for start := 0; start < len(rows); start += 1000 {
		batch := rows[start:min(start+1000, len(rows))]
		builders := make([]*ent.ClientMonthCreate, len(batch))
		for i, m := range batch {
			builders[i] = c.ClientMonth.Create().SetClientID(m.ClientID).SetMonth(m.Month).SetShipments(m.Shipments).
				SetMarginRatioCount(m.MarginRatioCount).SetMarginRatioSum(m.MarginRatioSum)
		}
		if err := c.ClientMonth.CreateBulk(builders...).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// RebuildTotals rewrites both rollups from the shipments: after the
// seed's bulk load, and on open when they are empty.
func RebuildTotals(ctx context.Context, c *ent.Client) error {
	if _, err := c.ClientMonth.Delete().Exec(ctx); err != nil {
		return fmt.Errorf("rebuild the client months: %w", err)
	}
	months, err := clientMonthsOf(ctx, c.Shipment.Query())
	if err == nil {
		err = saveClientMonths(ctx, c, months)
	}
	if err != nil {
		return fmt.Errorf("rebuild the client months: %w", err)
	}
	if _, err := c.ShipmentTotal.Delete().Exec(ctx); err != nil {
		return fmt.Errorf("rebuild the monthly totals: %w", err)
	}
	rows, err := countTotals(ctx, c, nil)
	if err != nil {
		return fmt.Errorf("rebuild the monthly totals: %w", err)
	}
	if err := save(ctx, c, rows); err != nil {
		return fmt.Errorf("rebuild the monthly totals: %w", err)
	}
	return nil
}

// fromTotals runs a grouped read of the rollup, counting no cancelled
// shipment.
func fromTotals(ctx context.Context, c *ent.Client, where []predicate.ShipmentTotal, build func(s *entsql.Selector), v any) error {
	return c.ShipmentTotal.Query().Where(append(where, shipmenttotal.StatusNEQ(enum.ShipmentCancelled))...).
		Modify(build).Scan(ctx, v)
}

// rollupGroups are the keys the rollup keeps.
var rollupGroups = map[Group]string{
	GroupCarrier: shipmenttotal.FieldCarrierID, GroupManager: shipmenttotal.FieldOperationsManagerID,
	GroupMode: shipmenttotal.FieldMode, GroupStatus: shipmenttotal.FieldStatus, GroupCurrency: shipmenttotal.FieldCurrency,
}

// servedByTotals reports whether the rollup holds every key of groups.
func servedByTotals(groups []Group) bool {
	for _, g := range groups {
		if _, ok := rollupGroups[g]; !ok && g != GroupMonth && g != GroupQuarter && g != GroupYear {
			return false
		}
	}
	return true
}

// totalsFilter translates a shipments filter into the rollup's terms when
// it filters only by what the rollup keeps (mode, status, currency,
// carrier, operations manager: equal to or one of), so that a dashboard's
// "road only" is read from the rollup too. ok is false for anything else,
// which then reads the shipments.
func totalsFilter(where *ent.ShipmentWhereInput) (ps []predicate.ShipmentTotal, ok bool) {
	if where == nil {
		return nil, true
	}
	rest := *where
	if rest.Mode != nil {
		ps, rest.Mode = append(ps, shipmenttotal.ModeEQ(*rest.Mode)), nil
	}
	if rest.ModeIn != nil {
		ps, rest.ModeIn = append(ps, shipmenttotal.ModeIn(rest.ModeIn...)), nil
	}
	if rest.Status != nil {
		ps, rest.Status = append(ps, shipmenttotal.StatusEQ(*rest.Status)), nil
	}
	if rest.StatusIn != nil {
		ps, rest.StatusIn = append(ps, shipmenttotal.StatusIn(rest.StatusIn...)), nil
	}
	if rest.Currency != nil {
		ps, rest.Currency = append(ps, shipmenttotal.CurrencyEQ(*rest.Currency)), nil
	}
	if rest.CurrencyIn != nil {
		ps, rest.CurrencyIn = append(ps, shipmenttotal.CurrencyIn(rest.CurrencyIn...)), nil
	}
	if rest.CarrierID != nil {
		ps, rest.CarrierID = append(ps, shipmenttotal.CarrierID(*rest.CarrierID)), nil
	}
	if rest.CarrierIDIn != nil {
		ps, rest.CarrierIDIn = append(ps, shipmenttotal.CarrierIDIn(rest.CarrierIDIn...)), nil
	}
	if rest.OperationsManagerID != nil {
		ps, rest.OperationsManagerID = append(ps, shipmenttotal.OperationsManagerID(*rest.OperationsManagerID)), nil
	}
	if rest.OperationsManagerIDIn != nil {
		ps, rest.OperationsManagerIDIn = append(ps, shipmenttotal.OperationsManagerIDIn(rest.OperationsManagerIDIn...)), nil
	}
	return ps, reflect.DeepEqual(rest, ent.ShipmentWhereInput{})
}
