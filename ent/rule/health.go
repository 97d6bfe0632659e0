package rule

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/report"
)

// A client's health is one score from 0 to 100 out of four parts, each
// from 0 to 1, weighed by what the manual puts first: the client's
// satisfaction, then the promises kept to it, then money and growth.
//
//   - satisfaction: the average score of the last 90 days, 1 → 0 and 5 → 1;
//   - kept promises: of its shipments picked up in the last 12 months and
//     delivered, the share that arrived by their planned delivery;
//   - margin: its average margin share over the shipments picked up this
//     month and in the 11 before, over HealthyMargin, at most 1;
//   - activity: its shipments of the last 90 days over those of the 90 days
//     before, at most 1 (steady or growing business is full marks, a client
//     that stopped is 0; a new client is 1).
//
// A part without data (no feedback, no deliveries, no known cost, no
// shipments in half a year) is left out and the others' weights scaled up;
// with no part at all there is no score.
const (
	HealthyMargin       = 0.20
	weightSatisfaction  = 0.40
	weightKeptPromises  = 0.30
	weightMargin        = 0.15
	weightActivityTrend = 0.15
)

// Health is a client's health and its parts.
type Health struct {
	ClientID int
	Figures  *report.ClientFigures
	// Score is 0 to 100, or nil without any part.
	Score *int
	// Satisfaction, KeptPromises, Margin and Activity are the parts, 0 to
	// 1, each nil without data.
	Satisfaction, KeptPromises, Margin, Activity *float64
	Unhappy                                      bool
	// Client is loaded for lists of healths.
	Client *ent.Customer
}

// HealthOf weighs a client's figures.
func HealthOf(id int, f *report.ClientFigures) *Health {
	h := &Health{ClientID: id, Figures: f, Unhappy: Unhappy(f.Satisfaction)}
	if a := f.Satisfaction.Recent.Average(); a != nil {
		h.Satisfaction = ptr((*a - 1) / 4)
	}
	h.KeptPromises = f.OnTimeRate()
	if m := f.MarginRate(); m != nil {
		h.Margin = ptr(math.Max(0, math.Min(1, *m/HealthyMargin)))
	}
	switch {
	case f.Previous > 0:
		h.Activity = ptr(math.Min(1, float64(f.Recent)/float64(f.Previous)))
	case f.Recent > 0:
		h.Activity = ptr(1.0)
	}
	var sum, weights float64
	for _, p := range []struct {
		v *float64
		w float64
	}{{h.Satisfaction, weightSatisfaction}, {h.KeptPromises, weightKeptPromises}, {h.Margin, weightMargin}, {h.Activity, weightActivityTrend}} {
		if p.v != nil {
			sum, weights = sum+*p.v*p.w, weights+p.w
		}
	}
	if weights > 0 {
		s := int(math.Round(100 * sum / weights))
		h.Score = &s
	}
	return h
}

// AverageScore is the client's average feedback score of the last 90 days.
func (h *Health) AverageScore() *float64 { return h.Figures.Satisfaction.Recent.Average() }

// OnTimeRate is the on-time share of the client's deliveries.
func (h *Health) OnTimeRate() *float64 { return h.Figures.OnTimeRate() }

// MarginRate is the client's average margin share.
func (h *Health) MarginRate() *float64 { return h.Figures.MarginRate() }

// RecentShipments are the client's shipments of the last 90 days.
func (h *Health) RecentShipments() int { return h.Figures.Recent }

// PreviousShipments are the client's shipments of the 90 days before.
func (h *Health) PreviousShipments() int { return h.Figures.Previous }

func ptr[T any](v T) *T { return &v }

// Healths computes the health of each client in ids as of now, given
// their satisfaction in the same order.
func Healths(ctx context.Context, c *ent.Client, ids []int, sat []*report.Satisfaction, now time.Time) (map[int]*Health, error) {
	figures, err := report.ClientFiguresOf(ctx, c, ids, sat, now)
	if err != nil {
		return nil, err
	}
	out := make(map[int]*Health, len(figures))
	for id, f := range figures {
		out[id] = HealthOf(id, f)
	}
	return out, nil
}

// BadCompromises are the clients the manual warns of: good money earned
// with an unhappy client. Good money is a margin share at least
// minMargin; without one, at least the company's own average
// (report.CompanyMarginRate). Highest margin first.
func BadCompromises(ctx context.Context, c *ent.Client, minMargin *float64, now time.Time) ([]*Health, float64, error) {
	if minMargin == nil {
		m, err := report.CompanyMarginRate(ctx, c, now)
		if err != nil {
			return nil, 0, err
		}
		if m == nil {
			m = ptr(0.0)
		}
		minMargin = m
	}
	// every client with recent feedback; Unhappy tells which are unhappy
	candidates, err := report.Satisfactions(ctx, c, nil, now)
	if err != nil {
		return nil, 0, err
	}
	var unhappy []int
	for id, s := range candidates {
		if Unhappy(*s) {
			unhappy = append(unhappy, id)
		}
	}
	if len(unhappy) == 0 {
		return nil, *minMargin, nil
	}
	// the margins of the unhappy first, then the health of the few that
	// earn well
	margins, err := report.ClientMargins(ctx, c, unhappy, now)
	if err != nil {
		return nil, 0, err
	}
	var ids []int
	for id, m := range margins {
		if *m.MarginRate() >= *minMargin {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, *minMargin, nil
	}
	sat := make([]*report.Satisfaction, len(ids))
	for i, id := range ids {
		sat[i] = candidates[id]
	}
	healths, err := Healths(ctx, c, ids, sat, now)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*Health, 0, len(ids))
	for _, h := range healths {
		out = append(out, h)
	}
	clients, err := c.Customer.Query().Where(customer.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, 0, err
	}
	for _, cl := range clients {
		healths[cl.ID].Client = cl
	}
	// ordered by the margins read first: a write since may have changed
	// what Healths read
	slices.SortFunc(out, func(a, b *Health) int {
		if d := *margins[b.ClientID].MarginRate() - *margins[a.ClientID].MarginRate(); d != 0 {
			if d > 0 {
				return 1
			}
			return -1
		}
		return a.ClientID - b.ClientID
	})
	return out, *minMargin, nil
}
