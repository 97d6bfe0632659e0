package guard

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// A small schema with each kind of field the guard tells apart: a
// connection (with and without a page size), node and nodes, a figure's
// list (listRows), a list of objects it does not name, a list of scalars,
// and filters that join.
var testSchema = gqlparser.MustLoadSchema(&ast.Source{Name: "test.graphql", Input: `
interface Node { id: ID! }
type Query {
  node(id: ID!): Node
  nodes(ids: [ID!]!): [Node]!
  clients(first: Int, last: Int, after: String, before: String, where: ClientWhereInput): ClientConnection!
  regularClients: [RegularMonth!]!
  shipmentAggregates: [Aggregate!]!
  recent: [Client!]!
  tags: [String!]!
}
input ClientWhereInput { name: String nameIn: [String!] nameContainsFold: String and: [ClientWhereInput!] or: [ClientWhereInput!] not: ClientWhereInput hasTenders: Boolean hasTendersWith: [TenderWhereInput!] }
input TenderWhereInput { title: String titleHasPrefix: String hasClientWith: [ClientWhereInput!] }
type ClientConnection { totalCount: Int! edges: [ClientEdge] }
type ClientEdge { node: Client cursor: String! }
type Client implements Node { id: ID! name: String! tenders(first: Int, last: Int): TenderConnection! }
type TenderConnection { totalCount: Int! edges: [TenderEdge] }
type TenderEdge { node: Tender }
type Tender implements Node { id: ID! title: String! client: Client! }
type RegularMonth { month: String! count: Int! }
type Aggregate { count: Int! client: Client }
`})

// operation parses and validates query against the test schema, as gqlgen
// does before the guard sees it.
func operation(t *testing.T, query string, vars map[string]any) *graphql.OperationContext {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(testSchema, query)
	if errs != nil {
		t.Fatalf("%s: %v", query, errs)
	}
	return &graphql.OperationContext{Doc: doc, Operation: doc.Operations[0], Variables: vars}
}

// The cost of a query, worked out by hand: every field costs 1 plus its
// children, times the rows it may return (a page's size, the IDs given to
// nodes, a figure's ceiling, 100 for another list of objects, 1 otherwise).
// Each is checked at the boundary: accepted at MaxComplexity equal to the
// cost, refused at one less.
func TestCost(t *testing.T) {
	for _, c := range []struct {
		name, query        string
		cost, depth, lists int
	}{
		{"a page's count", `{ clients(first: 10) { totalCount } }`, 1 + 10*1, 2, 1},
		{"a page's rows", `{ clients(first: 10) { edges { node { name } } } }`, 1 + 10*(1+(1+1)), 4, 1},
		{"the last rows", `{ clients(last: 7) { totalCount } }`, 1 + 7*1, 2, 1},
		{"no page size: the default of 50", `{ clients { totalCount } }`, 1 + 50*1, 2, 1},
		{"a first of 0 costs as one row", `{ clients(first: 0) { totalCount } }`, 1 + 1*1, 2, 1},
		{"pages multiply", `{ clients(first: 10) { edges { node { tenders(first: 5) { totalCount } } } } }`, 1 + 10*(1+(1+(1+5*1))), 5, 2},
		{"three pages of a thousand", `{ clients(first: 1000) { edges { node { tenders(first: 1000) { edges { node { client { tenders(first: 1000) { totalCount } } } } } } } } }`,
			1 + 1000*(1+(1+(1+1000*(1+(1+(1+(1+1000*1))))))), 9, 3},
		{"node", `{ node(id: "1") { id } }`, 1 + 1, 2, 1},
		{"nodes: one row an ID", `{ nodes(ids: ["1", "2", "3"]) { id } }`, 1 + 3*1, 2, 1},
		{"a figure's list at its ceiling", `{ regularClients { month count } }`, 1 + 120*2, 2, 1},
		{"a figure's list as a page of the largest size", `{ shipmentAggregates { count client { name } } }`, 1 + 1000*(1+(1+1)), 3, 1},
		{"another list of objects", `{ recent { name } }`, 1 + 100*1, 2, 1},
		{"a list of scalars is one value", `{ tags }`, 1, 1, 0},
		{"aliases count apart", `{ a: clients(first: 2) { totalCount } b: clients(first: 3) { totalCount } }`, (1 + 2) + (1 + 3), 2, 2},
		{"a fragment counts where it is spread", `{ ...F a: clients(first: 4) { ...C } } fragment F on Query { clients(first: 2) { ...C } } fragment C on ClientConnection { totalCount }`,
			(1 + 2) + (1 + 4), 2, 2},
		{"introspection reads no rows", `{ __schema { types { name } } }`, 1 + 1 + 1, 3, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			oc := operation(t, c.query, nil)
			w := walker{limits: Defaults, fragments: oc.Doc.Fragments}
			if got := w.selections(oc.Operation.SelectionSet, 1); got != c.cost || w.depth != c.depth || w.lists != c.lists || w.err != nil {
				t.Fatalf("cost %d depth %d lists %d (%v), want %d, %d, %d", got, w.depth, w.lists, w.err, c.cost, c.depth, c.lists)
			}
			limits := Defaults
			limits.MaxComplexity = c.cost
			if err := (Extension{Limits: limits}).MutateOperationContext(context.Background(), operation(t, c.query, nil)); err != nil {
				t.Fatalf("refused at its own cost: %v", err)
			}
			limits.MaxComplexity = c.cost - 1
			err := (Extension{Limits: limits}).MutateOperationContext(context.Background(), operation(t, c.query, nil))
			if err == nil || err.Extensions["code"] != CodeTooComplex {
				t.Fatalf("accepted above the limit: %v", err)
			}
		})
	}
}

