package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/secret"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/ent/store/storetest"
	"github.com/freightgraph/freightgraph/frontend"
	"github.com/freightgraph/freightgraph/graph/server"
)

// env is one running API over one fresh database, spoken to over HTTP.
type env struct {
	t     testing.TB
	name  string
	url   string
	dsn   string // the database's
	st    *store.Store
	stmts *atomic.Int64 // SQL statements sent to the database, but for finding the viewer
	log   *bytes.Buffer
	sql   *atomic.Pointer[func(statement string)] // when set, sees every statement sent
	// inside, when set, sees every statement with its context once the
	// statement holds its viewer's share of the pool (store.Share), just
	// before it is sent: a test may hold statements there
	inside *atomic.Pointer[func(ctx context.Context, statement string)]
	// token is sent as Authorization: Bearer with every request; the env
	// starts signed in as an ADMIN (admin), and as() acts for another.
	token string
	admin int
}

// as is the same env acting for the holder of token ("" for nobody).
func (e *env) as(token string) *env {
	c := *e
	c.token = token
	return &c
}

func TestMain(m *testing.M) { storetest.Main(m) }

// system is a context for setting up what a test needs directly, as the
// server's own commands do.
func system() context.Context { return rule.System(context.Background(), "test") }

// newManager creates a manager with a password directly and returns its ID.
func (e *env) newManager(role enum.ManagerRole, name string) int {
	e.t.Helper()
	email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@test.example"
	m, err := e.st.Client.Manager.Create().SetName(name).SetEmail(email).SetRole(role).SetPasswordHash(testPasswordHash).Save(system())
	if err != nil {
		e.t.Fatalf("create manager %s: %v", name, err)
	}
	return m.ID
}

// tokenFor makes an API token for manager id, as they would themselves.
func (e *env) tokenFor(id int) string {
	e.t.Helper()
	m, err := e.st.Client.Manager.Get(system(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	ctx := rule.WithViewer(context.Background(), &rule.Viewer{ID: m.ID, Name: m.Name, Role: m.Role})
	_, token, err := rule.CreateAPIToken(ctx, e.st.Client, "test", nil)
	if err != nil {
		e.t.Fatalf("token for %d: %v", id, err)
	}
	return token
}

// testPassword is every test manager's password; hashing it once keeps
// each env cheap.
const testPassword = "correct horse battery"

var testPasswordHash = func() string {
	h, err := secret.HashPassword(testPassword)
	if err != nil {
		panic(err)
	}
	return h
}()

// in is the same env reporting to another test, such as a subtest.
func (e *env) in(t testing.TB) *env {
	c := *e
	c.t = t
	return &c
}

// eachDB runs fn against a fresh SQLite database and a fresh PostgreSQL
// database, in parallel with the other tests that use it: each has its own
// databases and server, and most of a test's time is spent waiting for
// PostgreSQL. (go test -parallel bounds how many run at once: .ci/test says
// 2, so that their connections stay within the cluster's max_connections.)
func eachDB(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Parallel()
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			fn(t, newEnv(t, kind))
		})
	}
}

// httpOnly runs fn once, on SQLite: for tests of what the HTTP layer
// refuses before any resolver runs (origins, operation limits), which no
// database changes.
func httpOnly(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Parallel()
	fn(t, newEnv(t, "sqlite"))
}

func newEnv(t testing.TB, kind string) *env { return newEnvWith(t, kind, nil) }

// newEnvWith is newEnv with the server's configuration adjusted by adjust.
// Each database is a copy of a migrated template (ent/store/storetest).
func newEnvWith(t testing.TB, kind string, adjust func(*server.Config), opts ...store.Option) *env {
	t.Helper()
	dsn := ""
	switch kind {
	case "sqlite":
		dsn = storetest.SQLite(t)
	case "postgres":
		dsn = storetest.Postgres(t)
	default:
		t.Fatalf("no database kind %q", kind)
	}
	return openEnv(t, kind, dsn, "Test Admin", adjust, append(opts, store.Migrated())...)
}

// withApp serves the single-page app too, for the few tests that fetch it:
// the rest have no use for its files.
func withApp(c *server.Config) { c.App = frontend.Dist() }

// newEnvAt opens an existing database, for benchmarks over a large one
// seeded beforehand (freightgraph seed).
func newEnvAt(t testing.TB, dsn string) *env {
	kind := "sqlite"
	if store.IsPostgres(dsn) {
		kind = "postgres"
	}
	return openEnv(t, kind, dsn, fmt.Sprintf("Bench Admin %d", time.Now().UnixNano()), nil)
}

