package report

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmentevent"
)

// The rollups are kept by deltas. A shipment written subtracts what its old
// state counted from the rows it leaves and adds what its new state counts
// to the rows it joins, with one INSERT … ON CONFLICT DO UPDATE SET n = n +
// excluded.n per row (on both databases). Additions commute, so two writers
// of one row wait for each other's row lock and both succeed; neither reads
// the row's other shipments. Minima and maxima are the exception: joining a
// row can only lower its minimum (or raise its maximum), which the upsert
// does; leaving it matters only when the value leaving was the row's minimum
// or maximum, and then that row's extremes are read again from its
// shipments (by index), in the same transaction, after the row is locked,
// so they stay exact. A row whose shipments and exceptions reach 0 is
// deleted. A row that a delta would drive below 0 (a rollup out of step
// with its shipments, which no write through the rules makes) is recounted
// from its shipments instead, so a rollup heals rather than drifts.

// figures is what shipments add to a rollup row (negative: what leaves it).
// Sums of money are in two parts, high and low (money.HighLow), as the row
// keeps them.
type figures struct {
	shipments, costCount, ratioCount, delivered, onTime, exceptions int
	priceSum, costSum, marginSum                                    int64
	priceHigh, costHigh, marginHigh                                 int64
	ratioSum, delayHours                                            float64
}

func (f figures) plus(g figures, sign int) figures {
	s64 := int64(sign)
	return figures{
		shipments: f.shipments + sign*g.shipments, costCount: f.costCount + sign*g.costCount,
		ratioCount: f.ratioCount + sign*g.ratioCount, delivered: f.delivered + sign*g.delivered,
		onTime: f.onTime + sign*g.onTime, exceptions: f.exceptions + sign*g.exceptions,
		priceSum: f.priceSum + s64*g.priceSum, costSum: f.costSum + s64*g.costSum, marginSum: f.marginSum + s64*g.marginSum,
		priceHigh: f.priceHigh + s64*g.priceHigh, costHigh: f.costHigh + s64*g.costHigh, marginHigh: f.marginHigh + s64*g.marginHigh,
		ratioSum: f.ratioSum + float64(sign)*g.ratioSum, delayHours: f.delayHours + float64(sign)*g.delayHours,
	}
}

// extremes are the values of one shipment that a row's minima and maxima
// are taken over: its price, and its cost and margin when the cost is known.
type extremes struct{ price, cost, margin *int64 }

// figuresOf is what shipment s counts in its ShipmentTotal row: the same
// sums as totalsOf's SQL, computed from the record.
func figuresOf(s *ent.Shipment) (figures, extremes) {
	p := int64(s.Price)
	f := figures{shipments: 1}
	f.priceHigh, f.priceSum = money.HighLow(s.Price)
	x := extremes{price: &p}
	if s.Cost != nil {
		c := int64(*s.Cost)
		m := p - c
		x.cost, x.margin = &c, &m
		f.costCount = 1
		f.costHigh, f.costSum = money.HighLow(*s.Cost)
		f.marginHigh, f.marginSum = money.HighLow(money.Amount(m))
		if p > 0 {
			f.ratioCount, f.ratioSum = 1, float64(m)/float64(p)
		}
	}
	if s.ActualDelivery != nil {
		f.delivered = 1
		if !s.ActualDelivery.After(s.PlannedDelivery) {
			f.onTime = 1
		}
		if d := s.ActualDelivery.Sub(s.PlannedDelivery).Hours(); d > 0 {
			f.delayHours = d
		}
	}
	return f, x
}

// rowDelta is what one write changes in one ShipmentTotal row.
type rowDelta struct {
	figures
	joins []extremes // values joining the row
	leave []extremes // values leaving it
}

