package report

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/carrier"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/tender"
)

// WinRateGroup is what win rates may be broken down by.
type WinRateGroup string

// The win rate groups.
const (
	WinRateByPeriod WinRateGroup = "PERIOD"
	WinRateByOwner  WinRateGroup = "OWNER"
	WinRateByClient WinRateGroup = "CLIENT"
)

// WinRate is the decided tenders of one group.
type WinRate struct {
	// PeriodStart is the first month of the period they were decided in,
	// when grouped by period, and PeriodLength its length.
	PeriodStart  *Month `json:"period"`
	PeriodLength Period `json:"-"`
	OwnerID      *int   `json:"owner_id"`
	ClientID     *int   `json:"client_id"`
	Won          int    `json:"won"`
	Lost         int    `json:"lost"`
	// Withdrawn tenders were decided too, but by us: they count in neither
	// side of the rate.
	Withdrawn int `json:"withdrawn"`
	Owner     *ent.Manager
	Client    *ent.Customer
}

// Period labels the period, as Period.Label does.
func (w *WinRate) Period() *string { return label(w.PeriodStart, w.PeriodLength) }

// WinRate is won over won and lost, or nil when none was won or lost.
func (w *WinRate) WinRate() *float64 {
	if w.Won+w.Lost == 0 {
		return nil
	}
	r := float64(w.Won) / float64(w.Won+w.Lost)
	return &r
}

// WinRates counts the tenders q selects that were decided between from and
// to, grouped as asked, in one statement; the owners and clients named are
// loaded in one more each.
func WinRates(ctx context.Context, c *ent.Client, q *ent.TenderQuery, groups []WinRateGroup, period Period, from, to *time.Time) ([]*WinRate, error) {
	q = q.Where(tender.DecidedAtNotNil())
	if from != nil {
		q = q.Where(tender.DecidedAtGTE(*from))
	}
	if to != nil {
		q = q.Where(tender.DecidedAtLT(*to))
	}
	var rows []*WinRate
	err := q.Modify(func(s *entsql.Selector) {
		cols := []string{
			entsql.As(count(s, tender.FieldStage, enum.StageWon), "won"),
			entsql.As(count(s, tender.FieldStage, enum.StageLost), "lost"),
			entsql.As(count(s, tender.FieldStage, enum.StageWithdrawn), "withdrawn"),
		}
		var keys []string
		for _, g := range groups {
			switch g {
			case WinRateByPeriod:
				k := periodSQL(s, tender.FieldDecidedAt, period)
				cols, keys = append(cols, entsql.As(k, "period")), append(keys, k)
			case WinRateByOwner:
				cols, keys = append(cols, entsql.As(s.C(tender.FieldOwnerID), "owner_id")), append(keys, s.C(tender.FieldOwnerID))
			case WinRateByClient:
				cols, keys = append(cols, entsql.As(s.C(tender.FieldClientID), "client_id")), append(keys, s.C(tender.FieldClientID))
			}
		}
		s.Select(cols...)
		if len(keys) > 0 {
			s.GroupBy(keys...)
		}
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("win rates: %w", err)
	}
	owners, clients, err := peopleOf(ctx, c, rows)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		r.PeriodLength = period
		if r.OwnerID != nil {
			r.Owner = owners[*r.OwnerID]
		}
		if r.ClientID != nil {
			r.Client = clients[*r.ClientID]
		}
	}
	slices.SortFunc(rows, func(a, b *WinRate) int {
		if a.PeriodStart != nil && b.PeriodStart != nil && *a.PeriodStart != *b.PeriodStart {
			return int(*a.PeriodStart - *b.PeriodStart)
		}
		if d := (b.Won + b.Lost) - (a.Won + a.Lost); d != 0 {
			return d
		}
		return cmp.Or(cmp.Compare(deref(a.OwnerID), deref(b.OwnerID)), cmp.Compare(deref(a.ClientID), deref(b.ClientID)))
	})
	return rows, nil
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// count is the SQL that counts the rows whose column holds value.
func count[V ~string](s *entsql.Selector, column string, value V) string {
	return countWhere(fmt.Sprintf("%s = '%s'", s.C(column), string(value)))
}

// peopleOf loads the owners and clients win rates name.
func peopleOf(ctx context.Context, c *ent.Client, rows []*WinRate) (map[int]*ent.Manager, map[int]*ent.Customer, error) {
	var oids, cids []int
	for _, r := range rows {
		if r.OwnerID != nil {
			oids = append(oids, *r.OwnerID)
		}
		if r.ClientID != nil {
			cids = append(cids, *r.ClientID)
		}
	}
	owners, err := managersByID(ctx, c, oids)
	if err != nil {
		return nil, nil, err
	}
	clients, err := clientsByID(ctx, c, cids)
	return owners, clients, err
}

func managersByID(ctx context.Context, c *ent.Client, ids []int) (map[int]*ent.Manager, error) {
	out := map[int]*ent.Manager{}
	if len(ids) == 0 {
		return out, nil
	}
	ms, err := c.Manager.Query().Where(manager.IDIn(ids...)).All(ctx)
	for _, m := range ms {
		out[m.ID] = m
	}
	return out, err
}

func carriersByID(ctx context.Context, c *ent.Client, ids []int) (map[int]*ent.Carrier, error) {
	out := map[int]*ent.Carrier{}
	if len(ids) == 0 {
		return out, nil
	}
	cs, err := c.Carrier.Query().Where(carrier.IDIn(ids...)).All(ctx)
	for _, m := range cs {
		out[m.ID] = m
	}
	return out, err
}

func clientsByID(ctx context.Context, c *ent.Client, ids []int) (map[int]*ent.Customer, error) {
	out := map[int]*ent.Customer{}
	if len(ids) == 0 {
		return out, nil
	}
	cs, err := c.Customer.Query().Where(customer.IDIn(ids...)).All(ctx)
	for _, m := range cs {
		out[m.ID] = m
	}
	return out, err
}

// LostReason is how many tenders were lost for one reason.
type LostReason struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// LostReasons counts the lost tenders q selects by their reason, most
// frequent first. Reasons are free text: they are grouped as written, but
// for case and the spaces around them, and told with a capital first letter.
func LostReasons(ctx context.Context, q *ent.TenderQuery) ([]*LostReason, error) {
	var rows []*LostReason
	err := q.Where(tender.StageEQ(enum.StageLost)).Modify(func(s *entsql.Selector) {
		r := fmt.Sprintf("LOWER(TRIM(COALESCE(%s, '')))", s.C(tender.FieldLostReason))
		s.Select(entsql.As(r, "reason"), entsql.As("COUNT(*)", "count")).GroupBy(r).Limit(MaxGroups + 1)
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("lost reasons: %w", err)
	}
	if len(rows) > MaxGroups {
		return nil, errTooManyGroups
	}
	for _, r := range rows {
		// the group's text, lower case on both databases, as a sentence
		if first, size := utf8.DecodeRuneInString(r.Reason); size > 0 {
			r.Reason = string(unicode.ToUpper(first)) + r.Reason[size:]
		}
	}
	slices.SortFunc(rows, func(a, b *LostReason) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Reason, b.Reason)
	})
	return rows, nil
}

