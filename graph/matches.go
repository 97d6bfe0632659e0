package graph

import (
	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent/search"
)

// matches applies a WhereInput's `matches` filter: the typed text, checked
// as the search checks it, becomes the predicate by builds (a match of the
// search key, or the start of a reference), which add puts on the input.
func matches(typed *string, by func(string) func(*entsql.Selector), add func(func(*entsql.Selector))) error {
	if typed == nil {
		return nil
	}
	if err := search.Check("matches", *typed); err != nil {
		return err
	}
	add(by(*typed))
	return nil
}
