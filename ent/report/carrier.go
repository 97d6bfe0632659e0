package report

import (
	"context"
	"fmt"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmentevent"
)

// The windows of a carrier's record: results are judged by the year, and an
// exception is recent for a quarter.
const (
	RecordDays = 365
	RecentDays = 90
	day        = 24 * time.Hour
)

// CarrierRecord is how a carrier has served us: what an operations manager
// weighs before giving it a shipment.
type CarrierRecord struct {
	// Delivered counts its deliveries in the last RecordDays days.
	Delivered int
	// OnTime counts those delivered by their planned delivery.
	OnTime int
	// RecentExceptions and RecentDelays count its EXCEPTION and DELAYED
	// events in the last RecentDays days.
	RecentExceptions int
	RecentDelays     int
	// InHand counts the shipments it holds now: planned, booked or in transit.
	InHand int
}

// OnTimeShare is OnTime over Delivered, or nil when it delivered nothing.
func (r *CarrierRecord) OnTimeShare() *float64 { return share(r.OnTime, r.Delivered) }

// CarrierRecords computes the record of each carrier in ids as of now, in
// three grouped statements however many carriers are asked for. Every id
// gets a record, an empty one for a carrier with no history.
func CarrierRecords(ctx context.Context, c *ent.Client, ids []int, now time.Time) (map[int]*CarrierRecord, error) {
	out := make(map[int]*CarrierRecord, len(ids))
	for _, id := range ids {
		out[id] = &CarrierRecord{}
	}
	var delivered []struct {
		CarrierID int `json:"carrier_id"`
		Count     int `json:"count"`
		OnTime    int `json:"on_time"`
	}
	err := c.Shipment.Query().
		Where(shipment.CarrierIDIn(ids...), shipment.ActualDeliveryGTE(now.Add(-RecordDays*day))).
		GroupBy(shipment.FieldCarrierID).
		Aggregate(
			func(s *entsql.Selector) string { return entsql.As("COUNT(*)", "count") },
			func(s *entsql.Selector) string {
				return entsql.As(countWhere(onTimeSQL(s)), "on_time")
			},
		).Scan(ctx, &delivered)
	if err != nil {
		return nil, fmt.Errorf("carrier deliveries: %w", err)
	}
	for _, d := range delivered {
		out[d.CarrierID].Delivered, out[d.CarrierID].OnTime = d.Count, d.OnTime
	}

	var inHand []struct {
		CarrierID int `json:"carrier_id"`
		Count     int `json:"count"`
	}
	err = c.Shipment.Query().
		Where(shipment.CarrierIDIn(ids...), shipment.StatusIn(enum.ShipmentPlanned, enum.ShipmentBooked, enum.ShipmentInTransit)).
		GroupBy(shipment.FieldCarrierID).Aggregate(ent.Count()).Scan(ctx, &inHand)
	if err != nil {
		return nil, fmt.Errorf("carrier shipments in hand: %w", err)
	}
	for _, h := range inHand {
		out[h.CarrierID].InHand = h.Count
	}

	var events []struct {
		CarrierID int                    `json:"carrier_id"`
		Kind      enum.ShipmentEventKind `json:"kind"`
		Count     int                    `json:"count"`
	}
	err = c.ShipmentEvent.Query().
		Where(shipmentevent.CarrierIDIn(ids...), shipmentevent.KindIn(enum.EventException, enum.EventDelayed),
			shipmentevent.AtGTE(now.Add(-RecentDays*day))).
		GroupBy(shipmentevent.FieldCarrierID, shipmentevent.FieldKind).Aggregate(ent.Count()).Scan(ctx, &events)
	if err != nil {
		return nil, fmt.Errorf("carrier events: %w", err)
	}
	for _, e := range events {
		if r := out[e.CarrierID]; e.Kind == enum.EventException {
			r.RecentExceptions = e.Count
		} else {
			r.RecentDelays = e.Count
		}
	}
	return out, nil
}
