package rule

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/hook"
	"github.com/freightgraph/freightgraph/ent/money"
)

// shipmentRules checks what a shipment refers to and that its plan holds
// together: the operations manager's role, the tender being the client's,
// delivery not planned before pickup, and the mode served by its carrier.
func shipmentRules(next ent.Mutator) ent.Mutator {
	return hook.ShipmentFunc(func(ctx context.Context, m *ent.ShipmentMutation) (ent.Value, error) {
		c, op := m.Client(), m.Op()
		if id, ok := m.OperationsManagerID(); ok {
			if err := holdsRole(ctx, c, "operationsManagerID", id, enum.RoleOperationsManager); err != nil {
				return nil, err
			}
		}
		clientID, _, err := current(ctx, op, m.ClientID, m.OldClientID)
		if err != nil {
			return nil, err
		}
		if id, ok := m.ClientID(); ok {
			if _, err := ref(ctx, c.Customer.Get, "clientID", "client", id); err != nil {
				return nil, err
			}
		}
		if _, ok := m.ClientID(); ok || hasSet(m.TenderID) {
			tenderID, err := currentRef(ctx, op, m.TenderID, m.TenderIDCleared(), m.OldTenderID)
			if err != nil {
				return nil, err
			}
			if tenderID != nil {
				t, err := ref(ctx, c.Tender.Get, "tenderID", "tender", *tenderID)
				if err != nil {
					return nil, err
				}
				if t.ClientID != clientID {
					return nil, Invalid("tenderID", "tender %s is another client's", t.Reference)
				}
			}
		}
		if hasSet(m.PlannedPickup) || hasSet(m.PlannedDelivery) {
			pickup, _, err := current(ctx, op, m.PlannedPickup, m.OldPlannedPickup)
			if err != nil {
				return nil, err
			}
			delivery, _, err := current(ctx, op, m.PlannedDelivery, m.OldPlannedDelivery)
			if err != nil {
				return nil, err
			}
			if delivery.Before(pickup) {
				return nil, Invalid("plannedDelivery", "planned delivery %s is before the planned pickup %s", delivery.Format(time.RFC3339), pickup.Format(time.RFC3339))
			}
		}
		if v, ok := m.Price(); ok && v < 0 {
			return nil, Invalid("price", "must not be negative")
		}
		if v, ok := m.Cost(); ok && v < 0 {
			return nil, Invalid("cost", "must not be negative")
		}
		if mode, ok := m.Mode(); ok && op.Is(ent.OpUpdateOne) {
			carrierID, err := m.OldCarrierID(ctx)
			if err != nil {
				return nil, err
			}
			if carrierID != nil {
				cr, err := c.Carrier.Get(ctx, *carrierID)
				if err != nil {
					return nil, err
				}
				if !slices.Contains(cr.Modes, mode) {
					return nil, Invalid("mode", "the assigned carrier %s does not serve %s: assign another carrier first", cr.Name, mode)
				}
			}
		}
		return next.Mutate(ctx, m)
	})
}

func hasSet[T any](get func() (T, bool)) bool { _, ok := get(); return ok }

