package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/seed"
	"github.com/freightgraph/freightgraph/graph/execution"
	"github.com/freightgraph/freightgraph/graph/generated"
)

// Leaf fields are written straight from their object's struct field
// (execution.Leaves), and objects' fields by execution.Object, instead of
// through gqlgen's field machinery and FieldSet: every list of the graph,
// each node with every scalar and enum field it has, the nested read of
// the benchmark, and a node read through fragments, aliases and a field
// selected twice, answer byte for byte as gqlgen's own path answers them. Not parallel: it switches the path for the whole
// process (both paths are correct, so other tests would not mind).
func TestStraightAnswersAsGqlgenDoes(t *testing.T) {
	e := newEnv(t, "sqlite")
	if _, err := seed.Load(context.Background(), e.st.DB, e.st.Dialect, seed.Size{Clients: 12, Tenders: 30, Shipments: 150, Months: 6}, calendar.Now()); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Пятничный отчёт", "Просрочки"} {
		e.do(`mutation($n: String!) { saveQuery(name: $n, query: "{ clients { totalCount } }", variables: "{}") { id } }`, map[string]any{"n": name}, nil)
	}
	var first struct {
		Clients struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.do(`{ clients(first: 1) { edges { node { id } } } }`, nil, &first)
	docs := append(everyList(t), nestedRead, fmt.Sprintf(`{ a: node(id: %q) { __typename id ... on Node { id } ...c ... on Client { n: name name tenders(first: 3) { totalCount edges { node { ...t } } } } } }
fragment c on Client { id name }
fragment t on Tender { reference r: reference stage }`, first.Clients.Edges[0].Node.ID))
	defer straight(true)
	for _, doc := range docs {
		var answers [2]response
		for i, on := range []bool{true, false} {
			straight(on)
			answers[i] = e.post(doc, nil)
		}
		on, off := asJSON(answers[0]), asJSON(answers[1])
		if on != off {
			t.Errorf("%s\nanswers differently written straight:\n%s\nthan through gqlgen:\n%s", doc, on, off)
		}
		if len(answers[0].Data) < 100 || strings.Count(on, `"node":{`) < 2 {
			t.Errorf("%s read too little to compare: %s", doc, on)
		}
	}
}

// straight turns execution's own paths on or off, for the whole process.
func straight(on bool) {
	execution.Leaves.Store(on)
	execution.Objects.Store(on)
}

const nestedRead = `{ clients(first: 100) { totalCount edges { node { id name tenders(first: 10) { edges { node { id reference title stage estimatedValue currency lanes(first: 10) { edges { node { origin destination mode } } } } } } } } } }`

// everyList is a document per connection at the root of the schema, each
// selecting every scalar and enum field of its nodes that takes no
// arguments.
func everyList(t *testing.T) []string {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	var docs []string
	for _, root := range schema.Query.Fields {
		conn := schema.Types[root.Type.Name()]
		if conn == nil || !strings.HasSuffix(conn.Name, "Connection") || conn.Fields.ForName("edges") == nil || root.Arguments.ForName("first") == nil {
			continue
		}
		node := schema.Types[schema.Types[conn.Fields.ForName("edges").Type.Name()].Fields.ForName("node").Type.Name()]
		var leaves []string
		for _, f := range node.Fields {
			kind := schema.Types[f.Type.Name()].Kind
			if (kind == ast.Scalar || kind == ast.Enum) && len(f.Arguments) == 0 && !strings.HasPrefix(f.Name, "__") {
				leaves = append(leaves, f.Name)
			}
		}
		docs = append(docs, fmt.Sprintf(`{ %s(first: 20) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { %s } } } }`,
			root.Name, strings.Join(leaves, " ")))
	}
	if len(docs) < 8 {
		t.Fatalf("only %d lists at the root: %q", len(docs), docs)
	}
	return docs
}
