package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// FuzzGraphQLRequest sends arbitrary bodies to /graphql as a signed-in
// ADMIN. Whatever arrives, the server answers in JSON, never with a 5xx or
// an internal error, never with SQL, driver or stack text (raw checks it),
// and stays healthy; and it runs an operation only from a body that is one
// JSON object and nothing after it, so that no limit depends on how the
// bytes end (a tail once let 9,000 fields past the field limit). The seeds
// below run with every go test; go test -fuzz=FuzzGraphQLRequest
// ./graph/server explores further.
func FuzzGraphQLRequest(f *testing.F) {
	for _, seed := range []string{
		`{"query":"{ viewer { id name role } }"}`,
		`{"query":"{ clients(first: 2, orderBy: [{field: NAME}]) { edges { node { name tenders { totalCount } } } } }"}`,
		`{"query":"query($w: ShipmentWhereInput) { shipments(where: $w) { totalCount } }","variables":{"w":{"or":[{"referenceContains":"x"},{"not":{"hasClientWith":{"nameContainsFold":"ооо"}}}]}}}`,
		`{"query":"mutation { createCarrier(input: {name: \"Fuzz\", modes: [ROAD], country: \"RU\"}) { id version } }"}`,
		`{"query":"mutation($id: ID!) { moveTender(id: $id, stage: WON, expectedVersion: 0) { id } }","variables":{"id":"-1"}}`,
		`{"query":"{ node(id: \"99999999999999999999\") { id } }"}`,
		`{"query":"{ nodes(ids: [\"1\", \"abc\"]) { id } }"}`,
		`{"query":"{ auditTrail(first: 1, after: \"bm90IGEgY3Vyc29y\") { totalCount } }"}`,
		`{"query":"{ __schema { types { name } } }"}`,
		`{"query":"mutation { createAPIToken(name: \"\") { token } }"}`,
		`{"query":"{ shipments(first: -1) { totalCount } }"}`,
		`{"query":"query { a: viewer { id } ...F } fragment F on Query { viewer { name } }"}`,
		`{"query": 1}`, `{"variables": []}`, `[]`, `null`, ``, `{"query":"\u0000"}`,
		// the bypass: a body with a tail after its object, and its kin
		`{"query":"{ ` + strings.Repeat("__typename ", 9000) + `}"}` + "\n//",
		`{"query":"{ viewer { id } }"}` + "\n//",
		`{"query":"{ viewer { id } }"}{"query":"{ viewer { name } }"}`,
		`{"query":"{ viewer { id } }"} x`,
		`{"query":"{ viewer { id } }","query":"{ __typename }"}`,
		`{"query":"{ viewer { id } }"}` + " \t\r\n",
		// text that is not Unicode
		`{"query":"{ viewer { id } }","variables":{"a":"\ud800"}}`,
		"{\"query\":\"{ viewer { id } }\",\"variables\":{\"a\":\"\xff\"}}",
		`{"query":"mutation { createCarrier(input: {name: \"\\ud800\", modes: [ROAD], country: \"RU\"}) { id } }"}`,
	} {
		f.Add(seed)
	}
	e := newEnv(f, "sqlite")
	f.Fuzz(func(t *testing.T, body string) {
		e := e.in(t)
		r := e.raw(http.MethodPost, "/graphql", "application/json", body, nil)
		if r.Status >= 500 {
			t.Fatalf("HTTP %d for %q", r.Status, body)
		}
		for _, err := range r.Errors {
			if err.code() == "INTERNAL_SERVER_ERROR" || strings.TrimSpace(err.Message) == "" {
				t.Fatalf("%+v for %q", err, body)
			}
		}
		if ran := len(r.Data) > 0 && string(r.Data) != "null"; ran && !oneObject(body) {
			t.Fatalf("ran an operation from a body that is not one JSON object alone: %q", body)
		}
	})
}

// oneObject reports whether body is one JSON object with nothing but
// spaces after it.
func oneObject(body string) bool {
	dec := json.NewDecoder(bytes.NewReader([]byte(body)))
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return false
	}
	_, err := dec.Token()
	return err == io.EOF
}
