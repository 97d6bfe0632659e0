package guard

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/validator"
)

// What each kind of filter term costs, worked out by hand from the weights
// in filter.go, with the schema that tells an edge to one record (a
// tender's client) from an edge to many (a client's tenders), every table
// at the size the weights were measured at. Each is checked at the
// boundary as TestCost does: accepted at a limit equal to its cost,
// refused at one less.
func TestFilterCost(t *testing.T) {
	for _, c := range []struct {
		name, where string
		work        float64
	}{
		{"a comparison", `{name: "Омск"}`, 1},
		{"two comparisons", `{name: "a", and: [{name: "b"}]}`, 2},
		{"a list of values", `{nameIn: ` + valueList(120) + `}`, 1 + 120.0/50},
		{"text matching", `{nameContainsFold: "омск"}`, 15},
		{"whether an edge exists", `{hasTenders: true}`, 5},
		{"through an edge to many", `{hasTendersWith: [{title: "x"}]}`, 100 + 2*1},
		{"through an edge to many, matching text", `{hasTendersWith: [{titleHasPrefix: "x"}]}`, 100 + 2*15},
		{"through an edge to one", `{hasTendersWith: [{hasClientWith: [{name: "x"}]}]}`, 100 + 2*(25+2*1)},
		{"or adds its terms up", `{or: ` + terms(10, `{name: "%d"}`) + `}`, 10},
		{"not counts what it holds", `{not: {nameContainsFold: "x"}}`, 15},
		{"a 200-term edge filter", `{or: ` + terms(200, `{hasTendersWith: [{titleHasPrefix: "zz%d"}]}`) + `}`, 200 * (100 + 2*15)},
	} {
		t.Run(c.name, func(t *testing.T) { atTheBoundary(t, c.where, nil, c.work) })
	}
}

// A term counts at the size of the table it tests: a table of 1,000,000
// rows ten times its weight, one of 20,000 a fifth; an edge's lookup at the
// size of the table it leads from, its inner terms at the size of theirs
// (an edge to one record: the larger of the two); no table less than a
// twentieth, however few its rows.
func TestFilterCostGrowsWithTheTable(t *testing.T) {
	sizes := func(rows map[string]int) Sizes { return func(typ string) int { return rows[typ] } }
	big := sizes(map[string]int{"Client": 1_000_000, "Tender": 20_000})
	for _, c := range []struct {
		name, where string
		sizes       Sizes
		work        float64
	}{
		{"a comparison over a million", `{name: "x"}`, big, 10},
		{"text over a million", `{nameContainsFold: "x"}`, big, 150},
		{"an edge from a million to 20,000", `{hasTendersWith: [{titleHasPrefix: "x"}]}`, big, 100*10 + 2*(15*0.2)},
		{"back to one of a million: the larger size", `{hasTendersWith: [{hasClientWith: [{name: "x"}]}]}`, big, 100*10 + 2*(25*0.2+2*(1*10))},
		{"a small table counts a twentieth", `{nameContainsFold: "x"}`, sizes(map[string]int{"Client": 200}), 15 * 0.05},
		{"an empty one too", `{name: "x"}`, sizes(nil), 0.05},
	} {
		t.Run(c.name, func(t *testing.T) { atTheBoundary(t, c.where, c.sizes, c.work) })
	}
}

// atTheBoundary checks that clients(where:) costs its page and the work's
// whole units.
func atTheBoundary(t *testing.T, where string, sizes Sizes, work float64) {
	t.Helper()
	const page = 1 + 1 // clients(first: 1) { totalCount }
	query := `{ clients(first: 1, where: ` + where + `) { totalCount } }`
	cost := page + int(math.Ceil(work-1e-9))*FilterUnit
	limits := Defaults
	limits.MaxComplexity = cost
	ext := Extension{Limits: limits, Schema: testSchema, Sizes: sizes}
	if err := ext.MutateOperationContext(context.Background(), operation(t, query, nil)); err != nil {
		t.Fatalf("refused at its own cost %d: %v", cost, err)
	}
	ext.MaxComplexity = cost - 1
	err := ext.MutateOperationContext(context.Background(), operation(t, query, nil))
	if err == nil || err.Extensions["code"] != CodeTooComplex || !strings.Contains(err.Message, fmt.Sprint(cost)) {
		t.Fatalf("accepted above the limit, or not said: %v", err)
	}
}

// However small the table, a filter holds at most MaxFilterTerms terms and
// MaxFilterValues values: the most both databases execute in one statement.
func TestFilterShape(t *testing.T) {
	tiny := func(string) int { return 10 }
	ext := Extension{Limits: Defaults, Schema: testSchema, Sizes: tiny}
	run := func(where string) error {
		if err := ext.MutateOperationContext(context.Background(), operation(t, `{ clients(first: 1, where: `+where+`) { totalCount } }`, nil)); err != nil {
			return err
		}
		return nil
	}
	if err := run(`{or: ` + terms(MaxFilterTerms, `{name: "%d"}`) + `}`); err != nil {
		t.Fatalf("%d terms: %v", MaxFilterTerms, err)
	}
	if err := run(`{or: ` + terms(MaxFilterTerms+1, `{name: "%d"}`) + `}`); err == nil || !strings.Contains(err.Error(), "501 terms") {
		t.Fatalf("%d terms: %v", MaxFilterTerms+1, err)
	}
	lists := MaxFilterValues / Defaults.MaxPage
	if err := run(`{or: ` + terms(lists, `{nameIn: `+valueList(Defaults.MaxPage)+`, name: "%d"}`) + `}`); err != nil {
		t.Fatalf("%d values: %v", lists*Defaults.MaxPage, err)
	}
	if err := run(`{or: ` + terms(lists+1, `{nameIn: `+valueList(Defaults.MaxPage)+`, name: "%d"}`) + `}`); err == nil || !strings.Contains(err.Error(), "values in its lists") {
		t.Fatalf("%d values: %v", (lists+1)*Defaults.MaxPage, err)
	}
}

