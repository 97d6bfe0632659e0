package report

import (
	"context"
	"fmt"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/feedback"
)

// Scores sums up a client's feedback over one window.
type Scores struct {
	Count  int
	Sum    int
	Lowest *int
}

// Average is the mean score, or nil without feedback.
func (s Scores) Average() *float64 {
	if s.Count == 0 {
		return nil
	}
	a := float64(s.Sum) / float64(s.Count)
	return &a
}

// Satisfaction is a client's feedback of the last RecentDays days and of the
// RecentDays days before: its level and its trend.
type Satisfaction struct {
	Recent, Previous Scores
}

// Satisfactions computes the satisfaction of each client in ids as of now,
// in two grouped statements; every id gets one. Without ids, every client
// with feedback in either window gets one.
func Satisfactions(ctx context.Context, c *ent.Client, ids []int, now time.Time) (map[int]*Satisfaction, error) {
	out := make(map[int]*Satisfaction, len(ids))
	for _, id := range ids {
		out[id] = &Satisfaction{}
	}
	recent := now.Add(-RecentDays * day)
	// the last RecentDays days end now: feedback dated ahead (the API takes
	// receivedAt up to a few minutes ahead, for clocks that differ) counts
	// once its time has come, not before
	windows := []struct {
		from, to time.Time
		set      func(*Satisfaction, Scores)
	}{
		{recent, now, func(s *Satisfaction, v Scores) { s.Recent = v }},
		{recent.Add(-RecentDays * day), recent, func(s *Satisfaction, v Scores) { s.Previous = v }},
	}
	for i, w := range windows {
		var rows []struct {
			ClientID int `json:"client_id"`
			Count    int `json:"count"`
			Sum      int `json:"sum"`
			Lowest   int `json:"lowest"`
		}
		q := c.Feedback.Query().Where(feedback.ReceivedAtGTE(w.from), feedback.ReceivedAtLT(w.to))
		if i == 0 {
			q = c.Feedback.Query().Where(feedback.ReceivedAtGTE(w.from), feedback.ReceivedAtLTE(w.to))
		}
		if ids != nil {
			q.Where(feedback.ClientIDIn(ids...))
		}
		err := q.
			GroupBy(feedback.FieldClientID).
			Aggregate(
				func(s *entsql.Selector) string { return entsql.As("COUNT(*)", "count") },
				func(s *entsql.Selector) string {
					return entsql.As(fmt.Sprintf("SUM(%s)", s.C(feedback.FieldScore)), "sum")
				},
				func(s *entsql.Selector) string {
					return entsql.As(fmt.Sprintf("MIN(%s)", s.C(feedback.FieldScore)), "lowest")
				},
			).Scan(ctx, &rows)
		if err != nil {
			return nil, fmt.Errorf("client feedback: %w", err)
		}
		for _, r := range rows {
			if out[r.ClientID] == nil {
				out[r.ClientID] = &Satisfaction{}
			}
			w.set(out[r.ClientID], Scores{Count: r.Count, Sum: r.Sum, Lowest: &r.Lowest})
		}
	}
	return out, nil
}
