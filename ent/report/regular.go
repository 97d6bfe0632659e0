package report

import (
	"context"
	"fmt"
	"strings"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/clientmonth"
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
// last, in one statement over the months each client had shipments in (the
// ClientMonth rollup).
// With N of the W months before needed, a client's N-th latest active month
// up to m_i, m_(i-N+1), makes it regular from m_i+1 to m_(i-N+1)+W; those
// spans are joined into islands, one per unbroken run of regular months,
// and each month counts the islands that cover it, start in it (newly
// regular) or ended the month before (no longer regular). The work grows
// with the client-months, not with clients times the window.
func RegularMonths(ctx context.Context, c *ent.Client, set Settings, first, last Month) ([]*RegularMonth, error) {
	if last < first {
		return nil, nil
	}
	months := make([]string, 0, last-first+1)
	for m := first; m <= last; m++ {
		months = append(months, fmt.Sprintf("SELECT %d AS m", m))
	}
	text := fmt.Sprintf(`WITH spans AS (
	SELECT client_id, m + 1 AS s, LAG(m, %[1]d) OVER (PARTITION BY client_id ORDER BY m) + %[2]d AS e FROM {inner} cm
), marked AS (
	SELECT client_id, s, e, CASE WHEN s <= MAX(e) OVER (PARTITION BY client_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
		THEN 0 ELSE 1 END AS starts
	FROM spans WHERE e >= s
), islands AS (
	SELECT client_id, MIN(s) AS s, MAX(e) AS e FROM (
		SELECT client_id, s, e, SUM(starts) OVER (PARTITION BY client_id ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island FROM marked
	) numbered GROUP BY client_id, island
)
SELECT t.m AS month,
	COALESCE(SUM(CASE WHEN i.s <= t.m AND t.m <= i.e THEN 1 ELSE 0 END), 0) AS count,
	COALESCE(SUM(CASE WHEN i.s = t.m THEN 1 ELSE 0 END), 0) AS newly,
	COALESCE(SUM(CASE WHEN i.e = t.m - 1 THEN 1 ELSE 0 END), 0) AS no_longer
FROM (%[3]s) t CROSS JOIN islands i WHERE i.s <= t.m AND t.m - 1 <= i.e GROUP BY t.m`,
		set.RegularMonths-1, set.RegularWindow, strings.Join(months, " UNION ALL "))
	var rows []*RegularMonth
	err := c.ClientMonth.Query().
		Where(clientmonth.MonthGTE(int(first-1)-set.RegularWindow), clientmonth.MonthLT(int(last))).
		Order(around(text, func(s *entsql.Selector) {
			s.Select(s.C(clientmonth.FieldClientID), entsql.As(s.C(clientmonth.FieldMonth), "m"))
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
// grouped statement over their months (the ClientMonth rollup).
func Regular(ctx context.Context, c *ent.Client, set Settings, ids []int, m Month) (map[int]bool, error) {
	var rows []struct {
		ClientID int `json:"client_id"`
		Months   int `json:"months"`
	}
	err := c.ClientMonth.Query().
		Where(clientmonth.ClientIDIn(ids...), clientmonth.MonthGTE(int(m)-set.RegularWindow), clientmonth.MonthLT(int(m))).
		Modify(func(s *entsql.Selector) {
			s.Select(s.C(clientmonth.FieldClientID), entsql.As("COUNT(*)", "months")).GroupBy(s.C(clientmonth.FieldClientID))
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

// around makes a query's own selection the innermost table of a larger
// statement, for figures that take more than one level of grouping. It is
// given to the query as its last order option: ent applies order options
// after the query's predicates, the viewer's access rules among them, so
// the inner selection is complete when it is wrapped. The outer statement
// is text in which {inner} stands for that selection; it holds no values
// but integers the caller formats, so every argument stays an argument.
func around(text string, inner func(s *entsql.Selector)) func(*entsql.Selector) {
	return func(s *entsql.Selector) {
		in := s.Clone()
		inner(in)
		before, after, _ := strings.Cut(text, "{inner}")
		*s = *entsql.Dialect(s.Dialect()).SelectExpr(entsql.Raw("*")).
			FromExpr(entsql.ExprFunc(func(b *entsql.Builder) {
				b.WriteString("(" + before + "(").Join(in).WriteString(")" + after + ") AS outer_figures")
			}))
	}
}
