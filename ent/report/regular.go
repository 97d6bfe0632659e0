package report

import (
	"context"
	"fmt"
	"strings"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/shipment"
)

// Settings are the definitions the company may set for itself.
type Settings struct {
	// A client is regular in a month when it had shipments in at least
	// RegularMonths of the RegularWindow complete calendar months before it.
	RegularMonths, RegularWindow int
}

// DefaultSettings are the manual's: 3 of the 6 months before.
var DefaultSettings = Settings{RegularMonths: 3, RegularWindow: 6}

// Validate refuses definitions that cannot hold.
func (s Settings) Validate() error {
	if s.RegularWindow < 1 || s.RegularWindow > 36 || s.RegularMonths < 1 || s.RegularMonths > s.RegularWindow {
		return fmt.Errorf("a regular client needs shipments in N of the W months before: 1 ≤ N ≤ W ≤ 36, got N=%d, W=%d", s.RegularMonths, s.RegularWindow)
	}
	return nil
}

// counted is the shipments that count for the figures: all but cancelled.
func counted(q *ent.ShipmentQuery) *ent.ShipmentQuery {
	return q.Where(shipment.StatusNEQ(enum.ShipmentCancelled))
}

// RegularMonth is the regular clients of one month and how they changed.
type RegularMonth struct {
	Month Month `json:"month"`
	// Count is the clients regular in the month.
	Count int `json:"count"`
	// NewlyRegular were regular this month and not the month before;
	// NoLongerRegular the other way round.
	NewlyRegular    int `json:"newly"`
	NoLongerRegular int `json:"no_longer"`
}

// RegularMonths counts the regular clients of each month from first to
// last, in one statement: the months each client had shipments in, then
// for each month the clients with enough of them in the window before it,
// then each month against the one before.
func RegularMonths(ctx context.Context, c *ent.Client, set Settings, first, last Month) ([]*RegularMonth, error) {
	if last < first {
		return nil, nil
	}
	ks := make([]string, set.RegularWindow)
	for i := range ks {
		ks[i] = fmt.Sprintf("SELECT %d AS k", i+1)
	}
	// reg holds (client, month) for every month a client was regular in,
	// from the month before first on, so that first has its month before.
	text := fmt.Sprintf(`WITH reg AS (
	SELECT cm.client_id, cm.m + k.k AS m FROM {inner} cm CROSS JOIN (%s) k
	GROUP BY cm.client_id, cm.m + k.k HAVING COUNT(*) >= %d
), marks AS (
	SELECT client_id, m, MAX(is_now) AS is_now, MAX(was) AS was FROM (
		SELECT client_id, m, 1 AS is_now, 0 AS was FROM reg
		UNION ALL
		SELECT client_id, m + 1, 0, 1 FROM reg
	) u GROUP BY client_id, m
)
SELECT m AS month, SUM(is_now) AS count,
	SUM(CASE WHEN is_now = 1 AND was = 0 THEN 1 ELSE 0 END) AS newly,
	SUM(CASE WHEN is_now = 0 AND was = 1 THEN 1 ELSE 0 END) AS no_longer
FROM marks WHERE m BETWEEN %d AND %d GROUP BY m`,
		strings.Join(ks, " UNION ALL "), set.RegularMonths, first, last)
	var rows []*RegularMonth
	err := counted(c.Shipment.Query()).
		Where(shipment.PlannedPickupGTE((first-1-Month(set.RegularWindow)).Start()), shipment.PlannedPickupLT(last.Start())).
		Order(around(text, func(s *entsql.Selector) {
			s.Select(s.C(shipment.FieldClientID), entsql.As(monthSQL(s, shipment.FieldPlannedPickup), "m")).Distinct()
		})).
		Select().Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("regular clients: %w", err)
	}
	byMonth := make(map[Month]*RegularMonth, len(rows))
	for _, r := range rows {
		byMonth[r.Month] = r
	}
	out := make([]*RegularMonth, 0, last-first+1)
	for m := first; m <= last; m++ {
		if r := byMonth[m]; r != nil {
			out = append(out, r)
		} else {
			out = append(out, &RegularMonth{Month: m})
		}
	}
	return out, nil
}

// Regular reports which of the clients ids are regular in month m, in one
// grouped statement.
func Regular(ctx context.Context, c *ent.Client, set Settings, ids []int, m Month) (map[int]bool, error) {
	var rows []struct {
		ClientID int `json:"client_id"`
		Months   int `json:"months"`
	}
	err := counted(c.Shipment.Query()).
		Where(shipment.ClientIDIn(ids...),
			shipment.PlannedPickupGTE((m-Month(set.RegularWindow)).Start()), shipment.PlannedPickupLT(m.Start())).
		Modify(func(s *entsql.Selector) {
			s.Select(s.C(shipment.FieldClientID), entsql.As(fmt.Sprintf("COUNT(DISTINCT %s)", monthSQL(s, shipment.FieldPlannedPickup)), "months")).
				GroupBy(s.C(shipment.FieldClientID))
		}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("regular clients: %w", err)
	}
	out := make(map[int]bool, len(ids))
	for _, id := range ids {
		out[id] = false
	}
	for _, r := range rows {
		out[r.ClientID] = r.Months >= set.RegularMonths
	}
	return out, nil
}