// Reaction is how fast account managers answer calls for bids: from a
// tender's creation (when it was identified) to its submission, and how
// long before the deadline it was submitted.
type Reaction struct {
	// Submitted counts the tenders q selects that were submitted.
	Submitted int `json:"submitted"`
	// AverageDaysToSubmit is from identified to submitted.
	AverageDaysToSubmit *float64 `json:"days_to_submit"`
	// AverageDaysBeforeDeadline is from submitted to the deadline: the
	// margin left; negative when submitted late.
	AverageDaysBeforeDeadline *float64 `json:"days_before_deadline"`
	// LateSubmissions counts submissions after the deadline.
	LateSubmissions int `json:"late"`
}

// Reactions measures the submitted tenders q selects, in one statement.
func Reactions(ctx context.Context, q *ent.TenderQuery) (*Reaction, error) {
	var rows []*Reaction
	err := q.Where(tender.SubmittedAtNotNil()).Modify(func(s *entsql.Selector) {
		s.Select(
			entsql.As("COUNT(*)", "submitted"),
			entsql.As(fmt.Sprintf("AVG(%s) / 24.0", hoursSQL(s, tender.FieldCreatedAt, tender.FieldSubmittedAt)), "days_to_submit"),
			entsql.As(fmt.Sprintf("AVG(%s) / 24.0", hoursSQL(s, tender.FieldSubmittedAt, tender.FieldSubmissionDeadline)), "days_before_deadline"),
			entsql.As(countWhere(fmt.Sprintf("%s > %s", s.C(tender.FieldSubmittedAt), s.C(tender.FieldSubmissionDeadline))), "late"),
		)
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("tender reaction: %w", err)
	}
	if len(rows) == 0 {
		return &Reaction{}, nil
	}
	return rows[0], nil
}
