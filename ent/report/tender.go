// Package report computes the numbers the app and analysts read about many
// records at once. Each is one grouped statement in the database, never a
// loop over rows in Go, and reads through the ent client so the viewer's
// access rules apply as they do to every other read.
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
	"github.com/freightgraph/freightgraph/ent/tender"
)

// TenderTotal is the totals of the tenders of one stage and currency.
type TenderTotal struct {
	Stage         enum.TenderStage `json:"stage"`
	Currency      enum.Currency    `json:"currency"`
	Count         int              `json:"count"`
	Value         money.Amount     `json:"value"`
	WeightedValue money.Amount     `json:"weighted_value"`
}

// TenderTotals groups the tenders q selects by stage and currency, in
// pipeline order. The weighted value adds up each tender's weighted value
// rounded half up to the minor unit, as rule.WeightedValue rounds it, so a
// column's total is the sum of its cards. Amounts are integer minor units
// and never negative, so integer division truncates alike on SQLite and
// PostgreSQL.
func TenderTotals(ctx context.Context, q *ent.TenderQuery) ([]*TenderTotal, error) {
	var rows []*TenderTotal
	err := q.GroupBy(tender.FieldStage, tender.FieldCurrency).
		Aggregate(
			func(s *entsql.Selector) string { return entsql.As("COUNT(*)", "count") },
			func(s *entsql.Selector) string {
				return entsql.As(fmt.Sprintf("COALESCE(SUM(%s), 0)", s.C(tender.FieldEstimatedValue)), "value")
			},
			func(s *entsql.Selector) string {
				return entsql.As(fmt.Sprintf("COALESCE(SUM((%s * %s + 50) / 100), 0)",
					s.C(tender.FieldEstimatedValue), s.C(tender.FieldWinProbability)), "weighted_value")
			},
		).
		Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	sortTotals(rows)
	return rows, nil
}

// sortTotals puts stages in pipeline order, currencies by code.
func sortTotals(rows []*TenderTotal) {
	slices.SortFunc(rows, func(a, b *TenderTotal) int {
		if d := a.Stage.Rank() - b.Stage.Rank(); d != 0 {
			return d
		}
		return strings.Compare(string(a.Currency), string(b.Currency))
	})
}