// ShipmentWritten applies to both rollups what writing shipment s changed:
// old is its state before (nil for a new one). It runs in the writer's
// transaction, under a context that may write the rollups.
func ShipmentWritten(ctx context.Context, c *ent.Client, old, s *ent.Shipment) error {
	if old != nil && SameFigures(old, s) {
		// nothing the rollups read changed (a note, an estimate, a
		// booking): leave their rows alone, and out of colleagues' way
		return nil
	}
	rows := map[TotalKey]*rowDelta{}
	at := func(k TotalKey) *rowDelta {
		if rows[k] == nil {
			rows[k] = &rowDelta{}
		}
		return rows[k]
	}
	if old != nil {
		f, x := figuresOf(old)
		d := at(KeyOf(old))
		d.figures, d.leave = d.plus(f, -1), append(d.leave, x)
	}
	f, x := figuresOf(s)
	d := at(KeyOf(s))
	d.figures, d.joins = d.plus(f, 1), append(d.joins, x)
	if old != nil && withoutCarrier(KeyOf(old)) != withoutCarrier(KeyOf(s)) {
		// the shipment's exceptions stay with the carriers that held it,
		// and move with it to its new month, status, lane …
		byCarrier, err := exceptionsByCarrier(ctx, c, s.ID)
		if err != nil {
			return err
		}
		for carrier, n := range byCarrier {
			from, to := KeyOf(old), KeyOf(s)
			from.CarrierID, to.CarrierID = carrier, carrier
			at(from).exceptions -= n
			at(to).exceptions += n
		}
	}
	if err := applyTotals(ctx, c, rows); err != nil {
		return fmt.Errorf("keep the monthly totals: %w", err)
	}
	months := map[ClientMonthKey]figures{}
	if old != nil && old.Status != enum.ShipmentCancelled {
		f, _ := figuresOf(old)
		months[ClientMonthOf(old)] = months[ClientMonthOf(old)].plus(f, -1)
	}
	if s.Status != enum.ShipmentCancelled {
		f, _ := figuresOf(s)
		months[ClientMonthOf(s)] = months[ClientMonthOf(s)].plus(f, 1)
	}
	if err := applyClientMonths(ctx, c, months); err != nil {
		return fmt.Errorf("keep the client's months: %w", err)
	}
	return nil
}

// ExceptionRecorded counts an EXCEPTION event of shipment s, recorded while
// carrierID held it, in the rollup row of that carrier.
func ExceptionRecorded(ctx context.Context, c *ent.Client, s *ent.Shipment, carrierID int) error {
	k := KeyOf(s)
	k.CarrierID = carrierID
	err := applyTotals(ctx, c, map[TotalKey]*rowDelta{k: {figures: figures{exceptions: 1}}})
	if err != nil {
		return fmt.Errorf("keep the monthly totals: %w", err)
	}
	return nil
}

func withoutCarrier(k TotalKey) TotalKey {
	k.CarrierID = 0
	return k
}

// the kind a literal, as the partial index of exceptions needs (exceptionEvents)
const exceptionsByCarrierSQL = `SELECT carrier_id, COUNT(*) FROM shipment_events
	WHERE shipment_id = $1 AND kind = '` + string(enum.EventException) + `' AND carrier_id IS NOT NULL GROUP BY carrier_id`

// exceptionsByCarrier counts shipment id's EXCEPTION events by the carrier
// that held it, from the index of exceptions.
func exceptionsByCarrier(ctx context.Context, c *ent.Client, id int) (map[int]int, error) {
	rows, err := c.QueryContext(ctx, exceptionsByCarrierSQL, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var carrier, n int
		if err := rows.Scan(&carrier, &n); err != nil {
			return nil, err
		}
		out[carrier] = n
	}
	return out, rows.Err()
}

func compareKeys(a, b TotalKey) int {
	return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.CarrierID, b.CarrierID),
		cmp.Compare(a.OperationsManagerID, b.OperationsManagerID), cmp.Compare(a.Mode, b.Mode), cmp.Compare(a.Status, b.Status),
		cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Origin, b.Origin), cmp.Compare(a.Destination, b.Destination))
}

