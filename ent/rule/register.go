package rule

import (
	"context"

	"github.com/freightgraph/freightgraph/ent"
)

// Register installs the rules on a client. Every client the API and the
// commands write through is opened by ent/store, which calls it; the one
// writer without it is ent/seed, which bulk-loads demo and benchmark data
// that it builds consistent by construction.
//
// The order is the order they run in: the row locks that make the reads
// of the rules hold under READ COMMITTED (lock.go), who may (access), then the shape of
// the data (text, per-type rules), then the check that an update changes
// something at all, then the audit trail, which records the mutation as the
// rules left it, then the rollups the figures read (totals.go), recomputed
// from what was written; the schema's own hooks (the version, a shipment's
// pickup month) run inside all of them.
func Register(c *ent.Client) {
	c.Use(lockWritten)
	// who may act as whom changed: remembered viewers are looked up again
	generation := generationOf(c)
	c.Manager.Use(credentialsHook(generation))
	c.Session.Use(credentialsHook(generation))
	c.APIToken.Use(credentialsHook(generation))
	installAccess(c)
	c.Use(trimText)
	c.Manager.Use(managerRules)
	c.Customer.Use(clientRules)
	c.Contact.Use(contactRules)
	c.Tender.Use(tenderRules)
	c.Lane.Use(laneRules)
	c.Shipment.Use(shipmentRules)
	c.Carrier.Use(carrierRules)
	c.Feedback.Use(feedbackRules)
	c.Use(unchanged)
	c.Use(auditTrail)
	c.Shipment.Use(keepShipmentTotals)
	c.ShipmentEvent.Use(keepExceptionTotals)
}

// current is the value a field will hold after an update: the new one if the
// mutation sets it, otherwise the stored one.
func current[T any](ctx context.Context, op ent.Op, set func() (T, bool), old func(context.Context) (T, error)) (T, bool, error) {
	if v, ok := set(); ok {
		return v, true, nil
	}
	if op.Is(ent.OpUpdateOne) {
		v, err := old(ctx)
		return v, err == nil, err
	}
	var zero T
	return zero, false, nil
}

// currentRef is current for an optional edge: set, cleared, or as stored.
func currentRef(ctx context.Context, op ent.Op, set func() (int, bool), cleared bool, old func(context.Context) (*int, error)) (*int, error) {
	if v, ok := set(); ok {
		return &v, nil
	}
	if cleared || !op.Is(ent.OpUpdateOne) {
		return nil, nil
	}
	return old(ctx)
}