// A connection asked for without a page size is given the default in the
// operation itself, so that the resolvers read the page that was counted.
func TestDefaultPageIsSet(t *testing.T) {
	oc := operation(t, `query($n: Int) { a: clients { totalCount } b: clients(first: $n) { totalCount } }`, map[string]any{"n": nil})
	if err := (Extension{Limits: Defaults}).MutateOperationContext(context.Background(), oc); err != nil {
		t.Fatal(err)
	}
	for _, sel := range oc.Operation.SelectionSet {
		f := sel.(*ast.Field)
		if got := f.ArgumentMap(oc.Variables)["first"]; got != int64(Defaults.DefaultPage) {
			t.Errorf("%s: first is %v, want %d", f.Alias, got, Defaults.DefaultPage)
		}
	}
}

// Each limit refuses with its code and a message naming the number.
func TestRefusals(t *testing.T) {
	long := make([]any, Defaults.MaxPage+1)
	for i := range long {
		long[i] = "Омск"
	}
	nested := map[string]any{"name": "x"}
	for range Defaults.MaxInputDepth {
		nested = map[string]any{"and": []any{nested}}
	}
	deep := "id" // 3 + 4×4 + 1 = 20 levels
	for range 4 {
		deep = "tenders(first: 1) { edges { node { client { " + deep + " } } } }"
	}
	many := func(n int, format string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			b.WriteString(" a" + strconv.Itoa(i) + ": " + format)
		}
		return b.String() + " }"
	}
	for _, c := range []struct {
		name, query string
		vars        map[string]any
		code, says  string
	}{
		{"a negative page", `{ clients(first: -1) { totalCount } }`, nil, CodeBadInput, "must not be negative"},
		{"a page too large", `{ clients(last: 1001) { totalCount } }`, nil, CodeBadInput, "at most 1000"},
		{"too deep", `{ clients(first: 1) { edges { node { ` + deep + ` } } } }`, nil, CodeTooDeep, "20 levels deep; at most 15"},
		{"too many lists", many(Defaults.MaxLists+1, "node(id: \"1\") { id }"), nil, CodeTooComplex, "at most 100"},
		{"too many aliases", many(Defaults.MaxAliases+1, "tags"), nil, CodeTooComplex, "aliases"},
		{"too costly", `{ clients(first: 1000) { edges { node { tenders(first: 1000) { totalCount } } } } }`, nil, CodeTooComplex, "cost 1003001"},
		{"a list argument too long", `query($w: ClientWhereInput) { clients(first: 1, where: $w) { totalCount } }`, map[string]any{"w": map[string]any{"nameIn": long}}, CodeBadInput, "list of 1001 values"},
		{"an argument nested too deep", `query($w: ClientWhereInput) { clients(first: 1, where: $w) { totalCount } }`, map[string]any{"w": nested}, CodeBadInput, "levels deep; at most 10"},
		{"filters joined too deep", `query($w: ClientWhereInput) { clients(first: 1, where: $w) { totalCount } }`,
			map[string]any{"w": map[string]any{"hasTendersWith": []any{map[string]any{"hasClientWith": []any{map[string]any{"hasTendersWith": []any{map[string]any{"title": "x"}}}}}}}},
			CodeTooComplex, "3 has...With filters"},
		{"a NUL in text", `query($w: ClientWhereInput) { clients(first: 1, where: $w) { totalCount } }`, map[string]any{"w": map[string]any{"name": "a\x00b"}}, CodeBadInput, "NUL"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := (Extension{Limits: Defaults}).MutateOperationContext(context.Background(), operation(t, c.query, c.vars))
			if err == nil || err.Extensions["code"] != c.code || !strings.Contains(err.Message, c.says) {
				t.Fatalf("got %v, want %s saying %q", err, c.code, c.says)
			}
		})
	}
	// two joins are allowed
	two := map[string]any{"w": map[string]any{"hasTendersWith": []any{map[string]any{"hasClientWith": []any{map[string]any{"name": "x"}}}}}}
	if err := (Extension{Limits: Defaults}).MutateOperationContext(context.Background(), operation(t, `query($w: ClientWhereInput) { clients(first: 1, where: $w) { totalCount } }`, two)); err != nil {
		t.Fatalf("two joins: %v", err)
	}
}

// Counting saturates at 2^40, so that no query can wrap the count round to
// a small number.
func TestSaturation(t *testing.T) {
	const top = 1 << 40
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"mul small", mul(1000, 1000), 1_000_000},
		{"mul by zero", mul(0, top), 0},
		{"mul at the top", mul(1<<20, 1<<20), top},
		{"mul past the top", mul(1<<30, 1<<30), top},
		{"mul of the top", mul(top, 2), top},
		{"add small", add(2, 3), 5},
		{"add past the top", add(top+1, 1), top},
		{"add to the top", add(1, top+1), top},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
}