// keyWhere is the WHERE clause of one rollup row, its arguments from $n on.
func keyWhere(k TotalKey, n int) (string, []any) {
	return fmt.Sprintf("month = $%d AND carrier_id = $%d AND operations_manager_id = $%d AND mode = $%d AND status = $%d AND currency = $%d AND origin = $%d AND destination = $%d",
			n, n+1, n+2, n+3, n+4, n+5, n+6, n+7),
		[]any{k.Month, k.CarrierID, k.OperationsManagerID, string(k.Mode), string(k.Status), string(k.Currency), k.Origin, k.Destination}
}

// least and greatest of a stored and an incoming value, NULL counting as
// absent, in SQL both databases read alike.
func least(col string) string {
	return fmt.Sprintf("CASE WHEN COALESCE(shipment_totals.%[1]s, excluded.%[1]s) <= COALESCE(excluded.%[1]s, shipment_totals.%[1]s) THEN COALESCE(shipment_totals.%[1]s, excluded.%[1]s) ELSE excluded.%[1]s END", col)
}

func greatest(col string) string {
	return fmt.Sprintf("CASE WHEN COALESCE(shipment_totals.%[1]s, excluded.%[1]s) >= COALESCE(excluded.%[1]s, shipment_totals.%[1]s) THEN COALESCE(shipment_totals.%[1]s, excluded.%[1]s) ELSE excluded.%[1]s END", col)
}

var upsertTotal = func() string {
	sum := func(cols ...string) []string {
		out := make([]string, len(cols))
		for i, c := range cols {
			out[i] = fmt.Sprintf("%[1]s = shipment_totals.%[1]s + excluded.%[1]s", c)
		}
		return out
	}
	set := sum("shipments", "price_sum", "cost_count", "cost_sum", "margin_sum", "margin_ratio_count", "margin_ratio_sum",
		"delivered", "on_time", "delay_hours", "exceptions", "price_sum_high", "cost_sum_high", "margin_sum_high")
	for _, c := range []string{"price", "cost", "margin"} {
		set = append(set, fmt.Sprintf("%s_min = %s", c, least(c+"_min")), fmt.Sprintf("%s_max = %s", c, greatest(c+"_max")))
	}
	return `INSERT INTO shipment_totals (month, carrier_id, operations_manager_id, mode, status, currency, origin, destination,
		shipments, price_sum, price_min, price_max, cost_count, cost_sum, cost_min, cost_max, margin_sum, margin_min, margin_max,
		margin_ratio_count, margin_ratio_sum, delivered, on_time, delay_hours, exceptions, price_sum_high, cost_sum_high, margin_sum_high)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28)
		ON CONFLICT (month, carrier_id, operations_manager_id, mode, status, currency, origin, destination) DO UPDATE SET ` +
		strings.Join(set, ", ") + `
		RETURNING shipments, exceptions, price_min, price_max, cost_min, cost_max, margin_min, margin_max`
}()