// A filter counts once for each statement it runs in, wherever it sits:
// the nested connection's filter is one statement for the rows of every
// parent, as ent loads it, so it is not multiplied by the page around it,
// but a connection's count and its page are two; the same filter through
// a variable costs the same; and a fragment's filter counts where it is
// spread.
func TestFilterCountsOnce(t *testing.T) {
	work := 100 + 2*15
	for _, c := range []struct {
		name, query string
		vars        map[string]any
		cost        int
	}{
		{"at the root", `{ clients(first: 1, where: {hasTendersWith: [{titleHasPrefix: "x"}]}) { totalCount } }`, nil, 1 + 1 + work*FilterUnit},
		{"through a variable", `query($w: ClientWhereInput) { clients(first: 1, where: $w) { totalCount } }`,
			map[string]any{"w": map[string]any{"hasTendersWith": []any{map[string]any{"titleHasPrefix": "x"}}}}, 1 + 1 + work*FilterUnit},
		{"in a fragment", `{ ...F } fragment F on Query { clients(first: 1, where: {nameContainsFold: "x"}) { totalCount } }`, nil, 1 + 1 + 15*FilterUnit},
		{"a count and a page are two statements", `{ clients(first: 1, where: {nameContainsFold: "x"}) { totalCount edges { node { name } } } }`, nil,
			1 + 1*(1+(1+1*(1+1))) + 2*15*FilterUnit},
		{"a page alone is one", `{ clients(first: 1, where: {nameContainsFold: "x"}) { ...P } } fragment P on ClientConnection { edges { node { name } } }`, nil,
			1 + 1*(1+1*(1+1)) + 15*FilterUnit},
	} {
		t.Run(c.name, func(t *testing.T) {
			oc := operation(t, c.query, c.vars)
			w := walker{limits: Defaults, filters: filters{schema: testSchema}, vars: c.vars, fragments: oc.Doc.Fragments}
			got := add(w.selections(oc.Operation.SelectionSet, 1), mul(filterCost{work: w.filter}.units(), FilterUnit))
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
	if got, want := (filters{}).cost("ClientWhereInput", v, 1).work, float64(100+2*(100+2*1)); got != want {
		t.Fatalf("work %g, want %g", got, want)
	}
	if got, want := (filters{schema: testSchema}).cost("ClientWhereInput", v, 1).work, float64(100+2*(25+2*1)); got != want {
		t.Fatalf("with the schema: work %g, want %g", got, want)
	}
}

func terms(n int, term string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(term, i)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func valueList(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%q", fmt.Sprint(i))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// GraphQL lets a caller give one value where a list of them is expected;
// validation then hands the guard a typed slice ([]map[string]any,
// []string), not the []any of a list given as a list. The guard sees into
// it alike: the filter's cost and shape, the lists' length and the text's
// checks all hold for the variables as gqlgen makes them.
func TestOneValueForAList(t *testing.T) {
	edges := make([]any, 300)
	for i := range edges {
		edges[i] = map[string]any{"hasTendersWith": map[string]any{"titleHasPrefix": fmt.Sprint(i)}}
	}
	long := make([]any, Defaults.MaxPage+1)
	for i := range long {
		long[i] = "x"
	}
	deep := map[string]any{"name": "x"}
	for range Defaults.MaxInputDepth {
		deep = map[string]any{"and": deep} // one object for each list
	}
	for _, c := range []struct {
		name string
		w    map[string]any
		says string
	}{
		{"or inside or, each one object", map[string]any{"or": map[string]any{"or": edges}}, "600 terms"},
		{"an edge filter given one object", map[string]any{"or": map[string]any{"or": edges[:100]}}, "for its filters"},
		{"a NUL in one value for a list", map[string]any{"nameIn": "a\x00"}, "NUL"},
		{"a list too long, inside one object", map[string]any{"and": map[string]any{"nameIn": long}}, "list of 1001 values"},
		{"nested too deep, one object each", deep, "levels deep"},
		{"joins too deep, one object each", map[string]any{"hasTendersWith": map[string]any{"hasClientWith": map[string]any{"hasTendersWith": map[string]any{"title": "x"}}}}, "has...With filters inside each other"},
	} {
		t.Run(c.name, func(t *testing.T) {
			query := `query($w: ClientWhereInput) { clients(first: 1, where: $w) { totalCount } }`
			doc, errs := gqlparser.LoadQuery(testSchema, query)
			if errs != nil {
				t.Fatal(errs)
			}
			vars, err := validator.VariableValues(testSchema, doc.Operations[0], map[string]any{"w": c.w})
			if err != nil {
				t.Fatalf("validation: %v", err)
			}
			oc := &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: vars}
			gerr := (Extension{Limits: Defaults, Schema: testSchema}).MutateOperationContext(context.Background(), oc)
			if gerr == nil || !strings.Contains(gerr.Message, c.says) {
				t.Fatalf("got %v, want a refusal saying %q", gerr, c.says)
			}
		})
	}
}
