// Package server assembles the HTTP API: GraphQL at /graphql (POST with JSON,
// GET for queries), /healthz, CORS for the origins allowed, and every
// protection that sits in front of the resolvers.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/live"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/graph"
	"github.com/freightgraph/freightgraph/graph/generated"
	"github.com/freightgraph/freightgraph/graph/guard"
)

// Config is what the API needs.
type Config struct {
	Client *ent.Client
	// Writes begins each mutation operation's transaction (store.Writes).
	Writes *store.Writes
	// Ping reports the database's state for /healthz.
	Ping func(context.Context) error
	// Sizes estimates the rows of each table, by table name
	// (store.Store.Sizes): a filter costs by the size of the tables it
	// tests. Without it every table counts as 100,000 rows.
	Sizes func(context.Context) (map[string]int, error)
	// AllowedOrigins may call the API from a browser on another origin;
	// empty means same-origin only.
	AllowedOrigins []string
	// AllowedHosts are the host names requests may be addressed to (the
	// Host header, without its port); empty means any. It stops DNS
	// rebinding: a web page whose name resolves to this server.
	AllowedHosts []string
	// Limits bound each operation; zero means guard.Defaults.
	Limits guard.Limits
	// MaxBodyBytes bounds a request body; zero means 1 MiB.
	MaxBodyBytes int64
	// RequestTimeout bounds one GraphQL request, database work included;
	// zero means 15 seconds.
	RequestTimeout time.Duration
	// SessionTTL is how long a sign-in lasts; zero means 12 hours.
	SessionTTL time.Duration
	// SecureCookies marks the session cookie Secure even when TLS ends in
	// front of this server (it is always Secure over TLS to it).
	SecureCookies bool
	// SignInLimits bound failed sign-ins; zero means DefaultSignInLimits.
	SignInLimits SignInLimits
	// InFlight bounds the requests one viewer runs at once; zero means
	// DefaultInFlight.
	InFlight InFlightLimits
	// Slots is how many GraphQL operations run at once, shared fairly
	// between viewers (schedule.go), and SlotsPerViewer how many of them
	// one viewer's may take; zero means DefaultSlots and
	// DefaultSlotsPerViewer.
	Slots, SlotsPerViewer int
	// Figures are the company's definitions of its figures (a regular
	// client); zero means report.DefaultSettings.
	Figures report.Settings
	// App is the single-page app's built files (frontend.Dist()), served at
	// every path the API does not use; nil serves the API alone.
	App    fs.FS
	Logger *slog.Logger
	// Live hands the subscriptions what each write committed (the store's
	// hub); nil serves no subscriptions.
	Live *live.Hub
}

// New returns the HTTP handler of the API and, when cfg.App is given, of
// the app. It fails only when the app's files are unusable.
func New(cfg Config) (http.Handler, error) {
	if cfg.Figures == (report.Settings{}) {
		cfg.Figures = report.DefaultSettings
	}
	if err := cfg.Figures.Validate(); err != nil {
		return nil, err
	}
	if cfg.Limits == (guard.Limits{}) {
		cfg.Limits = guard.Defaults
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 15 * time.Second
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.SignInLimits == (SignInLimits{}) {
		cfg.SignInLimits = DefaultSignInLimits
	}
	if cfg.InFlight == (InFlightLimits{}) {
		cfg.InFlight = DefaultInFlight
	}
	if cfg.Slots == 0 {
		cfg.Slots = DefaultSlots()
	}
	if cfg.SlotsPerViewer == 0 {
		cfg.SlotsPerViewer = DefaultSlotsPerViewer()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if i := slices.Index(cfg.AllowedOrigins, "*"); i >= 0 {
		// "any origin" would let every site act for a signed-in browser
		cfg.Logger.Warn(`allowed origins: "*" is ignored: list the origins of your apps`)
		cfg.AllowedOrigins = slices.Delete(slices.Clone(cfg.AllowedOrigins), i, i+1)
	}
	a := newAuth(cfg)
	// rs/cors allows every origin when given none, so it is only installed
	// for an explicit list; without it browsers keep to same-origin. The
	// CSRF check asks it too, so both match origins alike.
	var c *cors.Cors
	listed := func(*http.Request) bool { return false }
	if len(cfg.AllowedOrigins) > 0 {
		c = cors.New(cors.Options{
			AllowedOrigins:   cfg.AllowedOrigins,
			AllowedMethods:   []string{http.MethodGet, http.MethodPost},
			AllowedHeaders:   []string{"Content-Type", "Accept", "Authorization"},
			AllowCredentials: true,
			MaxAge:           600,
		})
		listed = c.OriginAllowed
	}
	mux := http.NewServeMux()
	// in order: the body's size, where it comes from, the deadline (which
	// also bounds finding the viewer), who it is (and their share), what
	// kind of request, then its turn among everyone's
	sched := newSchedule(cfg.Slots, cfg.SlotsPerViewer)
	queries := newQueryCache(cfg.Limits)
	mux.Handle("/graphql", limitBody(cfg.MaxBodyBytes, sameOrigin(listed,
		withTimeout(cfg.RequestTimeout, withRetryAfter(a.viewer(graphQLRequests(cfg.Limits, queries, scheduled(sched, graphQL(cfg, a.attempts, queries)))))))))
	if cfg.Live != nil {
		mux.Handle("/graphql/live", sameOrigin(listed, a.liveViewer(liveGraphQL(cfg, a))))
	}
	mux.Handle("POST /auth/sign-in", sameOrigin(listed, http.HandlerFunc(a.signIn)))
	mux.Handle("POST /auth/sign-out", sameOrigin(listed, http.HandlerFunc(a.signOut)))
	mux.HandleFunc("/auth/", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, rule.CodeBadInput, "sign in with POST /auth/sign-in and out with POST /auth/sign-out")
	})
	mux.HandleFunc("GET /healthz", health(cfg.Ping))
	if cfg.App != nil {
		app, err := appHandler(cfg.App)
		if err != nil {
			return nil, err
		}
		mux.Handle("/", app)
	} else {
		mux.HandleFunc("GET /{$}", index)
	}
	var h http.Handler = mux
	if c != nil {
		h = c.Handler(h)
	}
	return securityHeaders(requestIDs(cfg.Logger, recoverHTTP(cfg.Logger, accessLog(cfg.Logger, knownHost(cfg.AllowedHosts, h))))), nil
}

