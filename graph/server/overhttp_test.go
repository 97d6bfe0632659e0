package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// GraphQL over HTTP: a request error (a document that does not parse or
// validate, variables that do not coerce, an operation over the limits)
// is 200 with errors in application/json, 400 in
// application/graphql-response+json, and in both the answer has no data
// entry; an operation that ran has its data entry, errors or not.
func TestRequestErrorsOverHTTP(t *testing.T) {
	httpOnly(t, func(t *testing.T, e *env) {
		cases := []struct {
			name, body, code string
		}{
			{"a document that does not parse", `{"query": "{ viewer { id "}`, "GRAPHQL_PARSE_FAILED"},
			{"a document that does not validate", `{"query": "{ viewer { nope } }"}`, "GRAPHQL_VALIDATION_FAILED"},
			{"variables that do not coerce", `{"query": "query($n: Int) { clients(first: $n) { totalCount } }", "variables": {"n": "many"}}`, "GRAPHQL_VALIDATION_FAILED"},
			{"a required variable missing", `{"query": "query($id: ID!) { node(id: $id) { id } }"}`, "GRAPHQL_VALIDATION_FAILED"},
			{"an operation over the cost limit", `{"query": "{ clients { edges { node { tenders { edges { node { client { tenders { edges { node { client { tenders { edges { node { id } } } } } } } } } } } } } } }"}`, "QUERY_TOO_COMPLEX"},
			{"a token flood", `{"query": "{ ` + strings.Repeat("__typename ", 10_001) + `}"}`, "QUERY_TOO_COMPLEX"},
		}
		for _, accept := range []string{"application/json", "application/graphql-response+json", ""} {
			for _, c := range cases {
				status, contentType, body := send(t, e, accept, c.body)
				wantStatus, wantType := http.StatusOK, "application/json"
				if accept == "application/graphql-response+json" {
					wantStatus, wantType = http.StatusBadRequest, accept
				}
				if status != wantStatus || !strings.HasPrefix(contentType, wantType) {
					t.Errorf("%s, Accept %q: %d %s, want %d %s", c.name, accept, status, contentType, wantStatus, wantType)
				}
				if _, has := body["data"]; has {
					t.Errorf("%s, Accept %q: a request error has a data entry: %v", c.name, accept, body)
				}
				errs, _ := body["errors"].([]any)
				if len(errs) == 0 {
					t.Fatalf("%s, Accept %q: no errors: %v", c.name, accept, body)
				}
				code, _ := errs[0].(map[string]any)["extensions"].(map[string]any)["code"].(string)
				if code != c.code {
					t.Errorf("%s, Accept %q: code %q, want %q (%v)", c.name, accept, code, c.code, errs[0])
				}
			}
			// an operation that ran: 200 and its data, in both
			status, _, body := send(t, e, accept, `{"query": "{ viewer { id } }"}`)
			if data, has := body["data"]; status != http.StatusOK || !has || data == nil {
				t.Errorf("Accept %q: an operation that ran: %d %v", accept, status, body)
			}
			// one that ran and failed in a field: 200, data null, errors
			status, _, body = send(t, e, accept, `{"query": "{ node(id: \"999999\") { id } }"}`)
			if _, has := body["data"]; status != http.StatusOK || !has {
				t.Errorf("Accept %q: an operation that ran into a missing record: %d %v", accept, status, body)
			}
		}
	})
}

func send(t *testing.T, e *env, accept, body string) (int, string, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.token)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s: not JSON: %q", body, raw)
	}
	e.noLeak(string(raw))
	return res.StatusCode, res.Header.Get("Content-Type"), out
}
