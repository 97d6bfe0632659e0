package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/schema"
)

// What one person stores has a budget. Saved queries: at most
// rule.MaxSavedQueries, each document and its variables at most
// schema.MaxSavedQueryBytes, without control characters, listed a page at a time (1,005 were saved
// once, up to 200 KB each, and listing 200 took the server from 104 to
// 313 MB). Sessions: at most rule.MaxSessions live per person, a sign-in
// past it ending the oldest.
func TestWhatOnePersonStores(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		irina := e.as(a["analyst"])
		analyst, _ := strconv.Atoi(f.analyst)

		// all but one of the budget saved directly, the rest through the API
		ctx := rule.WithViewer(context.Background(), &rule.Viewer{ID: analyst, Role: "ANALYST"})
		for i := range rule.MaxSavedQueries - 1 {
			if _, err := e.st.Client.SavedQuery.Create().SetOwnerID(analyst).SetName(fmt.Sprintf("Запрос %03d", i)).
				SetQuery("{ viewer { id } }").Save(ctx); err != nil {
				t.Fatal(err)
			}
		}
		irina.do(saveQuery, map[string]any{"name": "Последний", "q": "{ clients { totalCount } }"}, nil)
		msg := irina.fail("BAD_USER_INPUT", saveQuery, map[string]any{"name": "Лишний", "q": "{ clients { totalCount } }"})
		contains(t, msg, strconv.Itoa(rule.MaxSavedQueries), "delete one")
		r := irina.post(saveQuery, map[string]any{"name": "Лишний", "q": "{ clients { totalCount } }"})
		if r.Errors[0].Extensions["field"] != "name" {
			t.Fatalf("the refusal names %v", r.Errors[0].Extensions)
		}
		// saving over one of them is no new one
		irina.do(saveQuery, map[string]any{"name": "Запрос 000", "q": "{ carriers { totalCount } }"}, nil)
		// a document or variables past the size
		// in bytes: 5,000 Cyrillic letters are 10,000 bytes
		cyrillic := "# " + strings.Repeat("я", (schema.MaxSavedQueryBytes-20)/2) + "\n{ viewer { id } }"
		irina.do(saveQuery, map[string]any{"name": "Запрос 002", "q": cyrillic}, nil)
		contains(t, irina.fail("BAD_USER_INPUT", saveQuery, map[string]any{"name": "Запрос 001", "q": cyrillic + "яяяяя"}), "at most 10000 bytes")
		contains(t, irina.fail("BAD_USER_INPUT", saveQuery, map[string]any{"name": "Запрос 001", "q": "{ viewer { id } }",
			"vars": `{"a": "` + strings.Repeat("x", schema.MaxSavedQueryBytes) + `"}`}), "at most 10000")
		// control characters, which JSON writes six bytes long
		contains(t, irina.fail("BAD_USER_INPUT", saveQuery, map[string]any{"name": "Запрос 001", "q": "{ viewer { id } }\x01\x02"}), "control characters")
		// listed a page at a time, all of them reachable
		var page struct {
			SavedQueries struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct{ Node struct{ Name, Query string } }
			}
		}
		list := `query($after: Cursor) { savedQueries(after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name query } } } }`
		seen, pages := 0, 0
		var after any
		for {
			irina.do(list, map[string]any{"after": after}, &page)
			pages++
			seen += len(page.SavedQueries.Edges)
			if page.SavedQueries.TotalCount != rule.MaxSavedQueries || len(page.SavedQueries.Edges) > 50 {
				t.Fatalf("page %d: %d of %d", pages, len(page.SavedQueries.Edges), page.SavedQueries.TotalCount)
			}
			if !page.SavedQueries.PageInfo.HasNextPage {
				break
			}
			after = page.SavedQueries.PageInfo.EndCursor
		}
		if seen != rule.MaxSavedQueries || pages != rule.MaxSavedQueries/50 {
			t.Fatalf("%d saved queries in %d pages", seen, pages)
		}
		if last := page.SavedQueries.Edges[len(page.SavedQueries.Edges)-1].Node; last.Name != "Последний" {
			t.Fatalf("the last by name: %+v", last)
		}

		// sessions: the oldest ends when one more than the budget signs in
		email := fmt.Sprintf("irina%d@example.com", f.seq)
		e.do(`mutation($id: ID!, $p: String!) { setManagerPassword(id: $id, newPassword: $p) { id } }`,
			map[string]any{"id": f.analyst, "p": testPassword}, nil)
		browsers := make([]*browser, rule.MaxSessions+1)
		for i := range browsers {
			browsers[i] = e.browser()
			if status, out := browsers[i].signIn(email, testPassword); status != http.StatusOK {
				t.Fatalf("sign-in %d: %d %v", i, status, out)
			}
		}
		if r := browsers[0].graphql(`{ viewer { id } }`); len(r.Errors) == 0 || r.Errors[0].code() != "UNAUTHENTICATED" {
			t.Fatalf("the oldest of %d sessions: %s %+v", len(browsers), r.Data, r.Errors)
		}
		for _, b := range browsers[1:] {
			if r := b.graphql(`{ viewer { id } }`); len(r.Errors) > 0 {
				t.Fatalf("a newer session: %+v", r.Errors)
			}
		}
	})
}
