package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"
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

// What the deadline does is the caller's TIMEOUT, however the driver puts
// it: a statement cancelled (PostgreSQL's 57014; SQLite's interrupt is ent/store's TestSQLiteInterruptIsCancelled), a
// connection's dial that ran out at the deadline a moment before the
// context said so (seen under the hostile load test), a context whose
// deadline has come. Never INTERNAL, never the driver's words.
func TestDeadlineErrorsAreTimeouts(t *testing.T) {
	log := slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))
	past, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Millisecond))
	defer cancel()
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: &timeoutError{}}
	for name, c := range map[string]struct {
		ctx context.Context
		err error
	}{
		"a statement cancelled":       {context.Background(), &pq.Error{Code: "57014", Message: "canceling statement due to statement timeout"}},
		"SQLite interrupted":          {context.Background(), fmt.Errorf("count: %w", context.DeadlineExceeded)},
		"a dial that ran out":         {context.Background(), fmt.Errorf("sqlgraph: %w", dial)},
		"any error past the deadline": {past, errors.New("driver: bad connection")},
		"the context's own error":     {context.Background(), context.Canceled},
	} {
		out := present(c.ctx, classify(c.ctx, log, c.err))
		if out.Extensions["code"] != "TIMEOUT" || strings.Contains(out.Message, "dial") || strings.Contains(out.Message, "canceling") {
			t.Errorf("%s: %+v", name, out)
		}
	}
}

type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }
