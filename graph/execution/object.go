package execution

import (
	"io"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
)

// Objects lets the executor write an object's collected fields itself
// instead of through gqlgen's FieldSet.MarshalGQL, which builds a map of
// the aliases written and a heap copy of every collected field (an
// iterator yields &field of its loop variable) for each of a nested
// read's 2,000 objects: about a fifth of its allocations. An object with
// a deferred field keeps gqlgen's way. Off, every object goes through
// gqlgen's (TestStraightAnswersAsGqlgenDoes answers the same documents both
// ways).
var Objects atomic.Bool

func init() { Objects.Store(true) }

// Object is what an object's executor returns once its fields are
// resolved (the rewrite puts it in place of gqlgen's `return out`).
func Object(fields []graphql.CollectedField, out *graphql.FieldSet, deferred graphql.DeferredGroup) graphql.Marshaler {
	if deferred.FieldSet != nil || !Objects.Load() {
		return out
	}
	return object{fields: fields, values: out.Values}
}

type object struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

// MarshalGQL writes {"alias":value,...} in the order the fields were
// collected, each alias once, as gqlgen's FieldSet does. Aliases are
// GraphQL names ([_A-Za-z][_0-9A-Za-z]*), which JSON needs no escape for.
func (o object) MarshalGQL(w io.Writer) {
	io.WriteString(w, "{")
	for i := range o.fields {
		alias := o.fields[i].Alias
		if written(o.fields[:i], alias) {
			continue
		}
		if i > 0 {
			io.WriteString(w, `,"`)
		} else {
			io.WriteString(w, `"`)
		}
		io.WriteString(w, alias)
		io.WriteString(w, `":`)
		o.values[i].MarshalGQL(w)
	}
	io.WriteString(w, "}")
}

// written reports whether an earlier field has the alias: CollectFields
// merges a field selected twice, but not one selected through two
// interfaces neither of which names the other.
func written(before []graphql.CollectedField, alias string) bool {
	for i := range before {
		if before[i].Alias == alias {
			return true
		}
	}
	return false
}