// applyTotals applies deltas to their ShipmentTotal rows, in the order of
// their keys: two writers that touch the same rows lock them in the same
// order, so they queue instead of deadlocking.
func applyTotals(ctx context.Context, c *ent.Client, rows map[TotalKey]*rowDelta) error {
	for _, k := range slices.SortedFunc(maps.Keys(rows), compareKeys) {
		d := rows[k]
		if d.figures == (figures{}) && len(d.joins) == 0 {
			continue
		}
		// the incoming extremes: the lowest and highest of what joins
		var in [6]*int64
		for _, x := range d.joins {
			for i, v := range []*int64{x.price, x.price, x.cost, x.cost, x.margin, x.margin} {
				if v != nil && (in[i] == nil || (i%2 == 0 && *v < *in[i]) || (i%2 == 1 && *v > *in[i])) {
					in[i] = v
				}
			}
		}
		args := []any{k.Month, k.CarrierID, k.OperationsManagerID, string(k.Mode), string(k.Status), string(k.Currency), k.Origin, k.Destination,
			d.shipments, d.priceSum, in[0], in[1], d.costCount, d.costSum, in[2], in[3], d.marginSum, in[4], in[5],
			d.ratioCount, d.ratioSum, d.delivered, d.onTime, d.delayHours, d.exceptions, d.priceHigh, d.costHigh, d.marginHigh}
		var shipments, exceptions int
		var now [6]sql.NullInt64
		err := queryRow(ctx, c, upsertTotal, args, &shipments, &exceptions, &now[0], &now[1], &now[2], &now[3], &now[4], &now[5])
		if err != nil {
			return err
		}
		switch {
		case shipments < 0 || exceptions < 0:
			if err := recountTotal(ctx, c, k); err != nil {
				return err
			}
		case shipments == 0 && exceptions == 0:
			where, wargs := keyWhere(k, 1)
			if _, err := c.ExecContext(ctx, "DELETE FROM shipment_totals WHERE "+where, wargs...); err != nil {
				return err
			}
		case shipments == 0 || leavesExtreme(d.leave, now):
			if err := recountExtremes(ctx, c, k); err != nil {
				return err
			}
		}
	}
	return nil
}

// leavesExtreme reports whether a value leaving a row was one of its
// minima or maxima as they stand (now: price, cost and margin, each min
// then max).
func leavesExtreme(leave []extremes, now [6]sql.NullInt64) bool {
	for _, x := range leave {
		for i, v := range []*int64{x.price, x.price, x.cost, x.cost, x.margin, x.margin} {
			if v != nil && now[i].Valid && now[i].Int64 == *v {
				return true
			}
		}
	}
	return false
}

// recountExtremes reads a row's minima and maxima again from its shipments.
func recountExtremes(ctx context.Context, c *ent.Client, k TotalKey) error {
	q, args := extremesSQL(k)
	var x [6]sql.NullInt64
	err := queryRow(ctx, c, q, args, &x[0], &x[1], &x[2], &x[3], &x[4], &x[5])
	if err != nil {
		return err
	}
	set, sargs := keyWhere(k, 7)
	_, err = c.ExecContext(ctx, `UPDATE shipment_totals SET price_min = $1, price_max = $2, cost_min = $3, cost_max = $4,
		margin_min = $5, margin_max = $6 WHERE `+set, append([]any{x[0], x[1], x[2], x[3], x[4], x[5]}, sargs...)...)
	return err
}

// extremesSQL reads the minima and maxima of the shipments of one rollup
// row, through the index of the rollup's key on shipments.
func extremesSQL(k TotalKey) (string, []any) {
	carrier := "carrier_id IS NULL AND $2 = 0"
	if k.CarrierID != 0 {
		carrier = "carrier_id = $2"
	}
	return `SELECT MIN(price), MAX(price), MIN(cost), MAX(cost), MIN(price - cost), MAX(price - cost) FROM shipments
		WHERE operations_manager_id = $1 AND ` + carrier + ` AND pickup_month = $3 AND mode = $4 AND status = $5 AND currency = $6 AND origin = $7 AND destination = $8`,
		[]any{k.OperationsManagerID, k.CarrierID, k.Month, string(k.Mode), string(k.Status), string(k.Currency), k.Origin, k.Destination}
}

// recountTotal rewrites one ShipmentTotal row from its shipments and
// their events.
func recountTotal(ctx context.Context, c *ent.Client, k TotalKey) error {
	where, args := keyWhere(k, 1)
	if _, err := c.ExecContext(ctx, "DELETE FROM shipment_totals WHERE "+where, args...); err != nil {
		return err
	}
	rows, err := countTotals(ctx, c, &k)
	if err != nil {
		return err
	}
	return save(ctx, c, rows)
}

const upsertClientMonth = `INSERT INTO client_months (client_id, month, shipments, margin_ratio_count, margin_ratio_sum)
	VALUES ($1, $2, $3, $4, $5)
	ON CONFLICT (client_id, month) DO UPDATE SET shipments = client_months.shipments + excluded.shipments,
		margin_ratio_count = client_months.margin_ratio_count + excluded.margin_ratio_count,
		margin_ratio_sum = client_months.margin_ratio_sum + excluded.margin_ratio_sum
	RETURNING shipments`

