package server_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Bad input gets a clear error, writes nothing and leaves the server healthy.
func TestBadInput(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		counts := func() [4]int {
			return [4]int{e.count("clients"), e.count("carriers"), e.count("tenders"), e.count("shipments")}
		}
		before := counts()
		const newClient = `mutation($in: CreateClientInput!) { createClient(input: $in) { id } }`
		client := func(fields map[string]any) map[string]any {
			in := map[string]any{"name": "ООО «Тест»", "country": "RU", "city": "Тула"}
			for k, v := range fields {
				in[k] = v
			}
			return map[string]any{"in": in}
		}
		cases := []struct {
			name  string
			query string
			vars  map[string]any
			code  string
			says  string
		}{
			{"unknown field", `{ clients { edges { node { password } } } }`, nil, "GRAPHQL_VALIDATION_FAILED", "password"},
			{"unknown input field", newClient, client(map[string]any{"status2": "ACTIVE"}), "GRAPHQL_VALIDATION_FAILED", "status2"},
			{"invalid enum", newClient, client(map[string]any{"status": "HAPPY"}), "GRAPHQL_VALIDATION_FAILED", "HAPPY"},
			{"invalid enum literal", `{ tenders(where: {stage: DONE}) { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED", "DONE"},
			{"ID of the wrong type", `{ node(id: "abc") { id } }`, nil, "BAD_USER_INPUT", "abc"},
			{"ID of another entity", `mutation($id: ID!) { updateCarrier(id: $id, input: {name: "X"}) { id } }`, map[string]any{"id": f.client}, "NOT_FOUND", "no carrier with ID"},
			{"missing node", `{ node(id: "99999999999") { id } }`, nil, "NOT_FOUND", "no record"},
			{"empty name", newClient, client(map[string]any{"name": "  "}), "BAD_USER_INPUT", "must not be empty"},
			{"over-long name", newClient, client(map[string]any{"name": strings.Repeat("Я", 201)}), "BAD_USER_INPUT", "at most 200 characters"},
			{"bad country", newClient, client(map[string]any{"country": "Russia"}), "BAD_USER_INPUT", "ISO country code"},
			{"NUL in text", newClient, client(map[string]any{"city": "Тула\x00"}), "BAD_USER_INPUT", "NUL"},
			{"amount with exponent", `mutation($t: ID!) { updateTender(id: $t, input: {estimatedValue: "1e9"}) { id } }`, map[string]any{"t": f.tender}, "BAD_USER_INPUT", "decimal"},
			{"amount as float", `mutation($t: ID!) { updateTender(id: $t, input: {estimatedValue: 12.5}) { id } }`, map[string]any{"t": f.tender}, "BAD_USER_INPUT", "decimal string"},
			{"huge amount", `mutation($t: ID!) { updateTender(id: $t, input: {estimatedValue: "100000000000000000000"}) { id } }`, map[string]any{"t": f.tender}, "BAD_USER_INPUT", "too large"},
			{"probability over 100", `mutation($t: ID!) { updateTender(id: $t, input: {winProbability: 101}) { id } }`, map[string]any{"t": f.tender}, "BAD_USER_INPUT", "winProbability"},
			{"huge Int", `mutation($t: ID!) { updateTender(id: $t, input: {winProbability: 99999999999}) { id } }`, map[string]any{"t": f.tender}, "BAD_USER_INPUT", "between 0 and 100"},
			{"bad time", `mutation($t: ID!) { updateTender(id: $t, input: {submissionDeadline: "27.11.2026"}) { id } }`, map[string]any{"t": f.tender}, "BAD_USER_INPUT", "RFC 3339"},
			{"no modes", `mutation { createCarrier(input: {name: "Пусто", modes: [], country: "RU"}) { id } }`, nil, "BAD_USER_INPUT", "at least one"},
			{"missing required", `mutation { createCarrier(input: {name: "Пусто", country: "RU"}) { id } }`, nil, "GRAPHQL_VALIDATION_FAILED", "modes"},
			{"syntax error", `{ clients { `, nil, "GRAPHQL_PARSE_FAILED", "Expected"},
			{"mutation by GET-less typo", `mutatoin { x }`, nil, "GRAPHQL_PARSE_FAILED", "mutatoin"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				contains(t, e.in(t).fail(c.code, c.query, c.vars), c.says)
			})
		}
		if after := counts(); after != before {
			t.Fatalf("refused input wrote something: %v -> %v", before, after)
		}

		// SQL metacharacters and any Unicode are data, stored and returned as given
		tricky := []string{
			`Robert'); DROP TABLE customers;--`,
			`ООО «Ёлка» — 100% "качество" \ _ %`,
			"株式会社 東京物流 🚚",
			"Zürich Straße ŞİRKETİ",
		}
		for _, name := range tricky {
			id := e.createClient(name, f.am, f.om)
			var out struct{ Node struct{ Name string } }
			e.do(`query($id: ID!) { node(id: $id) { ... on Client { name } } }`, map[string]any{"id": id}, &out)
			if out.Node.Name != name {
				t.Fatalf("stored %q, read %q", name, out.Node.Name)
			}
		}
		var found struct{ Clients struct{ TotalCount int } }
		e.do(`{ clients(where: {nameContains: "100%"}) { totalCount } }`, nil, &found)
		if found.Clients.TotalCount != 1 {
			t.Fatalf("a search for a literal %% matched %d clients", found.Clients.TotalCount)
		}
		if n := e.count("clients"); n != before[0]+len(tricky) {
			t.Fatalf("clients: %d", n)
		}
		e.healthy()
	})
}

// The HTTP surface: transports, content negotiation, CORS, body limits.
func TestHTTP(t *testing.T) { eachDB(t, testHTTP) }

func testHTTP(t *testing.T, e *env) {
	f := e.fixture()

	r := e.raw(http.MethodGet, "/graphql?query="+url.QueryEscape(`{ carriers { totalCount } }`), "", "", nil)
	if r.Status != http.StatusOK || len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"totalCount":3`) {
		t.Fatalf("GET query: %d %s %+v", r.Status, r.Data, r.Errors)
	}
	r = e.raw(http.MethodGet, "/graphql?query="+url.QueryEscape(`mutation { createCarrier(input: {name: "GET", modes: [ROAD], country: "RU"}) { id } }`), "", "", nil)
	if r.Status != http.StatusMethodNotAllowed || len(r.Errors) == 0 || r.Errors[0].code() != "BAD_USER_INPUT" || e.count("carriers") != 3 {
		t.Fatalf("a mutation over GET must be refused: %d %+v", r.Status, r.Errors)
	}

	for _, c := range []struct{ accept, want string }{
		{"application/graphql-response+json", "application/graphql-response+json"},
		{"application/json", "application/json"},
		{"", "application/json"},
	} {
		req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", strings.NewReader(`{"query":"{ managers { totalCount } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+e.token)
		if c.accept != "" {
			req.Header.Set("Accept", c.accept)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, c.want) {
			t.Errorf("Accept %q answered %q, want %q", c.accept, got, c.want)
		}
	}

	r = e.raw(http.MethodPost, "/graphql", "application/json", `{"query": "{ managers { totalCount } ",`, nil)
	if r.Status != http.StatusBadRequest || len(r.Errors) != 1 || r.Errors[0].code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "not valid JSON") {
		t.Fatalf("malformed JSON: %d %+v", r.Status, r.Errors)
	}
	r = e.raw(http.MethodPost, "/graphql", "application/json", `{"query": "{ managers { totalCount } }", "variables": "nope"}`, nil)
	if len(r.Errors) != 1 {
		t.Fatalf("variables of the wrong type: %+v", r.Errors)
	}
	big := `{"query": "{ managers { totalCount } }", "variables": {"pad": "` + strings.Repeat("x", 2<<20) + `"}}`
	r = e.raw(http.MethodPost, "/graphql", "application/json", big, nil)
	if r.Status != http.StatusRequestEntityTooLarge || r.Errors[0].code() != "BAD_USER_INPUT" {
		t.Fatalf("2 MiB body: %d %+v", r.Status, r.Errors)
	}

	// CORS: only the configured origin may read responses from a browser
	for origin, allowed := range map[string]bool{"https://app.example": true, "https://evil.example": false} {
		req, _ := http.NewRequest(http.MethodOptions, e.url+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Access-Control-Allow-Origin") == origin; got != allowed {
			t.Errorf("origin %s allowed=%v, want %v", origin, got, allowed)
		}
	}

	for _, c := range []struct {
		method, contentType, body string
		status                    int
		says                      string
	}{
		{http.MethodPut, "application/json", `{"query":"{ managers { totalCount } }"}`, http.StatusMethodNotAllowed, "POST"},
		{http.MethodDelete, "", "", http.StatusMethodNotAllowed, "POST"},
		{http.MethodPost, "text/plain", `{"query":"{ managers { totalCount } }"}`, http.StatusUnsupportedMediaType, "application/json"},
		{http.MethodPost, "application/x-www-form-urlencoded", `query=x`, http.StatusUnsupportedMediaType, "application/json"},
		{http.MethodPost, "application/json", ` [{"query":"{ managers { totalCount } }"}]`, http.StatusBadRequest, "batched"},
	} {
		r := e.raw(c.method, "/graphql", c.contentType, c.body, nil)
		if r.Status != c.status || len(r.Errors) != 1 || r.Errors[0].code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, c.says) {
			t.Errorf("%s %s: %d %+v", c.method, c.contentType, r.Status, r.Errors)
		}
	}

	// nodes answers what exists and names each ID that does not
	var nodes struct{ Nodes []*struct{ ID string } }
	r = e.post(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": []string{f.client, "99999999999", f.road, "8589999999"}})
	if err := json.Unmarshal(r.Data, &nodes); err != nil || len(nodes.Nodes) != 4 || nodes.Nodes[0] == nil || nodes.Nodes[0].ID != f.client || nodes.Nodes[1] != nil || nodes.Nodes[2].ID != f.road {
		t.Fatalf("nodes: %s", r.Data)
	}
	if len(r.Errors) != 2 || r.Errors[0].code() != "NOT_FOUND" || r.Errors[1].code() != "NOT_FOUND" {
		t.Fatalf("nodes errors: %+v", r.Errors)
	}

	res, err := http.Get(e.url + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", err, res)
	}
	res.Body.Close()
}

// Without configured origins no CORS header is ever sent: same-origin only.
func TestSameOriginByDefault(t *testing.T) {
	st := newEnv(t, "sqlite").st
	h := newHandler(st, nil)
	req, _ := http.NewRequest(http.MethodOptions, "/graphql", nil)
	req.Header.Set("Origin", "https://elsewhere.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	rec := newRecorder()
	h.ServeHTTP(rec, req)
	if v := rec.Header().Get("Access-Control-Allow-Origin"); v != "" {
		t.Fatalf("default CORS allows %q", v)
	}
}
