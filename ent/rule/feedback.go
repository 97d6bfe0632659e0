package rule

import (
	"context"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/hook"
	"github.com/freightgraph/freightgraph/ent/report"
)

// feedbackRules checks that feedback about a shipment comes from that
// shipment's client.
func feedbackRules(next ent.Mutator) ent.Mutator {
	return hook.FeedbackFunc(func(ctx context.Context, m *ent.FeedbackMutation) (ent.Value, error) {
		c, op := m.Client(), m.Op()
		if id, ok := m.ClientID(); ok {
			if _, err := ref(ctx, c.Customer.Get, "clientID", "client", id); err != nil {
				return nil, err
			}
		}
		if at, ok := m.ReceivedAt(); ok && at.After(calendar.Now().Add(clockSkew)) {
			return nil, Invalid("receivedAt", "%s lies in the future", stamp(at)).Because(ReasonFeedbackInFuture, "at", at)
		}
		shipmentID, err := currentRef(ctx, op, m.ShipmentID, m.ShipmentIDCleared(), m.OldShipmentID)
		if err != nil {
			return nil, err
		}
		if shipmentID != nil && (hasSet(m.ShipmentID) || hasSet(m.ClientID)) {
			clientID, _, err := current(ctx, op, m.ClientID, m.OldClientID)
			if err != nil {
				return nil, err
			}
			s, err := ref(ctx, c.Shipment.Get, "shipmentID", "shipment", *shipmentID)
			if err != nil {
				return nil, err
			}
			if s.ClientID != clientID {
				return nil, Invalid("shipmentID", "shipment %s is another client's", s.Reference).Because(ReasonFeedbackShipment, "reference", s.Reference)
			}
		}
		return next.Mutate(ctx, m)
	})
}

// contactRules checks the contact's client.
func contactRules(next ent.Mutator) ent.Mutator {
	return hook.ContactFunc(func(ctx context.Context, m *ent.ContactMutation) (ent.Value, error) {
		if id, ok := m.ClientID(); ok {
			if _, err := ref(ctx, m.Client().Customer.Get, "clientID", "client", id); err != nil {
				return nil, err
			}
		}
		return next.Mutate(ctx, m)
	})
}

// Unhappy reports whether a client's recent feedback says it is unhappy: a
// score of 2 or lower within report.RecentDays, or a recent average below 3.
// The manual counts money earned with an unhappy client as a bad deal, so
// one very low score is enough to raise the sign.
func Unhappy(s report.Satisfaction) bool {
	if s.Recent.Count == 0 {
		return false
	}
	return *s.Recent.Lowest <= 2 || *s.Recent.Average() < 3
}
