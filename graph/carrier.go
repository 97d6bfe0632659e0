package graph

import (
	"context"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// withAppendedModes folds the input's appendModes into modes, which entgql's
// generated SetInput would otherwise drop (see rule.AppendModes).
func withAppendedModes(ctx context.Context, c *ent.Client, id int, input ent.UpdateCarrierInput) (ent.UpdateCarrierInput, error) {
	if input.AppendModes == nil {
		return input, nil
	}
	base := input.Modes
	if base == nil {
		cr, err := c.Carrier.Get(ctx, id)
		if err != nil {
			return input, err
		}
		base = cr.Modes
	}
	input.Modes, input.AppendModes = rule.AppendModes(base, input.AppendModes), nil
	return input, nil
}
