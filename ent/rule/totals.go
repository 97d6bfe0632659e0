package rule

import (
	"context"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/hook"
	"github.com/freightgraph/freightgraph/ent/report"
)

// keepShipmentTotals recomputes the rows of both rollups (report.Recompute,
// report.RecomputeClientMonths) a shipment leaves and joins, in the
// transaction that writes it.
// Shipments are written one at a time; a write of many at once would leave
// the rollup behind, so it is refused here as the access rules refuse it.
func keepShipmentTotals(next ent.Mutator) ent.Mutator {
	return hook.ShipmentFunc(func(ctx context.Context, m *ent.ShipmentMutation) (ent.Value, error) {
		if !m.Op().Is(ent.OpCreate | ent.OpUpdateOne) {
			return nil, Forbidden("shipments are created and changed one at a time, and never deleted")
		}
		var keys []report.TotalKey
		var months []report.ClientMonthKey
		var old *ent.Shipment
		if m.Op().Is(ent.OpUpdateOne) {
			id, _ := m.ID()
			var err error
			if old, err = m.Client().Shipment.Get(ctx, id); err != nil {
				return nil, err
			}
			keys, months = append(keys, report.KeyOf(old)), append(months, report.ClientMonthOf(old))
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		s, ok := v.(*ent.Shipment)
		if !ok {
			return v, nil
		}
		if old != nil && report.SameFigures(old, s) {
			// nothing the rollups read changed (a note, an estimate, a
			// booking): leave their rows alone, and out of the way of
			// colleagues writing in the same group
			return v, nil
		}
		system := System(ctx, "monthly totals")
		if err := report.Recompute(system, m.Client(), append(keys, report.KeyOf(s))...); err != nil {
			return nil, err
		}
		if err := report.RecomputeClientMonths(system, m.Client(), append(months, report.ClientMonthOf(s))...); err != nil {
			return nil, err
		}
		return v, nil
	})
}

// keepExceptionTotals counts a new EXCEPTION event in its shipment's
// rollup row.
func keepExceptionTotals(next ent.Mutator) ent.Mutator {
	return hook.ShipmentEventFunc(func(ctx context.Context, m *ent.ShipmentEventMutation) (ent.Value, error) {
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		if e, ok := v.(*ent.ShipmentEvent); ok && e.Kind == enum.EventException {
			s, err := m.Client().Shipment.Get(ctx, e.ShipmentID)
			if err != nil {
				return nil, err
			}
			if err := report.Recompute(System(ctx, "monthly totals"), m.Client(), report.KeyOf(s)); err != nil {
				return nil, err
			}
		}
		return v, nil
	})
}
