package server_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The body is read once, strictly: the checks before gqlgen and gqlgen's
// execution see the same operation. A body with bytes after its JSON object
// once skipped the field limit (the check's decoder failed and let it
// through, gqlgen's read the object and ignored the tail): 9,000 fields ran
// for 10 s of CPU where the same body without its tail was refused in 5 ms.
// (The database plays no part; it runs on both, as all the issue's
// reproductions do.)
func TestBodyIsReadOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		flood := `{"query":"{ ` + strings.Repeat("__typename ", 9000) + `}"}`
		for _, c := range []struct {
			name, body string
			status     int
			code, says string
		}{
			{"the flood with a tail", flood + "\n//", http.StatusBadRequest, "BAD_USER_INPUT", "more after its JSON object"},
			{"the flood without (a request error: 200 in application/json)", flood, http.StatusOK, "QUERY_TOO_COMPLEX", "9000 fields"},
			{"a second object after the first", `{"query":"{ viewer { id } }"}{"query":"{ viewer { name } }"}`, http.StatusBadRequest, "BAD_USER_INPUT", "more after"},
			{"a key given twice: the last, for the check and the run alike", `{"query":"{ viewer { id } }","query":` + strings.TrimPrefix(flood, `{"query":`), http.StatusOK, "QUERY_TOO_COMPLEX", "9000 fields"},
			{"an array", `[{"query":"{ viewer { id } }"}]`, http.StatusBadRequest, "BAD_USER_INPUT", "one operation per request"},
			{"a string for the query", `{"query": 5}`, http.StatusBadRequest, "BAD_USER_INPUT", "one JSON object"},
			{"variables that are not an object", `{"query":"{ viewer { id } }","variables":[1]}`, http.StatusBadRequest, "BAD_USER_INPUT", "one JSON object"},
			{"cut short", `{"query":"{ viewer { id } }"`, http.StatusBadRequest, "BAD_USER_INPUT", "not valid JSON"},
		} {
			r := e.raw(http.MethodPost, "/graphql", "application/json", c.body, nil)
			if r.Status != c.status || len(r.Errors) != 1 || r.Errors[0].code() != c.code || !strings.Contains(r.Errors[0].Message, c.says) {
				t.Errorf("%s: %d %+v", c.name, r.Status, r.Errors)
			}
		}
		// spaces after the object are no tail
		for _, tail := range []string{"", "\n", " \t\r\n "} {
			r := e.raw(http.MethodPost, "/graphql", "application/json", `{"query":"{ viewer { id } }"}`+tail, nil)
			if r.Status != http.StatusOK || len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"viewer"`) {
				t.Errorf("tail %q: %d %s %+v", tail, r.Status, r.Data, r.Errors)
			}
		}
		// GET reads its variables by the same rules
		for _, vars := range []string{`{"a": 1}//`, `{"a": 1} {"b": 2}`, `[1]`, `null`} {
			r := e.raw(http.MethodGet, "/graphql?query="+url.QueryEscape("{ viewer { id } }")+"&variables="+url.QueryEscape(vars), "", "", nil)
			if r.Status != http.StatusBadRequest || len(r.Errors) != 1 || r.Errors[0].code() != "BAD_USER_INPUT" {
				t.Errorf("GET variables %q: %d %+v", vars, r.Status, r.Errors)
			}
		}
		r := e.raw(http.MethodGet, "/graphql?query="+url.QueryEscape("query($n: Int) { shipments(first: $n) { totalCount } }")+"&variables="+url.QueryEscape(`{"n": 2}`), "", "", nil)
		if r.Status != http.StatusOK || len(r.Errors) > 0 {
			t.Fatalf("GET with variables: %d %+v", r.Status, r.Errors)
		}
		e.healthy()
	})
}

// Text that is not valid Unicode is refused, with the field named, and
// nothing is stored: bytes that are not UTF-8 and lone surrogates (\ud800)
// were stored as U+FFFD before, silently. A surrogate pair that makes a
// character is of course fine.
func TestTextMustBeValidUnicode(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		before := e.count("carriers")
		create := `mutation($in: CreateCarrierInput!) { createCarrier(input: $in) { id name } }`
		body := func(name string) string {
			// name is spliced in as raw JSON text, escapes and bad bytes and all
			return `{"query":` + quote(create) + `,"variables":{"in":{"name":"` + name + `","modes":["ROAD"],"country":"RU"}}}`
		}
		for _, c := range []struct{ name, raw string }{
			{"a lone high surrogate", `Волга \ud800 Карго`},
			{"a lone low surrogate", `Волга \udc00`},
			{"a high surrogate without its low", `\ud83d\u0041`},
			{"a byte that is not UTF-8", "Волга \xff Карго"},
			{"half of a Cyrillic letter", "Волга \xd0"},
		} {
			r := e.raw(http.MethodPost, "/graphql", "application/json", body(c.raw), nil)
			if r.Status != http.StatusBadRequest || len(r.Errors) != 1 || r.Errors[0].code() != "BAD_USER_INPUT" ||
				r.Errors[0].Extensions["field"] != "name" || !strings.Contains(r.Errors[0].Message, "variables.in.name") ||
				!strings.Contains(r.Errors[0].Message, "not valid Unicode") {
				t.Errorf("%s: %d %+v", c.name, r.Status, r.Errors)
			}
		}
		// in the document's own string literals, and in a filter
		for _, q := range []string{
			`mutation { createCarrier(input: {name: "Волга \ud800", modes: [ROAD], country: "RU"}) { id } }`,
			`mutation { createCarrier(input: {name: "Волга ` + "\uFFFD" + `", modes: [ROAD], country: "RU"}) { id } }`,
			`{ carriers(where: {nameContains: "\udfff"}) { totalCount } }`,
		} {
			r := e.post(q, nil)
			if len(r.Errors) != 1 || r.Errors[0].code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "not valid Unicode") {
				t.Errorf("%s: %+v", q, r.Errors)
			}
		}
		if n := e.count("carriers"); n != before {
			t.Fatalf("%d carriers stored from text that was not valid Unicode", n-before)
		}
		// a pair is a character
		r := e.raw(http.MethodPost, "/graphql", "application/json", body(`Волга Карго \ud83d\ude9a`), nil)
		var out struct{ CreateCarrier struct{ Name string } }
		if len(r.Errors) > 0 || json.Unmarshal(r.Data, &out) != nil || out.CreateCarrier.Name != "Волга Карго 🚚" {
			t.Fatalf("a surrogate pair: %s %+v", r.Data, r.Errors)
		}
	})
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }
