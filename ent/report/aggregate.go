package report

import (
	"context"
	"fmt"
	"slices"
	"strings"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmenttotal"
	"github.com/freightgraph/freightgraph/ent/tender"
)

// Group is a key analysts may group shipments or tenders by.
type Group string

// The groups. A shipment's manager is its operations manager and its
// period the month of its planned pickup; a tender's manager is its owner
// and its period the month of its submission deadline.
const (
	GroupClient   Group = "CLIENT"
	GroupCarrier  Group = "CARRIER"
	GroupManager  Group = "MANAGER"
	GroupMode     Group = "MODE"
	GroupStatus   Group = "STATUS"
	GroupStage    Group = "STAGE"
	GroupCurrency Group = "CURRENCY"
	GroupMonth    Group = "MONTH"
	GroupQuarter  Group = "QUARTER"
	GroupYear     Group = "YEAR"
)

// MaxGroups bounds the rows of one aggregate: past it, the caller is asked
// to narrow the filter or group by less.
const MaxGroups = 10_000

// InputError is a request the figures cannot answer as asked; Field names
// the argument at fault.
type InputError struct{ Field, Message string }

func (e *InputError) Error() string { return e.Field + ": " + e.Message }

var errTooManyGroups = &InputError{"groupBy", fmt.Sprintf("more than %d groups: narrow the filter or group by fewer keys", MaxGroups)}

// Stats sums up one money column over a group: count is the rows that
// have a value. The sum is exact however large (money.Sum); the average is
// rounded half away from zero to the minor unit from it, so it is the same
// on every database.
type Stats struct {
	Count int
	Sum   *money.Sum
	Min   *money.Amount
	Max   *money.Amount
}

// Average is the mean, or nil without values.
func (s Stats) Average() *money.Amount {
	if s.Count == 0 || s.Sum == nil {
		return nil
	}
	a := s.Sum.Average(s.Count)
	return &a
}

// Key is what one group's rows share; the keys not grouped by are nil.
// Currency is always set: money in different currencies is never added up.
type Key struct {
	ClientID  *int                 `json:"client_id"`
	CarrierID *int                 `json:"carrier_id"`
	ManagerID *int                 `json:"manager_id"`
	Mode      *enum.TransportMode  `json:"mode"`
	Status    *enum.ShipmentStatus `json:"status"`
	Stage     *enum.TenderStage    `json:"stage"`
	Currency  enum.Currency        `json:"currency"`
	// PeriodStart is the first month of the period, with its length.
	PeriodStart  *Month
	PeriodLength Period
	Client       *ent.Customer
	Carrier      *ent.Carrier
	Manager      *ent.Manager
}

// ShipmentAggregate is the figures of one group of shipments.
type ShipmentAggregate struct {
	Key
	Count  int   `json:"count"`
	Price  Stats `json:"-"`
	Cost   Stats `json:"-"`
	Margin Stats `json:"-"`
}

// TenderAggregate is the figures of one group of tenders.
type TenderAggregate struct {
	Key
	Count int   `json:"count"`
	Value Stats `json:"-"`
}

// statsRow is the flat row the statements scan into: the key's columns,
// the count, and up to three money stats (c, h, s, n, x: count, the sum's
// high and low parts (wideSum), min, max).
type statsRow struct {
	ClientID  *int                 `json:"client_id"`
	CarrierID *int                 `json:"carrier_id"`
	ManagerID *int                 `json:"manager_id"`
	Mode      *enum.TransportMode  `json:"mode"`
	Status    *enum.ShipmentStatus `json:"status"`
	Stage     *enum.TenderStage    `json:"stage"`
	Currency  enum.Currency        `json:"currency"`
	Period    *Month               `json:"period"`
	Count     int                  `json:"count"`
	C0        int                  `json:"c0"`
	C1        int                  `json:"c1"`
	C2        int                  `json:"c2"`
	H0        *int64               `json:"h0"`
	H1        *int64               `json:"h1"`
	H2        *int64               `json:"h2"`
	S0        *int64               `json:"s0"`
	S1        *int64               `json:"s1"`
	S2        *int64               `json:"s2"`
	N0        *money.Amount        `json:"n0"`
	N1        *money.Amount        `json:"n1"`
	N2        *money.Amount        `json:"n2"`
	X0        *money.Amount        `json:"x0"`
	X1        *money.Amount        `json:"x1"`
	X2        *money.Amount        `json:"x2"`
}

func (r *statsRow) key(p Period) Key {
	return Key{ClientID: r.ClientID, CarrierID: r.CarrierID, ManagerID: r.ManagerID, Mode: r.Mode, Status: r.Status,
		Stage: r.Stage, Currency: r.Currency, PeriodStart: r.Period, PeriodLength: p}
}

func (r *statsRow) stats(i int) Stats {
	switch i {
	case 0:
		return Stats{Count: r.C0, Sum: partsOf(r.H0, r.S0), Min: r.N0, Max: r.X0}
	case 1:
		return Stats{Count: r.C1, Sum: partsOf(r.H1, r.S1), Min: r.N1, Max: r.X1}
	}
	return Stats{Count: r.C2, Sum: partsOf(r.H2, r.S2), Min: r.N2, Max: r.X2}
}

// periods are the groups that name a period.
var periods = map[Group]Period{GroupMonth: PeriodMonth, GroupQuarter: PeriodQuarter, GroupYear: PeriodYear}

// checkGroups refuses keys the records cannot be grouped by, before any
// statement runs.
func checkGroups(groups []Group, columns map[Group]string) error {
	n := 0
	for _, g := range groups {
		if _, ok := periods[g]; ok {
			if n++; n > 1 {
				return &InputError{"groupBy", "group by one of MONTH, QUARTER and YEAR, not by two"}
			}
		} else if _, ok := columns[g]; !ok {
			return &InputError{"groupBy", fmt.Sprintf("%s is not a key these records can be grouped by", g)}
		}
	}
	return nil
}

// groupColumns selects and groups by the keys asked for (checkGroups
// passed them), currency always.
func groupColumns(s *entsql.Selector, groups []Group, time string, columns map[Group]string) (cols, keys []string, period Period) {
	add := func(expr, as string) {
		if !slices.Contains(keys, expr) {
			cols, keys = append(cols, entsql.As(expr, as)), append(keys, expr)
		}
	}
	add(s.C(columns[GroupCurrency]), "currency")
	for _, g := range groups {
		if p, ok := periods[g]; ok {
			period = p
			add(periodSQL(s, time, period), "period")
		} else {
			add(s.C(columns[g]), map[Group]string{GroupClient: "client_id", GroupCarrier: "carrier_id", GroupManager: "manager_id",
				GroupMode: "mode", GroupStatus: "status", GroupStage: "stage"}[g])
		}
	}
	return cols, keys, period
}

// moneyStats selects count, sum (in its two parts), min and max of a money
// expression as the i-th stats of the row.
func moneyStats(i int, expr string) []string {
	out := []string{entsql.As(fmt.Sprintf("COUNT(%s)", expr), fmt.Sprintf("c%d", i))}
	out = append(out, wideSum(expr, fmt.Sprintf("h%d", i), fmt.Sprintf("s%d", i))...)
	return append(out,
		entsql.As(fmt.Sprintf("MIN(%s)", expr), fmt.Sprintf("n%d", i)),
		entsql.As(fmt.Sprintf("MAX(%s)", expr), fmt.Sprintf("x%d", i)),
	)
}

// ShipmentAggregates groups the shipments q selects, cancelled ones aside,
// by the keys asked for and currency, in one statement: count, and the
// stats of price, cost and margin (over the shipments whose cost is known).
// By keys the monthly rollup keeps, and filtered (where, which made q) by
// nothing else, it reads the rollup instead of the shipments.
func ShipmentAggregates(ctx context.Context, c *ent.Client, q *ent.ShipmentQuery, where *ent.ShipmentWhereInput, groups []Group) ([]*ShipmentAggregate, error) {
	columns := map[Group]string{
		GroupClient: shipment.FieldClientID, GroupCarrier: shipment.FieldCarrierID, GroupManager: shipment.FieldOperationsManagerID,
		GroupMode: shipment.FieldMode, GroupStatus: shipment.FieldStatus, GroupCurrency: shipment.FieldCurrency,
	}
	if err := checkGroups(groups, columns); err != nil {
		return nil, err
	}
	var rows []*statsRow
	var period Period
	// grouped selects the keys and the stats, from the rollup or the rows
	grouped := func(s *entsql.Selector, time string, columns map[Group]string, stats func() []string) {
		var cols, keys []string
		cols, keys, period = groupColumns(s, groups, time, columns)
		s.Select(append(cols, stats()...)...).GroupBy(keys...).Limit(MaxGroups + 1)
	}
	var err error
	if filter, ok := totalsFilter(where); ok && servedByTotals(groups) {
		// rows that hold only a former carrier's exceptions count no shipment
		err = fromTotals(ctx, c, append(filter, shipmenttotal.ShipmentsGT(0)), func(s *entsql.Selector) {
			grouped(s, shipmenttotal.FieldMonth, rollupGroups, func() []string {
				sum := func(f string) string { return fmt.Sprintf("SUM(%s)", s.C(f)) }
				ifCost := func(f string) string {
					return fmt.Sprintf("CASE WHEN %s > 0 THEN %s END", sum(shipmenttotal.FieldCostCount), sum(f))
				}
				// a row's sums are kept in two parts too (high: of units
				// of money.Split), whose sums over rows stay in int64
				return []string{
					entsql.As(sum(shipmenttotal.FieldShipments), "count"),
					entsql.As(sum(shipmenttotal.FieldShipments), "c0"),
					entsql.As(sum(shipmenttotal.FieldPriceSumHigh), "h0"), entsql.As(sum(shipmenttotal.FieldPriceSum), "s0"),
					entsql.As(fmt.Sprintf("MIN(%s)", s.C(shipmenttotal.FieldPriceMin)), "n0"), entsql.As(fmt.Sprintf("MAX(%s)", s.C(shipmenttotal.FieldPriceMax)), "x0"),
					entsql.As(sum(shipmenttotal.FieldCostCount), "c1"),
					entsql.As(ifCost(shipmenttotal.FieldCostSumHigh), "h1"), entsql.As(ifCost(shipmenttotal.FieldCostSum), "s1"),
					entsql.As(fmt.Sprintf("MIN(%s)", s.C(shipmenttotal.FieldCostMin)), "n1"), entsql.As(fmt.Sprintf("MAX(%s)", s.C(shipmenttotal.FieldCostMax)), "x1"),
					entsql.As(sum(shipmenttotal.FieldCostCount), "c2"),
					entsql.As(ifCost(shipmenttotal.FieldMarginSumHigh), "h2"), entsql.As(ifCost(shipmenttotal.FieldMarginSum), "s2"),
					entsql.As(fmt.Sprintf("MIN(%s)", s.C(shipmenttotal.FieldMarginMin)), "n2"), entsql.As(fmt.Sprintf("MAX(%s)", s.C(shipmenttotal.FieldMarginMax)), "x2"),
				}
			})
		}, &rows)
	} else {
		err = counted(q).Modify(func(s *entsql.Selector) {
			grouped(s, shipment.FieldPlannedPickup, columns, func() []string {
				price, cost := s.C(shipment.FieldPrice), s.C(shipment.FieldCost)
				stats := []string{entsql.As("COUNT(*)", "count")}
				stats = append(stats, moneyStats(0, price)...)
				stats = append(stats, moneyStats(1, cost)...)
				return append(stats, moneyStats(2, fmt.Sprintf("(%s - %s)", price, cost))...)
			})
		}).Scan(ctx, &rows)
	}
	if err != nil {
		return nil, fmt.Errorf("shipment aggregates: %w", err)
	}
	if len(rows) > MaxGroups {
		return nil, errTooManyGroups
	}
	out := make([]*ShipmentAggregate, len(rows))
	keys := make([]*Key, len(rows))
	for i, r := range rows {
		if r.CarrierID != nil && *r.CarrierID == 0 {
			r.CarrierID = nil // the rollup's "no carrier"
		}
		out[i] = &ShipmentAggregate{Key: r.key(period), Count: r.Count, Price: r.stats(0), Cost: r.stats(1), Margin: r.stats(2)}
		keys[i] = &out[i].Key
	}
	slices.SortFunc(out, func(a, b *ShipmentAggregate) int { return strings.Compare(a.sortKey(), b.sortKey()) })
	return out, nameKeys(ctx, c, keys)
}

