package rule

import (
	"context"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/hook"
	"github.com/freightgraph/freightgraph/ent/report"
)

// keepShipmentTotals applies to both rollups what a shipment's write
// changed (report.ShipmentWritten: deltas, never a re-read of the group), in
// the transaction that writes it. The old state is read after lockWritten
// has locked the shipment, so it is the state this write replaces.
// Shipments are written one at a time; a write of many at once would leave
// the rollup behind, so it is refused here as the access rules refuse it.
func keepShipmentTotals(next ent.Mutator) ent.Mutator {
	return hook.ShipmentFunc(func(ctx context.Context, m *ent.ShipmentMutation) (ent.Value, error) {
		if !m.Op().Is(ent.OpCreate | ent.OpUpdateOne) {
			return nil, Forbidden("shipments are created and changed one at a time, and never deleted").Because(ReasonNotThisWay)
		}
		var old *ent.Shipment
		if m.Op().Is(ent.OpUpdateOne) {
			var err error
			if old, err = oldShipment(ctx, m); err != nil {
				return nil, err
			}
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		s, ok := v.(*ent.Shipment)
		if !ok {
			return v, nil
		}
		if err := report.ShipmentWritten(System(ctx, "monthly totals"), m.Client(), old, s); err != nil {
			return nil, err
		}
		wrote(ctx, s)
		return v, nil
	})
}

// keepExceptionTotals counts a new EXCEPTION event in the rollup row of
// the carrier that held the shipment when it happened (the event's own
// carrier); one recorded while no carrier held it counts against none.
func keepExceptionTotals(next ent.Mutator) ent.Mutator {
	return hook.ShipmentEventFunc(func(ctx context.Context, m *ent.ShipmentEventMutation) (ent.Value, error) {
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		if e, ok := v.(*ent.ShipmentEvent); ok && e.Kind == enum.EventException && e.CarrierID != nil {
			sys := System(ctx, "monthly totals")
			s, err := shipmentOf(sys, m.Client(), e.ShipmentID)
			if err != nil {
				return nil, err
			}
			if err := report.ExceptionRecorded(sys, m.Client(), s, *e.CarrierID); err != nil {
				return nil, err
			}
		}
		return v, nil
	})
}

// oldShipment is the shipment an update replaces, from the mutation's own
// copy of the stored record (which the rules before have loaded already,
// after lockWritten locked it), with what the rollups read of it.
func oldShipment(ctx context.Context, m *ent.ShipmentMutation) (*ent.Shipment, error) {
	id, _ := m.ID()
	if s := writtenShipment(ctx, id); s != nil {
		return s, nil
	}
	o := &ent.Shipment{ID: id}
	var err error
	get := func(f func() error) {
		if err == nil {
			err = f()
		}
	}
	get(func() (e error) { o.ClientID, e = m.OldClientID(ctx); return })
	get(func() (e error) { o.OperationsManagerID, e = m.OldOperationsManagerID(ctx); return })
	get(func() (e error) { o.CarrierID, e = m.OldCarrierID(ctx); return })
	get(func() (e error) { o.Mode, e = m.OldMode(ctx); return })
	get(func() (e error) { o.Origin, e = m.OldOrigin(ctx); return })
	get(func() (e error) { o.Destination, e = m.OldDestination(ctx); return })
	get(func() (e error) { o.Status, e = m.OldStatus(ctx); return })
	get(func() (e error) { o.PickupMonth, e = m.OldPickupMonth(ctx); return })
	get(func() (e error) { o.PlannedPickup, e = m.OldPlannedPickup(ctx); return })
	get(func() (e error) { o.PlannedDelivery, e = m.OldPlannedDelivery(ctx); return })
	get(func() (e error) { o.ActualDelivery, e = m.OldActualDelivery(ctx); return })
	get(func() (e error) { o.Currency, e = m.OldCurrency(ctx); return })
	get(func() (e error) { o.Price, e = m.OldPrice(ctx); return })
	get(func() (e error) { o.Cost, e = m.OldCost(ctx); return })
	return o, err
}