// index says where things are when the server runs without the app.
func index(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{
		"name":    "freightgraph",
		"graphql": "/graphql",
		"signIn":  "POST /auth/sign-in",
		"signOut": "POST /auth/sign-out",
		"health":  "/healthz",
	})
}

// statusWriter remembers the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets a live stream reach the connection: to hijack it for a
// WebSocket, or to lift the request deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush sends what a stream of server-sent events has written so far.
func (w *statusWriter) Flush() { _ = http.NewResponseController(w.ResponseWriter).Flush() }

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// accessLog writes one line per request: what was asked, the answer, and
// how long it took.
func accessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("took", time.Since(start)),
			slog.String("request", rule.RequestID(r.Context())))
	})
}

// graphQL returns the GraphQL handler alone.
func graphQL(cfg Config, attempts rule.Attempts, queries *queryCache) http.Handler {
	resolver := graph.NewResolver(cfg.Client, attempts, cfg.Figures, cfg.Live)
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: resolver})
	srv := handler.New(schema)
	// a bound on the tokens of one document, checked while parsing: what
	// the guard cannot count because validation would come first
	srv.SetParserTokenLimit(cfg.Limits.MaxTokens)
	srv.SetQueryCache(queries)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(checked{})
	srv.Use(extension.Introspection{})
	g := guard.Extension{Limits: cfg.Limits, Schema: schema.Schema()}
	if sizes := newTableSizes(cfg.Sizes, cfg.Logger); sizes != nil {
		g.Sizes = sizes.of
	}
	srv.Use(g)
	srv.Use(transaction{writes: cfg.Writes, log: cfg.Logger})
	// no field interceptor (AroundFields) here: leaf fields are written
	// straight from their objects and would pass it by (execution.Leaves)
	srv.AroundOperations(resolver.WithLoaders)
	srv.AroundOperations(keepContext)
	srv.SetErrorPresenter(presenter(cfg.Logger))
	srv.SetRecoverFunc(recoverResolver(cfg.Logger))
	return srv
}

// health answers 200 when the database answers, 503 when it does not.
func health(ping func(context.Context) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		status, body := http.StatusOK, map[string]string{"status": "ok", "database": "ok"}
		if ping != nil {
			if err := ping(ctx); err != nil {
				status, body = http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "unreachable"}
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}
}

// withTimeout gives each request a deadline; the database driver cancels
// the statement running when it passes.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(&deadlineWriter{ResponseWriter: w, ctx: ctx}, r.WithContext(ctx))
	})
}

// deadlineWriter turns gqlgen's answer to an operation whose deadline passed
// before it ran (the JSON "null", its end-of-stream signal) into a TIMEOUT
// error.
type deadlineWriter struct {
	http.ResponseWriter
	ctx     context.Context
	written bool
}

func (w *deadlineWriter) WriteHeader(code int) {
	w.written = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *deadlineWriter) Write(b []byte) (int, error) {
	if !w.written && w.ctx.Err() != nil && string(bytes.TrimSpace(b)) == "null" {
		w.written = true
		writeError(w.ResponseWriter, http.StatusServiceUnavailable, errTimeout.Code, errTimeout.Message)
		return len(b), nil
	}
	w.written = true
	return w.ResponseWriter.Write(b)
}

// graphQLRequests answers what is not a GraphQL request over HTTP with a
// clear error: other methods, other content types (a form's text/plain
// among them), batches, a body that is not one JSON object, text that is
// not valid Unicode. It reads the operation's parameters once (body.go),
// checks the document's size before gqlgen parses it, and hands the
// parameters to the transport that runs them (transport.go).
func graphQLRequests(limits guard.Limits, queries *queryCache, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var params *graphql.RawParams
		switch r.Method {
		case http.MethodGet:
			q := r.URL.Query()
			for _, param := range []string{"query", "operationName", "variables", "extensions"} {
				if v := q.Get(param); !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
					writeRefusal(w, http.StatusBadRequest, rule.Invalid(param, "the %s parameter is not valid UTF-8 text", param))
					return
				}
			}
			params = &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName")}
			for param, into := range map[string]*map[string]any{"variables": &params.Variables, "extensions": &params.Extensions} {
				if v := q.Get(param); v != "" {
					m, bad := decodeObject(param, v)
					if bad != nil {
						writeRefusal(w, http.StatusBadRequest, bad)
						return
					}
					*into = m
				}
			}
			if !queries.known(params.Query) && tooLarge(w, r, params.Query, limits) {
				return
			}
			if isMutationText(params.Query) {
				writeError(w, http.StatusMethodNotAllowed, "BAD_USER_INPUT", "send mutations with POST: GET is for queries only")
				return
			}
		case http.MethodOptions:
		case http.MethodPost:
			if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
				writeError(w, http.StatusUnsupportedMediaType, "BAD_USER_INPUT", "send the operation as JSON with Content-Type: application/json")
				return
			}
			body, err := io.ReadAll(r.Body)
			if err != nil {
				writeError(w, http.StatusRequestEntityTooLarge, "BAD_USER_INPUT", "the request body could not be read: it may be larger than the limit")
				return
			}
			var bad *rule.Error
			if params, bad = decodeBody(body); bad != nil {
				writeRefusal(w, http.StatusBadRequest, bad)
				return
			}
			if !queries.known(params.Query) && tooLarge(w, r, params.Query, limits) {
				return
			}
		default:
			w.Header().Set("Allow", "GET, POST, OPTIONS")
			writeError(w, http.StatusMethodNotAllowed, "BAD_USER_INPUT", "use POST with a JSON body, or GET for queries")
			return
		}
		if params != nil {
			r = r.WithContext(withParams(r.Context(), params))
		}
		next.ServeHTTP(w, r)
	})
}

// tooLarge refuses a document of more than MaxTokens lexical tokens or
// MaxFields field selections before gqlgen parses and validates it:
// validation compares the fields of a selection set pairwise (overlapping
// fields), so its time grows with the square of their number, and a
// flood of repeated fields must not reach it. The lexer and the parser are
// linear. gqlgen's own token limit is set too, but reports only a
// confusing syntax error.
func tooLarge(w http.ResponseWriter, r *http.Request, query string, limits guard.Limits) bool {
	if len(query) < min(limits.MaxTokens, 2*limits.MaxFields) {
		return false // a token is at least one character, a selection two
	}
	lex := lexer.New(&ast.Source{Input: query})
	for n := 0; ; n++ {
		tok, err := lex.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			break // a syntax error is gqlgen's to explain
		}
		if n >= limits.MaxTokens {
			writeRequestError(w, r, guard.CodeTooComplex, fmt.Sprintf("the query is longer than %d tokens: split it into smaller operations", limits.MaxTokens))
			return true
		}
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return false
	}
	n := 0
	guard.EachSelection(doc, func(ast.Selection) { n++ })
	if n > limits.MaxFields {
		writeRequestError(w, r, guard.CodeTooComplex, fmt.Sprintf("the query selects %d fields; at most %d are allowed in one document", n, limits.MaxFields))
		return true
	}
	return false
}

// isMutationText reports whether a query document holds a mutation. A
// document that does not parse is left to gqlgen to explain.
func isMutationText(q string) bool {
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		return false
	}
	for _, op := range doc.Operations {
		if op.Operation == ast.Mutation {
			return true
		}
	}
	return false
}

// limitBody refuses bodies over max bytes before anything reads them.
func limitBody(max int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			writeError(w, http.StatusRequestEntityTooLarge, "BAD_USER_INPUT", "the request body is larger than the limit of "+byteSize(max))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		next.ServeHTTP(w, r)
	})
}
