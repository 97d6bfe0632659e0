package guard

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// What each kind of filter term costs, worked out by hand from the weights
// in filter.go, with the schema that tells an edge to one record (a
// tender's client) from an edge to many (a client's tenders). Each is
// checked at the boundary as TestCost does: accepted at a limit equal to
// its cost, refused at one less.
func TestFilterCost(t *testing.T) {
	const page = 1 + 1 // clients(first: 1) { totalCount }
	terms := func(n int, term string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = fmt.Sprintf(term, i)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	values := func(n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = fmt.Sprintf("%q", fmt.Sprint(i))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	for _, c := range []struct {
		name, where string
		work        int
	}{
		{"a comparison", `{name: "Омск"}`, 1},
		{"two comparisons", `{name: "a", and: [{name: "b"}]}`, 2},
		{"a list of values", `{nameIn: ` + values(120) + `}`, 1 + 120/50},
		{"text matching", `{nameContainsFold: "омск"}`, 15},
		{"whether an edge exists", `{hasTenders: true}`, 5},
		{"through an edge to many", `{hasTendersWith: [{title: "x"}]}`, 100 + 3*1},
		{"through an edge to many, matching text", `{hasTendersWith: [{titleHasPrefix: "x"}]}`, 100 + 3*15},
		{"through an edge to one", `{hasTendersWith: [{hasClientWith: [{name: "x"}]}]}`, 100 + 3*(20+3*1)},
		{"or adds its terms up", `{or: ` + terms(10, `{name: "%d"}`) + `}`, 10},
		{"not counts what it holds", `{not: {nameContainsFold: "x"}}`, 15},
		{"the 300-term edge filter", `{or: ` + terms(300, `{hasTendersWith: [{titleHasPrefix: "zz%d"}]}`) + `}`, 300 * (100 + 3*15)},
	} {
		t.Run(c.name, func(t *testing.T) {
			query := `{ clients(first: 1, where: ` + c.where + `) { totalCount } }`
			cost := page + c.work*FilterUnit
			limits := Defaults
			limits.MaxComplexity = cost
			ext := Extension{Limits: limits, Schema: testSchema}
			if err := ext.MutateOperationContext(context.Background(), operation(t, query, nil)); err != nil {
				t.Fatalf("refused at its own cost %d: %v", cost, err)
			}
			ext.MaxComplexity = cost - 1
			err := ext.MutateOperationContext(context.Background(), operation(t, query, nil))
			if err == nil || err.Extensions["code"] != CodeTooComplex || !strings.Contains(err.Message, fmt.Sprint(cost)) {
				t.Fatalf("accepted above the limit, or not said: %v", err)
			}
		})
	}
}

// A filter counts once, wherever it sits: the nested connection's filter
// is one statement for the rows of every parent, as ent loads it, so it is
// not multiplied by the page around it; the same filter through a
// variable costs the same; and a fragment's filter counts where it is
// spread.
func TestFilterCountsOnce(t *testing.T) {
	work := 100 + 3*15
	nested := `{ clients(first: 10) { edges { node { tenders(first: 5) { totalCount } } } } }`
	fields := 1 + 10*(1+(1+(1+5*1)))
	for _, c := range []struct {
		name, query string
		vars        map[string]any
		cost        int
	}{
		{"at the root", `{ clients(first: 1, where: {hasTendersWith: [{titleHasPrefix: "x"}]}) { totalCount } }`, nil, 1 + 1 + work*FilterUnit},
		{"through a variable", `query($w: ClientWhereInput) { clients(first: 1, where: $w) { totalCount } }`,
			map[string]any{"w": map[string]any{"hasTendersWith": []any{map[string]any{"titleHasPrefix": "x"}}}}, 1 + 1 + work*FilterUnit},
		{"no filter", nested, nil, fields},
		{"in a fragment", `{ ...F } fragment F on Query { clients(first: 1, where: {nameContainsFold: "x"}) { totalCount } }`, nil, 1 + 1 + 15*FilterUnit},
	} {
		t.Run(c.name, func(t *testing.T) {
			oc := operation(t, c.query, c.vars)
			w := walker{limits: Defaults, schema: testSchema, vars: c.vars, fragments: oc.Doc.Fragments}
			got := add(w.selections(oc.Operation.SelectionSet, 1), mul(w.filter, FilterUnit))
			if got != c.cost || w.err != nil {
				t.Fatalf("cost %d (%v), want %d", got, w.err, c.cost)
			}
		})
	}
}

// Without the schema, every edge counts as one to many: the guard never
// counts less than the work.
func TestFilterWithoutSchema(t *testing.T) {
	v := map[string]any{"hasTendersWith": []any{map[string]any{"hasClientWith": []any{map[string]any{"name": "x"}}}}}
	if got, want := filterWork(nil, "ClientWhereInput", v), 100+3*(100+3*1); got != want {
		t.Fatalf("work %d, want %d", got, want)
	}
	if got, want := filterWork(testSchema, "ClientWhereInput", v), 100+3*(20+3*1); got != want {
		t.Fatalf("with the schema: work %d, want %d", got, want)
	}
}