// applyClientMonths applies deltas to ClientMonth rows, in key order.
func applyClientMonths(ctx context.Context, c *ent.Client, months map[ClientMonthKey]figures) error {
	keys := slices.SortedFunc(maps.Keys(months), func(a, b ClientMonthKey) int {
		return cmp.Or(cmp.Compare(a.ClientID, b.ClientID), cmp.Compare(a.Month, b.Month))
	})
	for _, k := range keys {
		f := months[k]
		if f == (figures{}) {
			continue
		}
		var shipments int
		if err := queryRow(ctx, c, upsertClientMonth, []any{k.ClientID, k.Month, f.shipments, f.ratioCount, f.ratioSum}, &shipments); err != nil {
			return err
		}
		if shipments > 0 {
			continue
		}
		if _, err := c.ExecContext(ctx, "DELETE FROM client_months WHERE client_id = $1 AND month = $2", k.ClientID, k.Month); err != nil {
			return err
		}
		if shipments < 0 {
			// out of step: count the month again
			rows, err := clientMonthsOf(ctx, c.Shipment.Query().Where(shipment.ClientID(k.ClientID), shipment.PickupMonth(k.Month)))
			if err == nil {
				err = saveClientMonths(ctx, c, rows)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// countTotals counts ShipmentTotal rows from the shipments and their
// events: every row, or the one of key.
func countTotals(ctx context.Context, c *ent.Client, key *TotalKey) ([]*ent.ShipmentTotal, error) {
	q := c.Shipment.Query()
	if key != nil {
		carrier := shipment.CarrierIDIsNil()
		if key.CarrierID != 0 {
			carrier = shipment.CarrierID(key.CarrierID)
		}
		q.Where(shipment.OperationsManagerID(key.OperationsManagerID), shipment.PickupMonth(key.Month), carrier,
			shipment.ModeEQ(key.Mode), shipment.StatusEQ(key.Status), shipment.CurrencyEQ(key.Currency),
			shipment.Origin(key.Origin), shipment.Destination(key.Destination))
	}
	rows, err := totalsOf(ctx, q)
	if err != nil {
		return nil, err
	}
	byKey := map[TotalKey]*ent.ShipmentTotal{}
	for _, r := range rows {
		byKey[keyOfTotal(r)] = r
	}
	// exceptions, by the key of their shipment and the carrier of their time
	eq := c.Shipment.Query()
	if key != nil {
		eq.Where(shipment.OperationsManagerID(key.OperationsManagerID), shipment.PickupMonth(key.Month),
			shipment.ModeEQ(key.Mode), shipment.StatusEQ(key.Status), shipment.CurrencyEQ(key.Currency),
			shipment.Origin(key.Origin), shipment.Destination(key.Destination))
	}
	var ex []*ent.ShipmentTotal
	err = eq.Modify(func(s *entsql.Selector) {
		e := entsql.Table(shipmentevent.Table).As("e")
		s.Join(e).On(s.C(shipment.FieldID), e.C(shipmentevent.FieldShipmentID))
		s.Where(exceptionEvents(e))
		if key != nil {
			s.Where(entsql.EQ(e.C(shipmentevent.FieldCarrierID), key.CarrierID))
		}
		keys := []string{s.C(shipment.FieldPickupMonth), e.C(shipmentevent.FieldCarrierID), s.C(shipment.FieldOperationsManagerID),
			s.C(shipment.FieldMode), s.C(shipment.FieldStatus), s.C(shipment.FieldCurrency), s.C(shipment.FieldOrigin), s.C(shipment.FieldDestination)}
		names := []string{"month", "carrier_id", "operations_manager_id", "mode", "status", "currency", "origin", "destination"}
		cols := make([]string, 0, len(keys)+1)
		for i, k := range keys {
			cols = append(cols, entsql.As(k, names[i]))
		}
		s.Select(append(cols, entsql.As("COUNT(*)", "exceptions"))...).GroupBy(keys...)
	}).Scan(ctx, &ex)
	if err != nil {
		return nil, err
	}
	for _, r := range ex {
		k := keyOfTotal(r)
		if t := byKey[k]; t != nil {
			t.Exceptions = r.Exceptions
		} else {
			byKey[k] = r
			rows = append(rows, r)
		}
	}
	slices.SortFunc(rows, func(a, b *ent.ShipmentTotal) int { return compareKeys(keyOfTotal(a), keyOfTotal(b)) })
	return rows, nil
}

func keyOfTotal(r *ent.ShipmentTotal) TotalKey {
	return TotalKey{Month: r.Month, CarrierID: r.CarrierID, OperationsManagerID: r.OperationsManagerID, Mode: r.Mode,
		Status: r.Status, Currency: r.Currency, Origin: r.Origin, Destination: r.Destination}
}

// Check compares both rollups with a recount from the shipments and their
// events and describes every difference (nothing: they agree). Counts,
// sums of money, minima and maxima must be equal; sums of shares and of
// hours, which are floating point and added in another order, agree to
// within one part in 10^9 (hours: and a millisecond per delivery, which is
// how SQLite's date functions round).
func Check(ctx context.Context, c *ent.Client) ([]string, error) {
	want, err := countTotals(ctx, c, nil)
	if err != nil {
		return nil, err
	}
	got, err := c.ShipmentTotal.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	var diffs []string
	stored := map[TotalKey]*ent.ShipmentTotal{}
	for _, r := range got {
		stored[keyOfTotal(r)] = r
	}
	for _, w := range want {
		k := keyOfTotal(w)
		g := stored[k]
		delete(stored, k)
		if g == nil {
			diffs = append(diffs, fmt.Sprintf("monthly totals %+v: missing, want %d shipments and %d exceptions", k, w.Shipments, w.Exceptions))
			continue
		}
		if d := totalDiff(g, w); d != "" {
			diffs = append(diffs, fmt.Sprintf("monthly totals %+v: %s", k, d))
		}
	}
	for k, g := range stored {
		diffs = append(diffs, fmt.Sprintf("monthly totals %+v: %d shipments and %d exceptions stored, none counted", k, g.Shipments, g.Exceptions))
	}
	wantMonths, err := clientMonthsOf(ctx, c.Shipment.Query())
	if err != nil {
		return nil, err
	}
	gotMonths, err := c.ClientMonth.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	months := map[ClientMonthKey]*ent.ClientMonth{}
	for _, m := range gotMonths {
		months[ClientMonthKey{m.ClientID, m.Month}] = m
	}
	for _, w := range wantMonths {
		k := ClientMonthKey{w.ClientID, w.Month}
		g := months[k]
		delete(months, k)
		switch {
		case g == nil:
			diffs = append(diffs, fmt.Sprintf("client month %+v: missing", k))
		case g.Shipments != w.Shipments || g.MarginRatioCount != w.MarginRatioCount || !near(g.MarginRatioSum, w.MarginRatioSum):
			diffs = append(diffs, fmt.Sprintf("client month %+v: stored %d/%d/%g, counted %d/%d/%g", k,
				g.Shipments, g.MarginRatioCount, g.MarginRatioSum, w.Shipments, w.MarginRatioCount, w.MarginRatioSum))
		}
	}
	for k := range months {
		diffs = append(diffs, fmt.Sprintf("client month %+v: stored, none counted", k))
	}
	slices.Sort(diffs)
	return diffs, nil
}

func totalDiff(g, w *ent.ShipmentTotal) string {
	same := func(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
	show := func(p *int64) string {
		if p == nil {
			return "NULL"
		}
		return fmt.Sprint(*p)
	}
	var out []string
	ints := []struct {
		name string
		g, w int64
	}{
		{"shipments", int64(g.Shipments), int64(w.Shipments)},
		{"cost_count", int64(g.CostCount), int64(w.CostCount)},
		{"margin_ratio_count", int64(g.MarginRatioCount), int64(w.MarginRatioCount)},
		{"delivered", int64(g.Delivered), int64(w.Delivered)}, {"on_time", int64(g.OnTime), int64(w.OnTime)},
		{"exceptions", int64(g.Exceptions), int64(w.Exceptions)},
	}
	for _, f := range ints {
		if f.g != f.w {
			out = append(out, fmt.Sprintf("%s %d, counted %d", f.name, f.g, f.w))
		}
	}
	// the sums compare whole: a row written before they were split holds
	// all of its sum in the low part
	for _, f := range []struct {
		name string
		g, w money.Sum
	}{{"price_sum", money.Parts(g.PriceSumHigh, g.PriceSum), money.Parts(w.PriceSumHigh, w.PriceSum)},
		{"cost_sum", money.Parts(g.CostSumHigh, g.CostSum), money.Parts(w.CostSumHigh, w.CostSum)},
		{"margin_sum", money.Parts(g.MarginSumHigh, g.MarginSum), money.Parts(w.MarginSumHigh, w.MarginSum)}} {
		if !f.g.Equal(f.w) {
			out = append(out, fmt.Sprintf("%s %s, counted %s", f.name, f.g, f.w))
		}
	}
	for _, f := range []struct {
		name string
		g, w *int64
	}{{"price_min", g.PriceMin, w.PriceMin}, {"price_max", g.PriceMax, w.PriceMax}, {"cost_min", g.CostMin, w.CostMin},
		{"cost_max", g.CostMax, w.CostMax}, {"margin_min", g.MarginMin, w.MarginMin}, {"margin_max", g.MarginMax, w.MarginMax}} {
		if !same(f.g, f.w) {
			out = append(out, fmt.Sprintf("%s %s, counted %s", f.name, show(f.g), show(f.w)))
		}
	}
	if !near(g.MarginRatioSum, w.MarginRatioSum) {
		out = append(out, fmt.Sprintf("margin_ratio_sum %g, counted %g", g.MarginRatioSum, w.MarginRatioSum))
	}
	// SQLite's date arithmetic rounds each time to the millisecond, where
	// the records and the deltas keep microseconds: up to a millisecond
	// per delivered shipment apart
	if math.Abs(g.DelayHours-w.DelayHours) > 1e-9*math.Max(1, math.Abs(w.DelayHours))+float64(w.Delivered)/3600_000 {
		out = append(out, fmt.Sprintf("delay_hours %g, counted %g", g.DelayHours, w.DelayHours))
	}
	return strings.Join(out, "; ")
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// queryRow runs a statement that returns one row and scans it.
func queryRow(ctx context.Context, c *ent.Client, query string, args []any, dest ...any) error {
	rows, err := c.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

// SplitSums splits the sums of rollup rows written before sums were kept in
// two parts, which hold the whole sum in the low part: each low part of
// 10^9 or more moves to its high part, so that no sum over those rows
// passes int64 either. Rows already split are left alone; it runs when a
// store opens.
func SplitSums(ctx context.Context, c *ent.Client) error {
	var set, where []string
	for _, col := range []string{"price_sum", "cost_sum", "margin_sum"} {
		set = append(set, fmt.Sprintf("%[1]s_high = %[1]s_high + %[1]s / %[2]d, %[1]s = %[1]s %% %[2]d", col, money.Split))
		where = append(where, fmt.Sprintf("abs(%s) >= %d", col, money.Split))
	}
	_, err := c.ExecContext(ctx, "UPDATE shipment_totals SET "+strings.Join(set, ", ")+" WHERE "+strings.Join(where, " OR "))
	if err != nil {
		return fmt.Errorf("split the rollups' sums: %w", err)
	}
	return nil
}
