package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestHostileRequests sends what an attacker or a broken script would, as a
// signed-in ADMIN (the caller with the most reach): each is answered with a
// clear error and its code, nothing is written, and the server stays
// healthy. Forged, expired and revoked credentials and cross-site posts are
// in auth_test.go; the slow query past the deadline is TestRequestTimeout.
func TestHostileRequests(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		nest := func(levels int) string {
			q := "id"
			for range levels {
				q = "tenders { edges { node { client { " + q + " } } } }"
			}
			return "{ clients(first: 1) { edges { node { " + q + " } } } }"
		}
		repeat := func(n int, format string) string {
			var b strings.Builder
			b.WriteString("{")
			for i := range n {
				fmt.Fprintf(&b, " "+format, i)
			}
			return b.String() + " }"
		}
		query := func(q string) string { b, _ := json.Marshal(map[string]any{"query": q}); return string(b) }
		batch := make([]map[string]any, 300)
		for i := range batch {
			batch[i] = map[string]any{"query": `mutation { createCarrier(input: {name: "batch", modes: [ROAD], country: "RU"}) { id } }`}
		}
		batchBody, _ := json.Marshal(batch)

		cases := []struct {
			name, body string
			status     int
			code, says string
		}{
			{"a deep cyclic query", query(nest(8)), http.StatusOK, "QUERY_TOO_DEEP", "levels deep"},
			{"an alias flood", query(repeat(150, "a%d: viewer { id }")), http.StatusOK, "QUERY_TOO_COMPLEX", "aliases"},
			{"an alias flood of mutations", query("mutation " + repeat(150, `m%d: createCarrier(input: {name: "flood", modes: [ROAD], country: "RU"}) { id }`)), http.StatusOK, "QUERY_TOO_COMPLEX", "aliases"},
			{"a token flood", query(repeat(4000, "t%d: __typename")), http.StatusOK, "QUERY_TOO_COMPLEX", "longer than 10000 tokens"},
			{"a field flood (validation is quadratic)", query("{ viewer { " + strings.Repeat("id ", 3000) + "} }"), http.StatusOK, "QUERY_TOO_COMPLEX", "selects 3001 fields; at most 500"},
			{"a huge first", query(`{ shipments(first: 100000000) { totalCount } }`), http.StatusOK, "BAD_USER_INPUT", "at most 1000"},
			{"a huge page of nested lists", query(`{ clients(first: 1000) { edges { node { tenders(first: 1000) { edges { node { lanes(first: 1000) { totalCount } } } } } } } }`), http.StatusOK, "QUERY_TOO_COMPLEX", "cost"},
			{"a batch of hundreds of operations", string(batchBody), http.StatusBadRequest, "BAD_USER_INPUT", "one operation per request"},
			{"many operations in one document", query("mutation a { createCarrier(input: {name: \"a\", modes: [ROAD], country: \"RU\"}) { id } } query b { viewer { id } }"), http.StatusOK, "", "operationName"},
			{"a fragment cycle", query(`{ clients { ...A } } fragment A on ClientConnection { edges { node { tenders { ...B } } } } fragment B on TenderConnection { edges { node { client { tenders { ...B } } } } }`), http.StatusOK, "GRAPHQL_VALIDATION_FAILED", "fragment"},
			{"a 10 MB body", query(`mutation { createCarrier(input: {name: "` + strings.Repeat("x", 10<<20) + `", modes: [ROAD], country: "RU"}) { id } }`), http.StatusRequestEntityTooLarge, "BAD_USER_INPUT", "larger than the limit"},
			{"a NUL in a name", query(`mutation { createCarrier(input: {name: "a\u0000b", modes: [ROAD], country: "RU"}) { id } }`), http.StatusOK, "BAD_USER_INPUT", ""},
			{"not JSON", `{"query": "{ viewer { id } }"`, http.StatusBadRequest, "BAD_USER_INPUT", "not valid JSON"},
		}
		before := e.count("auditTrail")
		carriers := e.count("carriers")
		for _, c := range cases {
			r := e.raw(http.MethodPost, "/graphql", "application/json", c.body, nil)
			if r.Status != c.status || len(r.Errors) == 0 || c.code != "" && r.Errors[0].code() != c.code || !strings.Contains(r.Errors[0].Message, c.says) {
				msg := ""
				if len(r.Errors) > 0 {
					msg = r.Errors[0].code() + ": " + r.Errors[0].Message
				}
				t.Errorf("%s: HTTP %d, %s", c.name, r.Status, msg)
			}
		}
		for name, path := range map[string]string{
			"a GET query that is not UTF-8":    "/graphql?query=%7Bclients(where:%7BnameContains:%22%FF%22%7D)%7BtotalCount%7D%7D",
			"GET variables that are not JSON":  "/graphql?query=%7Bviewer%7Bid%7D%7D&variables=notjson",
			"GET extensions that are not JSON": "/graphql?query=%7Bviewer%7Bid%7D%7D&extensions=%5B%5D",
		} {
			if r := e.raw(http.MethodGet, path, "", "", nil); r.Status != http.StatusBadRequest || len(r.Errors) == 0 || r.Errors[0].code() != "BAD_USER_INPUT" {
				t.Errorf("%s: %d %+v", name, r.Status, r.Errors)
			}
		}
		if n := e.count("auditTrail"); n != before {
			t.Errorf("hostile requests wrote %d audit entries", n-before)
		}
		if n := e.count("carriers"); n != carriers {
			t.Errorf("hostile requests wrote %d carriers", n-carriers)
		}
		e.healthy()
		e.do(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": f.client}, nil)
	})
}

// Fragments that spread others twice over are walked once each: the limits
// answer at once, however deep the chain (it was exponential before).
func TestFragmentChain(t *testing.T) {
	e := newEnv(t, "sqlite")
	for _, n := range []int{5, 40} {
		q := "query { viewer { ...F0 } }"
		for i := range n {
			q += fmt.Sprintf(" fragment F%d on Manager { ...F%d ...F%d }", i, i+1, i+1)
		}
		q += fmt.Sprintf(" fragment F%d on Manager { id }", n)
		r := e.post(q, nil)
		switch {
		case n == 5 && len(r.Errors) > 0:
			t.Fatalf("a chain of 5: %+v", r.Errors)
		case n == 40 && (len(r.Errors) == 0 || r.Errors[0].code() != "QUERY_TOO_COMPLEX"):
			t.Fatalf("a chain of 40: %s %+v", r.Data, r.Errors)
		}
	}
}
