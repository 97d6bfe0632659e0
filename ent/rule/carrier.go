package rule

import (
	"context"
	"slices"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/hook"
)

// carrierRules keeps a carrier's modes a non-empty set.
func carrierRules(next ent.Mutator) ent.Mutator {
	return hook.CarrierFunc(func(ctx context.Context, m *ent.CarrierMutation) (ent.Value, error) {
		if modes, ok := m.Modes(); ok {
			if len(modes) == 0 {
				return nil, Invalid("modes", "a carrier serves at least one transport mode")
			}
			slices.Sort(modes)
			m.SetModes(slices.Compact(modes))
		}
		return next.Mutate(ctx, m)
	})
}
