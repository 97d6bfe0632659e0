package rule

import (
	"context"
	"slices"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/hook"
)

// carrierRules keeps a carrier's modes a non-empty set. A carrier may drop a
// mode, or be deactivated, while it still has shipments: that is the world
// changing, and those shipments cannot be booked or picked up with it until
// they are reassigned (carrierServes).
func carrierRules(next ent.Mutator) ent.Mutator {
	return hook.CarrierFunc(func(ctx context.Context, m *ent.CarrierMutation) (ent.Value, error) {
		if modes, ok := m.Modes(); ok {
			if len(modes) == 0 {
				return nil, Invalid("modes", "a carrier serves at least one transport mode").Because(ReasonCarrierNoModes)
			}
			modes = slices.Clone(modes)
			slices.Sort(modes)
			modes = slices.Compact(modes)
			m.SetModes(modes)
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
