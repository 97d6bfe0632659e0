package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/feedback"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/predicate"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmenttotal"
	"github.com/freightgraph/freightgraph/ent/tender"
)

// Money is an amount in one currency: a total, exact however large.
type Money struct {
	Currency enum.Currency
	Amount   money.Sum
}

// ManagerYear is one manager's year, as the manual judges it: by the year,
// not the day. Clients count as the manager's when the manager holds them
// now; tenders and shipments by who owned or ran them.
type ManagerYear struct {
	Year int
	// Account manager's side: tenders won (decided in the year) and their
	// value per currency; new clients, whose first shipment was picked up
	// in the year; and of the clients regular in the year's first month, how
	// many are still regular in its last (or, this year, in this month).
	TendersWon       int
	WonValue         []Money
	NewClients       int
	RegularAtStart   int
	RegularKept      int
	RegularCheckedIn Month
	// Operations manager's side: shipments run (picked up in the year,
	// cancelled ones aside), how many of them were delivered and how many
	// on time, and the feedback the clients they run gave in the year.
	ShipmentsRun     int
	Delivered        int
	OnTime           int
	FeedbackCount    int
	FeedbackScoreSum int
}

// OnTimeRate is OnTime over Delivered, or nil without deliveries.
func (y *ManagerYear) OnTimeRate() *float64 { return share(y.OnTime, y.Delivered) }

// Satisfaction is the average feedback score, or nil without feedback.
func (y *ManagerYear) Satisfaction() *float64 {
	if y.FeedbackCount == 0 {
		return nil
	}
	a := float64(y.FeedbackScoreSum) / float64(y.FeedbackCount)
	return &a
}

// ManagerYearOf computes one manager's year as of now in at most seven
// statements, whatever the manager's size; the shipments run come from the
// monthly rollup.
func ManagerYearOf(ctx context.Context, c *ent.Client, set Settings, managerID, year int, now time.Time) (*ManagerYear, error) {
	y := &ManagerYear{Year: year, RegularCheckedIn: calendar.MonthAt(year, 12)}
	if this := calendar.MonthOf(now); this < y.RegularCheckedIn {
		y.RegularCheckedIn = this
	}
	start, end := calendar.MonthAt(year, 1).Start(), calendar.MonthAt(year+1, 1).Start()

	var won []struct {
		Currency enum.Currency `json:"currency"`
		Count    int           `json:"count"`
		High     int64         `json:"high"`
		Low      int64         `json:"low"`
	}
	err := c.Tender.Query().
		Where(tender.OwnerID(managerID), tender.StageEQ(enum.StageWon), tender.DecidedAtGTE(start), tender.DecidedAtLT(end)).
		Modify(func(s *entsql.Selector) {
			cols := []string{s.C(tender.FieldCurrency), entsql.As("COUNT(*)", "count")}
			s.Select(append(cols, wideSum(s.C(tender.FieldEstimatedValue), "high", "low")...)...).GroupBy(s.C(tender.FieldCurrency))
		}).Scan(ctx, &won)
	if err != nil {
		return nil, fmt.Errorf("tenders won: %w", err)
	}
	for _, w := range won {
		y.TendersWon += w.Count
		y.WonValue = append(y.WonValue, Money{Currency: w.Currency, Amount: money.Parts(w.High, w.Low)})
	}
	slices.SortFunc(y.WonValue, func(a, b Money) int { return strings.Compare(string(a.Currency), string(b.Currency)) })

	clients, err := c.Customer.Query().Where(customer.AccountManagerID(managerID)).IDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("clients: %w", err)
	}
	if len(clients) > 0 {
		var firsts []struct {
			ClientID int `json:"client_id"`
		}
		err = counted(c.Shipment.Query()).Where(shipment.ClientIDIn(clients...)).
			Modify(func(s *entsql.Selector) {
				s.Select(s.C(shipment.FieldClientID)).GroupBy(s.C(shipment.FieldClientID)).
					Having(entsql.And(
						entsql.GTE(fmt.Sprintf("MIN(%s)", s.C(shipment.FieldPlannedPickup)), start),
						entsql.LT(fmt.Sprintf("MIN(%s)", s.C(shipment.FieldPlannedPickup)), end)))
			}).Scan(ctx, &firsts)
		if err != nil {
			return nil, fmt.Errorf("new clients: %w", err)
		}
		y.NewClients = len(firsts)

		first, last := calendar.MonthAt(year, 1), y.RegularCheckedIn
		atStart, err := Regular(ctx, c, set, clients, first)
		if err != nil {
			return nil, err
		}
		atEnd, err := Regular(ctx, c, set, clients, last)
		if err != nil {
			return nil, err
		}
		for id, was := range atStart {
			if was {
				y.RegularAtStart++
				if atEnd[id] {
					y.RegularKept++
				}
			}
		}
	}

	var run []struct {
		Shipments int `json:"shipments"`
		Delivered int `json:"delivered"`
		OnTime    int `json:"on_time"`
	}
	err = fromTotals(ctx, c, []predicate.ShipmentTotal{shipmenttotal.OperationsManagerID(managerID),
		shipmenttotal.MonthGTE(int(calendar.MonthAt(year, 1))), shipmenttotal.MonthLT(int(calendar.MonthAt(year+1, 1)))},
		func(s *entsql.Selector) {
			sum := func(f string) string { return fmt.Sprintf("COALESCE(SUM(%s), 0)", s.C(f)) }
			s.Select(entsql.As(sum(shipmenttotal.FieldShipments), "shipments"), entsql.As(sum(shipmenttotal.FieldDelivered), "delivered"),
				entsql.As(sum(shipmenttotal.FieldOnTime), "on_time"))
		}, &run)
	if err != nil {
		return nil, fmt.Errorf("shipments run: %w", err)
	}
	if len(run) > 0 {
		y.ShipmentsRun, y.Delivered, y.OnTime = run[0].Shipments, run[0].Delivered, run[0].OnTime
	}
	var scores []struct {
		Count int `json:"count"`
		Sum   int `json:"sum"`
	}
	err = c.Feedback.Query().
		Where(feedback.HasClientWith(customer.OperationsManagerID(managerID)), feedback.ReceivedAtGTE(start), feedback.ReceivedAtLT(end)).
		Aggregate(ent.Count(), func(s *entsql.Selector) string {
			return entsql.As(fmt.Sprintf("COALESCE(SUM(%s), 0)", s.C(feedback.FieldScore)), "sum")
		}).Scan(ctx, &scores)
	if err != nil {
		return nil, fmt.Errorf("feedback: %w", err)
	}
	if len(scores) > 0 {
		y.FeedbackCount, y.FeedbackScoreSum = scores[0].Count, scores[0].Sum
	}
	return y, nil
}
