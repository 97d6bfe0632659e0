package rule

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/carrier"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/feedback"
	"github.com/freightgraph/freightgraph/ent/hook"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/predicate"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmentevent"
	"github.com/freightgraph/freightgraph/ent/text"
)

// shipmentRules checks what a shipment refers to and that its plan holds
// together: the operations manager's role, the client and tender (a won
// tender of the same client), delivery not planned before pickup, the mode
// served by its carrier; and that what has happened stays as it happened.
func shipmentRules(next ent.Mutator) ent.Mutator {
	return hook.ShipmentFunc(func(ctx context.Context, m *ent.ShipmentMutation) (ent.Value, error) {
		c, op := m.Client(), m.Op()
		if op.Is(ent.OpUpdateOne) {
			if err := shipmentHistoryKept(ctx, m); err != nil {
				return nil, err
			}
		}
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
					return nil, Invalid("tenderID", "tender %s is another client's", t.Reference).Because(ReasonTenderOtherClient, "reference", t.Reference)
				}
				if t.Stage != enum.StageWon {
					return nil, Invalid("tenderID", "tender %s is %s: shipments run only under a won tender's contract", t.Reference, t.Stage).
						Because(ReasonTenderNotWon, "reference", t.Reference, "stage", t.Stage)
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
				return nil, Invalid("plannedDelivery", "planned delivery %s is before the planned pickup %s", stamp(delivery), stamp(pickup)).
					Because(ReasonDeliveryBeforePlan, "plannedDelivery", delivery, "plannedPickup", pickup)
			}
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
				if err := carrierServes(cr, mode, "mode", false); err != nil {
					return nil, err
				}
			}
		}
		return next.Mutate(ctx, m)
	})
}

// planFields are a shipment's plan: what promises are measured against.
var planFields = []string{shipment.FieldClientID, shipment.FieldMode, shipment.FieldOrigin, shipment.FieldDestination, shipment.FieldPlannedPickup, shipment.FieldPlannedDelivery}

// planKept says whether a shipment in this status keeps its plan as it was.
func planKept(status enum.ShipmentStatus) bool {
	return status == enum.ShipmentInTransit || status.Final()
}

// FrozenFields are the input fields (the API's names) a shipment keeps as
// they are now, by the rules an update is checked by: the app shows them
// fixed instead of finding out on saving.
func FrozenFields(ctx context.Context, c *ent.Client, s *ent.Shipment) ([]string, error) {
	out := []string{}
	if planKept(s.Status) {
		for _, f := range planFields {
			out = append(out, InputField(f))
		}
		return out, nil
	}
	n, err := c.Feedback.Query().Where(feedback.ShipmentID(s.ID)).Count(ctx)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		out = append(out, InputField(shipment.FieldClientID))
	}
	return out, nil
}

// shipmentHistoryKept freezes what a shipment has lived through: once picked
// up, its plan (client, mode, route, planned times) is what promises are
// measured against; prices and costs may still be corrected.
func shipmentHistoryKept(ctx context.Context, m *ent.ShipmentMutation) error {
	frozen := map[string]bool{}
	for _, f := range planFields {
		frozen[f] = true
	}
	var touched []string
	for _, f := range m.Fields() {
		if frozen[f] {
			touched = append(touched, f)
		}
	}
	if len(touched) == 0 {
		return nil
	}
	// the stored row is read once per mutation and shared by every Old*
	status, err := m.OldStatus(ctx)
	if err != nil {
		return err
	}
	ref, err := m.OldReference(ctx)
	if err != nil {
		return err
	}
	if planKept(status) {
		return Invalid(InputField(touched[0]), "shipment %s is %s: its client, mode, route and plan are kept as they were", ref, status).
			Because(ReasonShipmentFrozen, "reference", ref, "status", status)
	}
	if slices.Contains(touched, shipment.FieldClientID) {
		id, _ := m.ID()
		n, err := m.Client().Feedback.Query().Where(feedback.ShipmentID(id)).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return Invalid("clientID", "shipment %s already has its client's feedback: it cannot move to another client", ref).
				Because(ReasonShipmentHasFeedback, "reference", ref)
		}
	}
	return nil
}