// AssignCarrier gives shipment id its carrier: only an active carrier that
// serves the shipment's mode, and only while the shipment is PLANNED or
// BOOKED. A new carrier for a BOOKED shipment returns it to PLANNED (the
// booking was with the old one). Recorded as a CARRIER_ASSIGNED event.
func AssignCarrier(ctx context.Context, c *ent.Client, id, carrierID int, expected *int) (*ent.Shipment, error) {
	s, err := loadShipment(ctx, c, id, expected)
	if err != nil {
		return nil, err
	}
	cr, err := ref(ctx, c.Carrier.Get, "carrierID", "carrier", carrierID)
	if err != nil {
		return nil, err
	}
	switch {
	case s.Status != enum.ShipmentPlanned && s.Status != enum.ShipmentBooked:
		return nil, Invalid("shipmentID", "shipment %s is %s: a carrier can be assigned only while it is PLANNED or BOOKED", s.Reference, s.Status)
	case !cr.Active:
		return nil, Invalid("carrierID", "carrier %s is inactive", cr.Name)
	case !slices.Contains(cr.Modes, s.Mode):
		return nil, Invalid("carrierID", "carrier %s does not serve %s (it serves %s)", cr.Name, s.Mode, joinModes(cr.Modes))
	case s.CarrierID != nil && *s.CarrierID == carrierID:
		return nil, Invalid("carrierID", "carrier %s is already assigned to shipment %s", cr.Name, s.Reference)
	}
	note := "Assigned " + cr.Name
	if s.CarrierID != nil {
		prev, err := c.Carrier.Get(ctx, *s.CarrierID)
		if err != nil {
			return nil, fmt.Errorf("assign carrier to %d: %w", id, err)
		}
		note += " instead of " + prev.Name
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	return Update(ctx, c, "shipment", id, &s.Version, func(ctx context.Context) (*ent.Shipment, error) {
		u := c.Shipment.UpdateOneID(id).SetCarrierID(carrierID)
		if s.Status == enum.ShipmentBooked {
			u.SetStatus(enum.ShipmentPlanned)
		}
		out, err := u.Save(ctx)
		if err != nil {
			return nil, err
		}
		err = c.ShipmentEvent.Create().SetShipmentID(id).SetKind(enum.EventCarrierAssigned).
			SetAt(now).SetNote(note).SetCarrierID(carrierID).Exec(ctx)
		return out, err
	})
}

func joinModes(ms []enum.TransportMode) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = string(m)
	}
	return strings.Join(s, ", ")
}

// loadShipment fetches a shipment and checks the caller's expected version.
func loadShipment(ctx context.Context, c *ent.Client, id int, expected *int) (*ent.Shipment, error) {
	s, err := load(ctx, c.Shipment.Get, "shipment", id)
	if err != nil {
		return nil, err
	}
	if expected != nil && *expected != s.Version {
		return nil, Conflict("shipment %s was changed by someone else (now version %d, you had %d): reload it and try again", s.Reference, s.Version, *expected)
	}
	return s, nil
}

// ShipmentEvent is what recordShipmentEvent is given.
type ShipmentEvent struct {
	Kind              enum.ShipmentEventKind
	At                time.Time
	Note              string
	EstimatedDelivery *time.Time
}

// clockSkew is how far in the future an event may be dated: a tracking event
// records what happened, but clocks of people and partners differ a little.
const clockSkew = 15 * time.Minute

// RecordShipmentEvent records what happened to shipment id and moves its
// status and actual times accordingly; see checkEvent for the rules.
func RecordShipmentEvent(ctx context.Context, c *ent.Client, id int, e ShipmentEvent, expected *int) (*ent.Shipment, error) {
	s, err := loadShipment(ctx, c, id, expected)
	if err != nil {
		return nil, err
	}
	e.Note = strings.TrimSpace(e.Note)
	e.At = e.At.UTC().Truncate(time.Microsecond)
	if err := checkEvent(s, e, time.Now()); err != nil {
		return nil, err
	}
	return Update(ctx, c, "shipment", id, &s.Version, func(ctx context.Context) (*ent.Shipment, error) {
		u := c.Shipment.UpdateOneID(id)
		switch e.Kind {
		case enum.EventBooked:
			u.SetStatus(enum.ShipmentBooked)
		case enum.EventPickedUp:
			u.SetStatus(enum.ShipmentInTransit).SetActualPickup(e.At)
		case enum.EventDelivered:
			u.SetStatus(enum.ShipmentDelivered).SetActualDelivery(e.At)
		case enum.EventCancelled:
			u.SetStatus(enum.ShipmentCancelled)
		}
		if e.EstimatedDelivery != nil {
			u.SetEstimatedDelivery(e.EstimatedDelivery.UTC().Truncate(time.Microsecond))
		}
		out, err := u.Save(ctx)
		if err != nil {
			return nil, err
		}
		err = c.ShipmentEvent.Create().SetShipmentID(id).SetKind(e.Kind).SetAt(e.At).SetNote(e.Note).
			SetNillableEstimatedDelivery(e.EstimatedDelivery).SetNillableCarrierID(s.CarrierID).Exec(ctx)
		return out, err
	})
}

