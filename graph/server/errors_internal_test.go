package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A panic in a resolver becomes an error that names only a reference; the
// detail goes to the log.
func TestPanicBecomesAnError(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	err := recoverResolver(log)(context.Background(), "boom: secret detail")
	out := present(context.Background(), err)
	if out.Extensions["code"] != CodeInternal || strings.Contains(out.Message, "secret") {
		t.Fatalf("presented as %+v", out)
	}
	ref, _ := out.Extensions["reference"].(string)
	if ref == "" || !strings.Contains(logs.String(), ref) || !strings.Contains(logs.String(), "secret detail") {
		t.Fatalf("the log must hold the detail under reference %q: %s", ref, logs.String())
	}
}

// A panic outside the resolvers still gets an answer, and the next request
// is served.
func TestHTTPPanicIsAnswered(t *testing.T) {
	calls := 0
	h := recoverHTTP(slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if calls == 1 {
			panic(errors.New("nil map"))
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	var body struct {
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != http.StatusInternalServerError || body.Errors[0].Extensions["code"] != CodeInternal {
		t.Fatalf("panic answered %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusNoContent {
		t.Fatalf("the next request got %d", rec.Code)
	}
}

func TestDriverErrorsAreMasked(t *testing.T) {
	var logs bytes.Buffer
	err := classify(context.Background(), slog.New(slog.NewTextHandler(&logs, nil)), errors.New(`pq: relation "customers" does not exist`))
	out := present(context.Background(), err)
	if out.Extensions["code"] != CodeInternal || strings.Contains(out.Message, "customers") || !strings.Contains(logs.String(), "customers") {
		t.Fatalf("driver error presented as %+v", out)
	}
}