// carrierServes is the one rule of which carrier may carry what: one that
// serves the mode; and, for a new commitment (an assignment, a booking, a
// pickup), one we still work with.
func carrierServes(cr *ent.Carrier, mode enum.TransportMode, field string, commitment bool) error {
	if commitment && !cr.Active {
		return Invalid(field, "carrier %s is inactive", cr.Name).Because(ReasonCarrierInactive, "carrier", cr.Name)
	}
	if !slices.Contains(cr.Modes, mode) {
		return Invalid(field, "carrier %s does not serve %s (it serves %s)", cr.Name, mode, joinModes(cr.Modes)).
			Because(ReasonCarrierMode, "carrier", cr.Name, "mode", mode, "modes", cr.Modes)
	}
	return nil
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
	// whether the carrier is active and serves the mode must hold until commit
	cr, err := ref(ctx, func(ctx context.Context, id int) (*ent.Carrier, error) {
		q := c.Carrier.Query().Where(carrier.ID(id))
		lockedQuery(ctx, Share, carrier.Table, []int{id}, func() { q.ForUpdate() }, func() { q.ForShare() })
		return q.Only(ctx)
	}, "carrierID", "carrier", carrierID)
	if err != nil {
		return nil, err
	}
	switch {
	case s.Status != enum.ShipmentPlanned && s.Status != enum.ShipmentBooked:
		return nil, Invalid("shipmentID", "shipment %s is %s: a carrier can be assigned only while it is PLANNED or BOOKED", s.Reference, s.Status).
			Because(ReasonAssignStatus, "reference", s.Reference, "status", s.Status)
	case s.CarrierID != nil && *s.CarrierID == carrierID:
		return nil, Invalid("carrierID", "carrier %s is already assigned to shipment %s", cr.Name, s.Reference).
			Because(ReasonCarrierAssigned, "carrier", cr.Name, "reference", s.Reference)
	}
	if err := carrierServes(cr, s.Mode, "carrierID", true); err != nil {
		return nil, err
	}
	// the event says who and whom it replaced by reference, never in words
	// of one language: the app says it in the viewer's
	replaced := s.CarrierID
	now := calendar.Now().UTC().Truncate(time.Microsecond)
	// UpdateOne(s): the rules after read the stored values from s, which
	// this transaction loaded locked, instead of loading them again
	return Update(ctx, c, "shipment", id, &s.Version, func(ctx context.Context) (*ent.Shipment, error) {
		u := c.Shipment.UpdateOne(s).SetCarrierID(carrierID)
		if s.Status == enum.ShipmentBooked {
			u.SetStatus(enum.ShipmentPlanned)
		}
		out, err := u.Save(ctx)
		if err != nil {
			return nil, err
		}
		err = c.ShipmentEvent.Create().SetShipmentID(id).SetKind(enum.EventCarrierAssigned).
			SetAt(now).SetCarrierID(carrierID).SetNillableReplacedCarrierID(replaced).Exec(ctx)
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

// loadShipment fetches a shipment for a move, checks that the viewer may run
// it, and checks the caller's expected version.
func loadShipment(ctx context.Context, c *ent.Client, id int, expected *int) (*ent.Shipment, error) {
	// the move decides from what it loads: nobody may change it meanwhile
	s, err := load(ctx, func(ctx context.Context, id int) (*ent.Shipment, error) {
		q := c.Shipment.Query().Where(shipment.ID(id))
		lockedQuery(ctx, Exclusive, shipment.Table, []int{id}, func() { q.ForUpdate() }, func() { q.ForShare() })
		return q.Only(ctx)
	}, "shipment", id)
	if err != nil {
		return nil, err
	}
	if err := mayRunShipment(ctx, c, s); err != nil {
		return nil, err
	}
	if expected != nil && *expected != s.Version {
		return nil, staleVersion("shipment", s.Reference, s.Version, *expected)
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
	e.Note = text.Clean(e.Note)
	e.At = e.At.UTC().Truncate(time.Microsecond)
	if err := checkText("note", e.Note, 2000, e.Kind == enum.EventException); err != nil {
		if e.Kind == enum.EventException && e.Note == "" {
			return nil, Invalid("note", "say what went wrong: an exception needs a note").Because(ReasonExceptionNeedsNote)
		}
		return nil, err
	}
	last, err := lastStatusEvent(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if last != nil && e.At.Before(last.At) {
		return nil, Invalid("at", "%s is before the %s recorded at %s: events keep the order they happened in", stamp(e.At), last.Kind, stamp(last.At)).
			Because(ReasonEventOutOfOrder, "at", e.At, "lastKind", last.Kind, "lastAt", last.At)
	}
	if err := checkEvent(s, e, calendar.Now()); err != nil {
		return nil, err
	}
	if s.CarrierID != nil && (e.Kind == enum.EventBooked || e.Kind == enum.EventPickedUp) {
		// a booking or a pickup is a new commitment with the carrier: it
		// must still be one that may carry this shipment, until commit
		q := c.Carrier.Query().Where(carrier.ID(*s.CarrierID))
		lockedQuery(ctx, Share, carrier.Table, []int{*s.CarrierID}, func() { q.ForUpdate() }, func() { q.ForShare() })
		cr, err := q.Only(ctx)
		if err != nil {
			return nil, fmt.Errorf("record event on %d: %w", id, err)
		}
		if err := carrierServes(cr, s.Mode, "kind", true); err != nil {
			inner := err.(*Error)
			refusal := Invalid("kind", "%s: assign another carrier first", inner.Message)
			refusal.Reason, refusal.Params = inner.Reason, inner.Params
			return nil, refusal
		}
	}
	return Update(ctx, c, "shipment", id, &s.Version, func(ctx context.Context) (*ent.Shipment, error) {
		u := c.Shipment.UpdateOne(s)
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

// statusEvents are the events that move a shipment's status.
var statusEvents = []enum.ShipmentEventKind{enum.EventBooked, enum.EventPickedUp, enum.EventDelivered, enum.EventCancelled}

// lastStatusEvent is the latest event that moved shipment id's status, or
// nil. Carrier assignments are stamped when they are recorded, so they do
// not order what happened on the road.
func lastStatusEvent(ctx context.Context, c *ent.Client, id int) (*ent.ShipmentEvent, error) {
	ev, err := c.ShipmentEvent.Query().
		Where(shipmentevent.ShipmentID(id), shipmentevent.KindIn(statusEvents...)).
		Order(ent.Desc(shipmentevent.FieldAt)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return ev, err
}

// earliestEvent is how long before its planned pickup anything can happen
// to a shipment: tracking starts with the booking, not years before.
const earliestEvent = 30 * 24 * time.Hour

// checkEvent is the shipment's tracking rule: which event may happen in
// which status, and that the actual times stay in order.
func checkEvent(s *ent.Shipment, e ShipmentEvent, now time.Time) error {
	ref := s.Reference
	switch {
	case s.Status.Final():
		return Invalid("kind", "shipment %s is %s: nothing can be recorded after delivery or cancellation", ref, s.Status).
			Because(ReasonShipmentClosed, "reference", ref, "status", s.Status)
	case e.At.After(now.Add(clockSkew)):
		return Invalid("at", "%s lies in the future: record an event once it has happened", stamp(e.At)).
			Because(ReasonEventInFuture, "at", e.At)
	case e.At.Before(s.PlannedPickup.Add(-earliestEvent)):
		return Invalid("at", "%s is more than 30 days before the planned pickup %s", stamp(e.At), stamp(s.PlannedPickup)).
			Because(ReasonEventTooEarly, "at", e.At, "plannedPickup", s.PlannedPickup)
	case s.ActualPickup != nil && e.At.Before(*s.ActualPickup):
		return Invalid("at", "%s is before the pickup at %s", stamp(e.At), stamp(*s.ActualPickup)).
			Because(ReasonEventBeforePickup, "at", e.At, "pickup", *s.ActualPickup)
	}
	if eta := e.EstimatedDelivery; eta != nil {
		switch {
		case e.Kind != enum.EventDelayed && e.Kind != enum.EventPickedUp && e.Kind != enum.EventCheckpoint:
			return Invalid("estimatedDelivery", "only a DELAYED, PICKED_UP or CHECKPOINT event revises the estimate, not %s", e.Kind).
				Because(ReasonEstimateNotRevisable, "kind", e.Kind)
		case eta.Before(e.At):
			return Invalid("estimatedDelivery", "the estimate %s lies before the event itself", stamp(*eta)).
				Because(ReasonEstimateBeforeEvent, "estimate", *eta)
		}
	}
	switch e.Kind {
	case enum.EventCarrierAssigned:
		return Invalid("kind", "use assignCarrier to assign a carrier").Because(ReasonAssignThroughAssign)
	case enum.EventBooked:
		if s.Status != enum.ShipmentPlanned {
			return Invalid("kind", "shipment %s is %s: only a PLANNED shipment can be booked", ref, s.Status).
				Because(ReasonBookNotPlanned, "reference", ref, "status", s.Status)
		}
		if s.CarrierID == nil {
			return Invalid("kind", "shipment %s has no carrier: assign one before booking", ref).Because(ReasonNoCarrier, "reference", ref)
		}
	case enum.EventPickedUp:
		if s.Status != enum.ShipmentPlanned && s.Status != enum.ShipmentBooked {
			return Invalid("kind", "shipment %s is %s: it was already picked up", ref, s.Status).
				Because(ReasonAlreadyPickedUp, "reference", ref, "status", s.Status)
		}
		if s.CarrierID == nil {
			return Invalid("kind", "shipment %s has no carrier: assign one before pickup", ref).Because(ReasonNoCarrier, "reference", ref)
		}
	case enum.EventDelivered:
		if s.Status != enum.ShipmentInTransit {
			return Invalid("kind", "shipment %s is %s: record its pickup before its delivery", ref, s.Status).
				Because(ReasonDeliveryBeforePickup, "reference", ref, "status", s.Status)
		}
	case enum.EventCancelled:
		if s.Status == enum.ShipmentInTransit {
			return Invalid("kind", "shipment %s is already in transit: record its delivery or an exception instead", ref).
				Because(ReasonAlreadyInTransit, "reference", ref)
		}
	case enum.EventException, enum.EventDelayed, enum.EventCheckpoint:
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

// Late is IsLate as a filter, for lists of late shipments: the same three
// cases, written so that no NULL makes a row neither late nor on time.
func Late(now time.Time) predicate.Shipment {
	after := func(a, b string) predicate.Shipment {
		return func(s *sql.Selector) { s.Where(sql.ColumnsGT(s.C(a), s.C(b))) }
	}
	return shipment.And(
		shipment.StatusNEQ(enum.ShipmentCancelled),
		shipment.Or(
			shipment.And(shipment.ActualDeliveryNotNil(), after(shipment.FieldActualDelivery, shipment.FieldPlannedDelivery)),
			shipment.And(shipment.ActualDeliveryIsNil(), shipment.Or(
				shipment.And(shipment.EstimatedDeliveryNotNil(), after(shipment.FieldEstimatedDelivery, shipment.FieldPlannedDelivery)),
				shipment.PlannedDeliveryLT(now),
			)),
		),
	)
}
