package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// An operation whose deadline passed before it ran has no answer from
// gqlgen (a nil response): it is the caller's TIMEOUT, never a panic. The
// hostile load test met it once, as an INTERNAL_SERVER_ERROR, when the
// answers were first written without json.Marshal.
func TestAnswerAfterTheDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	writeResponse(&deadlineWriter{ResponseWriter: rec, ctx: ctx}, nil)
	var out struct {
		Errors []struct {
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != http.StatusServiceUnavailable ||
		len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != "TIMEOUT" {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

// The answer is what json.Marshal of the response would be, data as
// gqlgen wrote it.
func TestWriteResponse(t *testing.T) {
	for _, rsp := range []*graphql.Response{
		{Data: json.RawMessage(`{"viewer":{"id":"1"}}`)},
		{Errors: gqlerror.List{{Message: "no", Extensions: map[string]any{"code": "FORBIDDEN"}}}},
		{Errors: gqlerror.List{{Message: "half"}}, Data: json.RawMessage(`{"a":null}`), Extensions: map[string]any{"attempts": 2}},
	} {
		rec := httptest.NewRecorder()
		writeResponse(rec, rsp)
		want, _ := json.Marshal(rsp)
		var got, expected any
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatalf("not JSON: %s", rec.Body)
		}
		_ = json.Unmarshal(want, &expected)
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(expected)
		if string(g) != string(w) {
			t.Fatalf("wrote %s, json.Marshal %s", rec.Body, want)
		}
	}
}
