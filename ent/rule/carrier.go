package rule

import (
	"context"
	"slices"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/hook"
	"github.com/freightgraph/freightgraph/ent/shipment"
)

// carrierRules keeps a carrier's modes a non-empty set, and keeps a mode
// while the carrier still has unfinished shipments in it.
func carrierRules(next ent.Mutator) ent.Mutator {
	return hook.CarrierFunc(func(ctx context.Context, m *ent.CarrierMutation) (ent.Value, error) {
		if modes, ok := m.Modes(); ok {
			if len(modes) == 0 {
				return nil, Invalid("modes", "a carrier serves at least one transport mode")
			}
			modes = slices.Clone(modes)
			slices.Sort(modes)
			modes = slices.Compact(modes)
			m.SetModes(modes)
			if id, ok := m.ID(); ok && m.Op().Is(ent.OpUpdateOne) {
				n, err := m.Client().Shipment.Query().Where(shipment.CarrierID(id), shipment.ModeNotIn(modes...),
					shipment.StatusNotIn(enum.ShipmentDelivered, enum.ShipmentCancelled)).Count(ctx)
				if err != nil {
					return nil, err
				}
				if n > 0 {
					return nil, Invalid("modes", "the carrier still has %d unfinished shipments in a mode this list drops: reassign them first", n)
				}
			}
		}
		return next.Mutate(ctx, m)
	})
}

// AppendModes is what the update input's appendModes means: entgql's
// generated SetInput drops that list (it appends the modes field instead),
// so the API merges it into modes before saving.
func AppendModes(current, add []enum.TransportMode) []enum.TransportMode {
	return append(slices.Clone(current), add...)
}