// checkEvent is the shipment's tracking rule: which event may happen in
// which status, and that the actual times stay in order.
func checkEvent(s *ent.Shipment, e ShipmentEvent, now time.Time) error {
	ref := s.Reference
	switch {
	case s.Status.Final():
		return Invalid("kind", "shipment %s is %s: nothing can be recorded after delivery or cancellation", ref, s.Status)
	case e.At.After(now.Add(clockSkew)):
		return Invalid("at", "%s lies in the future: record an event once it has happened", e.At.Format(time.RFC3339))
	case len([]rune(e.Note)) > 2000:
		return Invalid("note", "must be at most 2000 characters")
	case e.EstimatedDelivery != nil && (e.Kind == enum.EventDelivered || e.Kind == enum.EventCancelled):
		return Invalid("estimatedDelivery", "an estimate makes no sense for a %s event", e.Kind)
	case e.EstimatedDelivery != nil && s.ActualPickup != nil && e.EstimatedDelivery.Before(*s.ActualPickup):
		return Invalid("estimatedDelivery", "the estimate lies before the actual pickup %s", s.ActualPickup.Format(time.RFC3339))
	}
	switch e.Kind {
	case enum.EventCarrierAssigned:
		return Invalid("kind", "use assignCarrier to assign a carrier")
	case enum.EventBooked:
		if s.Status != enum.ShipmentPlanned {
			return Invalid("kind", "shipment %s is %s: only a PLANNED shipment can be booked", ref, s.Status)
		}
		if s.CarrierID == nil {
			return Invalid("kind", "shipment %s has no carrier: assign one before booking", ref)
		}
	case enum.EventPickedUp:
		if s.Status != enum.ShipmentPlanned && s.Status != enum.ShipmentBooked {
			return Invalid("kind", "shipment %s is %s: it was already picked up", ref, s.Status)
		}
		if s.CarrierID == nil {
			return Invalid("kind", "shipment %s has no carrier: assign one before pickup", ref)
		}
	case enum.EventDelivered:
		if s.Status != enum.ShipmentInTransit {
			return Invalid("kind", "shipment %s is %s: record its pickup before its delivery", ref, s.Status)
		}
		if s.ActualPickup != nil && e.At.Before(*s.ActualPickup) {
			return Invalid("at", "delivery at %s would be before the pickup at %s", e.At.Format(time.RFC3339), s.ActualPickup.Format(time.RFC3339))
		}
	case enum.EventCancelled:
		if s.Status == enum.ShipmentInTransit {
			return Invalid("kind", "shipment %s is already in transit: record its delivery or an exception instead", ref)
		}
	case enum.EventException:
		if e.Note == "" {
			return Invalid("note", "say what went wrong: an exception needs a note")
		}
	case enum.EventDelayed, enum.EventCheckpoint:
	default:
		return Invalid("kind", "unknown event kind %q", e.Kind)
	}
	return nil
}

// Margin is price minus cost, or nil while the cost is unknown.
func Margin(s *ent.Shipment) *money.Amount {
	if s.Cost == nil {
		return nil
	}
	m := s.Price - *s.Cost
	return &m
}

// IsLate reports whether the shipment was delivered, or is expected to be
// delivered, after its planned delivery; an open shipment past its planned
// delivery with no newer estimate is late too.
func IsLate(s *ent.Shipment, now time.Time) bool {
	switch {
	case s.Status == enum.ShipmentCancelled:
		return false
	case s.ActualDelivery != nil:
		return s.ActualDelivery.After(s.PlannedDelivery)
	case s.EstimatedDelivery != nil && s.EstimatedDelivery.After(s.PlannedDelivery):
		return true
	default:
		return now.After(s.PlannedDelivery)
	}
}
