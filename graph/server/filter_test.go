package server_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/freightgraph/freightgraph/graph/guard"
)

// A filter counts in the cost by the work it makes the database do
// (graph/guard/filter.go). The 300-term filter through shipments'
// events is refused before a statement runs; the longest list of terms
// that is accepted, and the most values one filter may hold, run on both
// databases (SQLite refused an or of 998 terms: its expression tree is at
// most 1,000 deep; a statement takes at most 32,766 parameters there).
func TestFiltersCountByTheirWork(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		var sent atomic.Int64
		watch := func(string) { sent.Add(1) }
		count := `query($w: ShipmentWhereInput) { shipments(where: $w) { totalCount } }`
		or := func(n int, term func(i int) map[string]any) map[string]any {
			terms := make([]any, n)
			for i := range terms {
				terms[i] = term(i)
			}
			return map[string]any{"w": map[string]any{"or": terms}}
		}
		edgeText := func(i int) map[string]any {
			return map[string]any{"hasEventsWith": []any{map[string]any{"noteContainsFold": fmt.Sprintf("zz%d", i)}}}
		}
		plain := func(i int) map[string]any { return map[string]any{"reference": fmt.Sprintf("SH-NONE-%d", i)} }

		e.sql.Store(&watch)
		msg := e.fail("QUERY_TOO_COMPLEX", count, or(300, edgeText))
		e.sql.Store(nil)
		contains(t, msg, "filters", "has...With")
		// one statement at most (finding the viewer): nothing of the filter ran
		if n := sent.Load(); n > 1 {
			t.Fatalf("the refused filter sent %d statements", n)
		}

		// the page costs 1 + 50; each plain term a unit of guard.FilterUnit
		longest := (guard.Defaults.MaxComplexity - (1 + 50)) / guard.FilterUnit
		var out struct{ Shipments struct{ TotalCount int } }
		e.do(count, or(longest, plain), &out)
		if out.Shipments.TotalCount != 0 {
			t.Fatalf("%d shipments match none of the references", out.Shipments.TotalCount)
		}
		contains(t, e.fail("QUERY_TOO_COMPLEX", count, or(longest+1, plain)), "filters")
		// with the fixture's shipment among them, it is found
		ref := fmt.Sprintf("SH-TEST-%d", f.seq)
		vars := or(longest, plain)
		vars["w"].(map[string]any)["or"].([]any)[longest-1] = map[string]any{"reference": ref}
		e.do(count, vars, &out)
		if out.Shipments.TotalCount != 1 {
			t.Fatalf("the longest list found %d of 1", out.Shipments.TotalCount)
		}

		// the most values: lists of a thousand, each a unit and one per 50
		lists := longest / (1 + guard.Defaults.MaxPage/50)
		values := func(i int) map[string]any {
			refs := make([]string, guard.Defaults.MaxPage)
			for j := range refs {
				refs[j] = fmt.Sprintf("SH-NONE-%d-%d", i, j)
			}
			if i == 0 {
				refs[0] = ref
			}
			return map[string]any{"referenceIn": refs}
		}
		e.do(count, or(lists, values), &out)
		if out.Shipments.TotalCount != 1 {
			t.Fatalf("%d lists of %d values found %d of 1", lists, guard.Defaults.MaxPage, out.Shipments.TotalCount)
		}
		contains(t, e.fail("QUERY_TOO_COMPLEX", count, or(lists+1, values)), "filters")

		// text matching and filters through an edge cost what the guard says
		e.do(`{ shipments(where: {hasEventsWith: [{noteContainsFold: "не"}], hasClientWith: [{nameContainsFold: "клиент"}]}) { totalCount } }`, nil, &out)
		if out.Shipments.TotalCount > 1 {
			t.Fatalf("%d shipments", out.Shipments.TotalCount)
		}
		e.healthy()
		if strings.TrimSpace(msg) == "" {
			t.Fatal("no message")
		}
	})
}
