package rule

import (
	"context"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/text"
)

// trimText trims the spaces around every text field a mutation sets, before
// validation and uniqueness see it: "Baltic Feeder Line " is "Baltic Feeder
// Line".
func trimText(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		for _, name := range m.Fields() {
			v, _ := m.Field(name)
			if s, ok := v.(string); ok && s != text.Clean(s) {
				if err := m.SetField(name, text.Clean(s)); err != nil {
					return nil, err
				}
			}
		}
		return next.Mutate(ctx, m)
	})
}

// checkText applies the schema's rule for free text to an argument of a
// domain move.
func checkText(field, s string, max int, required bool) error {
	if err := text.Line(max, required)(s); err != nil {
		return Invalid(field, "%s", err.Error())
	}
	return nil
}
