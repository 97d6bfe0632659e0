package graph

import (
	"context"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/carrier"
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
		// the modes are read to be written back with more: nobody may
		// change them in between (READ COMMITTED, see rule.Lock)
		if err := rule.Lock(ctx, c, rule.Exclusive, carrier.Table, id); err != nil {
			return input, err
		}
		cr, err := c.Carrier.Get(ctx, id)
		if err != nil {
			return input, err
		}
		base = cr.Modes
	}
	input.Modes, input.AppendModes = rule.AppendModes(base, input.AppendModes), nil
	return input, nil
}
