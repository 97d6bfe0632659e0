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
	Stage         enum.TenderStage
	Currency      enum.Currency
	Count         int
	Value         money.Sum
	WeightedValue money.Sum
}

// TenderTotals groups the tenders q selects by stage and currency, in
// pipeline order. The weighted value adds up each tender's weighted value
// rounded half up to the minor unit, as rule.WeightedValue rounds it, so a
// column's total is the sum of its cards. Amounts are integer minor units
// and never negative, so integer division truncates alike on SQLite and
// PostgreSQL. The sums are exact however large (wideSum).
func TenderTotals(ctx context.Context, q *ent.TenderQuery) ([]*TenderTotal, error) {
	var rows []struct {
		Stage        enum.TenderStage `json:"stage"`
		Currency     enum.Currency    `json:"currency"`
		Count        int              `json:"count"`
		ValueHigh    int64            `json:"value_high"`
		ValueLow     int64            `json:"value_low"`
		WeightedHigh int64            `json:"weighted_high"`
		WeightedLow  int64            `json:"weighted_low"`
	}
	err := q.Modify(func(s *entsql.Selector) {
		value := s.C(tender.FieldEstimatedValue)
		weighted := fmt.Sprintf("(%s * %s + 50) / 100", value, s.C(tender.FieldWinProbability))
		cols := []string{s.C(tender.FieldStage), s.C(tender.FieldCurrency), entsql.As("COUNT(*)", "count")}
		cols = append(cols, wideSum(value, "value_high", "value_low")...)
		cols = append(cols, wideSum(weighted, "weighted_high", "weighted_low")...)
		s.Select(cols...).GroupBy(s.C(tender.FieldStage), s.C(tender.FieldCurrency))
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make([]*TenderTotal, len(rows))
	for i, r := range rows {
		out[i] = &TenderTotal{Stage: r.Stage, Currency: r.Currency, Count: r.Count,
			Value: money.Parts(r.ValueHigh, r.ValueLow), WeightedValue: money.Parts(r.WeightedHigh, r.WeightedLow)}
	}
	sortTotals(out)
	return out, nil
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
