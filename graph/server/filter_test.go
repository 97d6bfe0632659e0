package server_test

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/freightgraph/freightgraph/graph/guard"
)

// A filter counts in the cost by the work it makes the database do over
// tables of their size (graph/guard/filter.go), and holds a bounded number
// of terms and values whatever their size. The 300-term filter
// through shipments' events is refused before a statement runs; so is a
// 200-term one, by its cost, even over this test's few rows (every table
// counts at least 5,000); the longest filter accepted, and the one with the
// most values, run on both databases (SQLite refused an or of 998 terms:
// its expression tree is at most 1,000 deep; a statement takes at most
// 32,766 parameters there).
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
		contains(t, e.fail("QUERY_TOO_COMPLEX", count, or(300, edgeText)), "600 terms")
		// GraphQL takes one object for a list of them: the guard sees into it
		nested := map[string]any{"w": map[string]any{"or": map[string]any{"or": or(300, edgeText)["w"].(map[string]any)["or"]}}}
		contains(t, e.fail("QUERY_TOO_COMPLEX", count, nested), "600 terms")
		contains(t, e.fail("BAD_USER_INPUT", count, map[string]any{"w": map[string]any{"referenceIn": "SH\x00"}}), "NUL")
		msg := e.fail("QUERY_TOO_COMPLEX", count, or(200, edgeText))
		e.sql.Store(nil)
		contains(t, msg, "filters", "has...With")
		// finding the viewer (and once, noting the token's use) is all
		// that ran for the four refusals: nothing of the filters
		if n := sent.Load(); n > 4+1 {
			t.Fatalf("the refused filters sent %d statements", n)
		}

		var out struct{ Shipments struct{ TotalCount int } }
		e.do(count, or(guard.MaxFilterTerms, plain), &out)
		if out.Shipments.TotalCount != 0 {
			t.Fatalf("%d shipments match none of the references", out.Shipments.TotalCount)
		}
		contains(t, e.fail("QUERY_TOO_COMPLEX", count, or(guard.MaxFilterTerms+1, plain)), "501 terms")
		// with the fixture's shipment among them, it is found
		ref := fmt.Sprintf("SH-TEST-%d", f.seq)
		vars := or(guard.MaxFilterTerms, plain)
		vars["w"].(map[string]any)["or"].([]any)[guard.MaxFilterTerms-1] = map[string]any{"reference": ref}
		e.do(count, vars, &out)
		if out.Shipments.TotalCount != 1 {
			t.Fatalf("the longest filter found %d of 1", out.Shipments.TotalCount)
		}

		// the most values: lists of a thousand
		lists := guard.MaxFilterValues / guard.Defaults.MaxPage
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
		contains(t, e.fail("QUERY_TOO_COMPLEX", count, or(lists+1, values)), "values in its lists")

		// the app's own: the pipeline's search in all nine of its parts
		search := map[string]any{"or": []any{map[string]any{"referenceContainsFold": "x"}, map[string]any{"titleContainsFold": "x"},
			map[string]any{"hasClientWith": []any{map[string]any{"nameContainsFold": "x"}}}}}
		var board strings.Builder
		board.WriteString("query($w: TenderWhereInput!) {")
		for _, stage := range []string{"IDENTIFIED", "QUALIFYING", "PREPARING", "SUBMITTED", "NEGOTIATION", "WON", "LOST", "WITHDRAWN"} {
			fmt.Fprintf(&board, " %s: tenders(first: 50, where: {stage: %s, and: [$w]}) { totalCount edges { node { id reference title client { name } owner { name } } } }",
				strings.ToLower(stage), stage)
		}
		board.WriteString(" tenderTotals(where: $w) { stage count value } }")
		e.do(board.String(), map[string]any{"w": search}, nil)
		e.healthy()
	})
}