// TenderAggregates groups the tenders q selects by the keys asked for and
// currency, in one statement: count and the stats of their estimated value.
func TenderAggregates(ctx context.Context, c *ent.Client, q *ent.TenderQuery, groups []Group) ([]*TenderAggregate, error) {
	columns := map[Group]string{
		GroupClient: tender.FieldClientID, GroupManager: tender.FieldOwnerID, GroupStage: tender.FieldStage, GroupCurrency: tender.FieldCurrency,
	}
	if err := checkGroups(groups, columns); err != nil {
		return nil, err
	}
	var rows []*statsRow
	var period Period
	err := q.Modify(func(s *entsql.Selector) {
		var cols, keys []string
		cols, keys, period = groupColumns(s, groups, tender.FieldSubmissionDeadline, columns)
		cols = append(cols, entsql.As("COUNT(*)", "count"))
		cols = append(cols, moneyStats(0, s.C(tender.FieldEstimatedValue))...)
		s.Select(cols...).GroupBy(keys...).Limit(MaxGroups + 1)
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("tender aggregates: %w", err)
	}
	if len(rows) > MaxGroups {
		return nil, errTooManyGroups
	}
	out := make([]*TenderAggregate, len(rows))
	keys := make([]*Key, len(rows))
	for i, r := range rows {
		out[i] = &TenderAggregate{Key: r.key(period), Count: r.Count, Value: r.stats(0)}
		keys[i] = &out[i].Key
	}
	slices.SortFunc(out, func(a, b *TenderAggregate) int { return strings.Compare(a.sortKey(), b.sortKey()) })
	return out, nameKeys(ctx, c, keys)
}

// nameKeys loads the clients, carriers and managers the keys name, one
// statement per kind, and puts the keys in a stable order.
func nameKeys(ctx context.Context, c *ent.Client, keys []*Key) error {
	var cl, ca, ma []int
	for _, k := range keys {
		if k.ClientID != nil {
			cl = append(cl, *k.ClientID)
		}
		if k.CarrierID != nil {
			ca = append(ca, *k.CarrierID)
		}
		if k.ManagerID != nil {
			ma = append(ma, *k.ManagerID)
		}
	}
	clients, err := clientsByID(ctx, c, cl)
	if err != nil {
		return err
	}
	carriers, err := carriersByID(ctx, c, ca)
	if err != nil {
		return err
	}
	managers, err := managersByID(ctx, c, ma)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if k.ClientID != nil {
			k.Client = clients[*k.ClientID]
		}
		if k.CarrierID != nil {
			k.Carrier = carriers[*k.CarrierID]
		}
		if k.ManagerID != nil {
			k.Manager = managers[*k.ManagerID]
		}
	}
	return nil
}

// Period is the key's period as 2026-11, 2026-Q4 or 2026, or empty.
func (k *Key) Period() *string { return label(k.PeriodStart, k.PeriodLength) }

// sortKey orders groups alike on every database.
func (k *Key) sortKey() string {
	var b strings.Builder
	for _, p := range []*int{(*int)(k.PeriodStart), k.ClientID, k.CarrierID, k.ManagerID} {
		if p != nil {
			fmt.Fprintf(&b, "%012d|", *p)
		}
	}
	for _, p := range []*string{(*string)(k.Mode), (*string)(k.Status), (*string)(k.Stage)} {
		if p != nil {
			b.WriteString(*p + "|")
		}
	}
	b.WriteString(string(k.Currency))
	return b.String()
}