func openEnv(t testing.TB, kind, dsn, admin string, adjust func(*server.Config), opts ...store.Option) *env {
	t.Helper()
	e := &env{t: t, name: kind, dsn: dsn, log: &bytes.Buffer{}, stmts: new(atomic.Int64), sql: new(atomic.Pointer[func(string)]),
		inside: new(atomic.Pointer[func(context.Context, string)])}
	logw := &lockedWriter{w: e.log}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, append(opts, store.WithDriver(func(d dialect.Driver) dialect.Driver {
		return dialect.DebugWithContext(d, func(ctx context.Context, args ...any) {
			// finding the viewer is remembered for a second
			// (rule.Credentials): whether a request found it again
			// depends on the clock, so the counts leave it out
			if rule.OperationOf(ctx) != rule.FindingViewer {
				e.stmts.Add(1)
			}
			if f := e.sql.Load(); f != nil {
				(*f)(fmt.Sprint(args...))
			}
		})
	}), store.WithSharedDriver(func(d dialect.Driver) dialect.Driver {
		return dialect.DebugWithContext(d, func(ctx context.Context, args ...any) {
			if f := e.inside.Load(); f != nil {
				(*f)(ctx, fmt.Sprint(args...))
			}
		})
	}))...)
	if err != nil {
		t.Fatalf("open %s: %v", kind, err)
	}
	e.st = st
	e.admin = e.newManager(enum.RoleAdmin, admin)
	e.token = e.tokenFor(e.admin)
	logger := slog.New(slog.NewTextHandler(logw, nil))
	cfg := server.Config{
		Client: st.Client, Writes: st.Writes(), Ping: st.Ping, Sizes: st.Sizes, Logger: logger, Live: st.Live,
		AllowedOrigins: []string{"https://app.example"},
	}
	if adjust != nil {
		adjust(&cfg)
	}
	h, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	e.url = srv.URL
	t.Cleanup(func() {
		srv.Close()
		st.Close()
	})
	return e
}

// lockedWriter lets concurrent requests log into one buffer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// gqlError is one entry of a response's errors.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (g gqlError) code() string { s, _ := g.Extensions["code"].(string); return s }

// response is a GraphQL response with its HTTP status.
type response struct {
	Status     int             `json:"-"`
	Header     http.Header     `json:"-"`
	Data       json.RawMessage `json:"data"`
	Errors     []gqlError      `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
}

// post sends a GraphQL operation as JSON and decodes the response.
func (e *env) post(query string, vars map[string]any) response {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return e.raw(http.MethodPost, "/graphql", "application/json", string(body), nil)
}

// raw sends any request and decodes a GraphQL-shaped answer.
func (e *env) raw(method, path, contentType, body string, header http.Header) response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.url+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{Status: res.StatusCode, Header: res.Header}
	if err := json.Unmarshal(raw, &out); err != nil {
		e.t.Fatalf("%s %s answered %d with non-JSON %q", method, path, res.StatusCode, raw)
	}
	e.noLeak(string(raw))
	return out
}

var leak = regexp.MustCompile(`SELECT |INSERT |UPDATE |sqlite|pq: |constraint failed|goroutine |\.go:\d|\bent: `)

// noLeak fails on any answer that shows SQL, driver or stack text.
func (e *env) noLeak(body string) {
	e.t.Helper()
	if _, bench := e.t.(*testing.B); bench {
		return // the benchmarks measure the server, not this check
	}
	if m := leak.FindString(body); m != "" {
		e.t.Fatalf("response leaks %q: %s", m, body)
	}
}

// do runs an operation that must succeed and decodes its data into out.
func (e *env) do(query string, vars map[string]any, out any) {
	e.t.Helper()
	r := e.post(query, vars)
	if len(r.Errors) > 0 {
		e.t.Fatalf("unexpected errors: %+v\nquery: %s\nvars: %v", r.Errors, query, vars)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			e.t.Fatalf("decode %s: %v", r.Data, err)
		}
	}
}

// fail runs an operation that must be refused with code, and returns the
// message, which must not be empty.
func (e *env) fail(code, query string, vars map[string]any) string {
	e.t.Helper()
	r := e.post(query, vars)
	if len(r.Errors) == 0 {
		e.t.Fatalf("expected %s, got data %s\nquery: %s", code, r.Data, query)
	}
	if got := r.Errors[0].code(); got != code {
		e.t.Fatalf("expected code %s, got %s: %q", code, got, r.Errors[0].Message)
	}
	if strings.TrimSpace(r.Errors[0].Message) == "" {
		e.t.Fatal("refusal without a message")
	}
	return r.Errors[0].Message
}

// count returns a root connection's totalCount.
func (e *env) count(root string) int {
	e.t.Helper()
	var out map[string]struct{ TotalCount int }
	e.do("{ x: "+root+" { totalCount } }", nil, &out)
	return out["x"].TotalCount
}

// healthy checks that /healthz still answers ok.
func (e *env) healthy() {
	e.t.Helper()
	res, err := http.Get(e.url + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		e.t.Fatalf("server unhealthy: %v %v", err, res)
	}
	res.Body.Close()
}

func contains(t testing.TB, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Fatalf("%q does not mention %q", s, p)
		}
	}
}
