package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/freightgraph/freightgraph/ent/live"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/secret"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/graph"
	"github.com/freightgraph/freightgraph/graph/generated"
	"github.com/freightgraph/freightgraph/graph/guard"
)

// Live updates: the subscriptions of the graph (graph/live.go) at
// /graphql/live, over a WebSocket (graphql-transport-ws, what graphql-ws
// and most clients speak) or, for a client that cannot open one, over
// server-sent events (POST with Accept: text/event-stream). A stream signs
// in as /graphql does (the session cookie, or a bearer token in the
// Authorization header or, on a WebSocket, in connection_init's payload),
// passes the same origin checks, and is ended when its sign-in ends: each
// stream looks at its credential again whenever any process announces a
// change to who may act as whom (live.Access), when the credential comes
// to its end, and every LiveRecheck besides (a change made by hand in SQL).

// LiveKeepAlive is how often an idle stream says it is alive, so that
// proxies do not close it and a dead peer is found.
const LiveKeepAlive = 20 * time.Second

// LiveRecheck is how often a stream looks at its credential when nothing
// announced a change to it.
const LiveRecheck = 30 * time.Second

// MaxLiveConnections bounds the live connections one manager holds open in
// a process at once: one per open tab of the app.
const MaxLiveConnections = 16

// liveGraphQL is the handler of the subscriptions alone.
func liveGraphQL(cfg Config, a *auth) http.Handler {
	resolver := graph.NewResolver(cfg.Client, a.attempts, cfg.Figures, cfg.Live)
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: resolver})
	srv := handler.New(schema)
	srv.SetParserTokenLimit(cfg.Limits.MaxTokens)
	srv.AddTransport(transport.Websocket{
		// the origin was checked before (sameOrigin), with the listed
		// origins the API allows
		Implementation:        transport.CoderWebsocketImplementation{AcceptOptions: websocket.AcceptOptions{InsecureSkipVerify: true}},
		InitFunc:              a.liveInit,
		InitTimeout:           10 * time.Second,
		KeepAlivePingInterval: LiveKeepAlive,
		ErrorFunc: func(ctx context.Context, err error) {
			cfg.Logger.DebugContext(ctx, "a live connection ended", "error", err)
		},
	})
	srv.AddTransport(transport.SSE{KeepAlivePingInterval: LiveKeepAlive})
	g := guard.Extension{Limits: cfg.Limits, Schema: schema.Schema()}
	srv.Use(g)
	srv.AroundOperations(onlySubscriptions)
	srv.AroundOperations(resolver.WithLoaders)
	srv.SetErrorPresenter(presenter(cfg.Logger))
	srv.SetRecoverFunc(recoverResolver(cfg.Logger))
	return srv
}

// onlySubscriptions sends queries and mutations to /graphql, where they
// have their deadline, their transaction and their retries.
func onlySubscriptions(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation != nil && oc.Operation.Operation != ast.Subscription {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
			Message:    "this address streams subscriptions only: send queries and mutations to /graphql",
			Extensions: map[string]any{"code": string(rule.CodeBadInput)},
		}}})
	}
	return next(ctx)
}

// credential is how a live request signs in: its kind and the token.
type credential struct {
	kind, token string
}

func (c credential) key() string { return c.kind + ":" + secret.HashToken(c.token) }

// find looks the credential up afresh, past the cache.
func (a *auth) find(ctx context.Context, c credential) (*rule.Viewer, time.Time, error) {
	if c.kind == "token" {
		return rule.TokenViewer(ctx, a.client, c.token)
	}
	return rule.SessionViewer(ctx, a.client, c.token)
}

// liveViewer finds the viewer of a live request, as viewer does for
// /graphql but without holding a share of the requests in flight (a stream
// lasts), counting the viewer's live connections instead. A WebSocket
// that brings no credential may bring it in connection_init (liveInit).
func (a *auth) liveViewer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var c credential
		if bearer, ok := bearerToken(r); ok {
			c = credential{"token", bearer}
		} else if cookie, err := r.Cookie(SessionCookie); err == nil && cookie.Value != "" {
			c = credential{"session", cookie.Value}
		}
		if c.token == "" && r.Header.Get("Upgrade") != "" {
			// the socket opens; liveInit refuses it if connection_init
			// brings no credential either
			a.serveLive(w, r, next, nil, c)
			return
		}
		v, err := a.liveFind(r.Context(), c)
		if re, ok := rule.As(err); ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="freightgraph"`)
			writeError(w, http.StatusUnauthorized, re.Code, re.Message)
			return
		}
		if err != nil {
			err = internal(r.Context(), a.log, "finding the viewer failed", err)
			writeError(w, http.StatusInternalServerError, CodeInternal, err.Error())
			return
		}
		a.serveLive(w, r, next, v, c)
	})
}

// liveFind finds the viewer of credential c, through the cache.
func (a *auth) liveFind(ctx context.Context, c credential) (*rule.Viewer, error) {
	if c.token == "" {
		return nil, errNobody
	}
	return a.credentials.Find(c.key(), func() (*rule.Viewer, time.Time, error) { return a.find(ctx, c) })
}

func (a *auth) serveLive(w http.ResponseWriter, r *http.Request, next http.Handler, v *rule.Viewer, c credential) {
	ctx := r.Context()
	if v != nil {
		leave, err := a.liveConns.Enter(v.ID)
		if re, ok := rule.As(err); ok {
			writeRefusal(w, http.StatusTooManyRequests, re)
			return
		}
		defer leave()
		ctx = a.signInLive(ctx, v, c)
	}
	// a stream outlives the server's write and read deadlines, which are
	// for requests; its keepalives find a dead peer instead
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	_ = rc.SetReadDeadline(time.Time{})
	next.ServeHTTP(w, r.WithContext(withAddress(ctx, clientAddress(r))))
}

// signInLive returns ctx acting for v, ended when v's credential ends.
func (a *auth) signInLive(ctx context.Context, v *rule.Viewer, c credential) context.Context {
	ctx = store.WithShare(rule.WithViewer(ctx, v), "manager:"+strconv.Itoa(v.ID))
	return a.watch(ctx, v, c)
}

// liveInit is a WebSocket's connection_init: a socket whose request
// signed in already goes on; one that did not may sign in with
// {"Authorization": "Bearer <token>"} (a script that cannot set headers).
func (a *auth) liveInit(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	if rule.ViewerFrom(ctx) != nil {
		return ctx, nil, nil
	}
	scheme, token, _ := strings.Cut(p.Authorization(), " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return ctx, nil, errNobody
	}
	c := credential{"token", strings.TrimSpace(token)}
	v, err := a.liveFind(ctx, c)
	if err != nil {
		if _, ok := rule.As(err); ok {
			return ctx, nil, err
		}
		return ctx, nil, internal(ctx, a.log, "finding the viewer failed", err)
	}
	leave, err := a.liveConns.Enter(v.ID)
	if err != nil {
		return ctx, nil, err
	}
	ctx = a.signInLive(ctx, v, c)
	go func() {
		<-ctx.Done()
		leave()
	}()
	return ctx, nil, nil
}

// watch returns ctx cancelled as soon as v's credential c no longer opens
// anything or acts for v as v was (another role): that ends the stream
// (the WebSocket closes, the event stream ends), and the client signs in
// again or stops.
func (a *auth) watch(ctx context.Context, v *rule.Viewer, c credential) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	var changes <-chan live.Change
	var lost <-chan struct{}
	var sub *live.Subscription
	if a.live != nil {
		sub = a.live.Subscribe(live.Access)
		changes, lost = sub.Changes(), sub.Done()
	}
	go func() {
		defer cancel()
		if sub != nil {
			defer sub.Close()
		}
		recheck := time.NewTimer(LiveRecheck)
		defer recheck.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-lost:
				// an access change may have passed unheard
				return
			case <-changes:
				// a burst of changes is one look
				for drained := false; !drained; {
					select {
					case <-changes:
					default:
						drained = true
					}
				}
			case <-recheck.C:
			}
			now, ends, err := a.find(ctx, c)
			if _, refused := rule.As(err); refused {
				a.log.InfoContext(ctx, "a live stream ended with its sign-in", "manager", v.ID)
				return
			}
			if err == nil && (now.ID != v.ID || now.Role != v.Role) {
				return
			}
			wait := LiveRecheck
			if !ends.IsZero() {
				wait = min(wait, max(time.Until(ends), time.Millisecond))
			}
			recheck.Reset(wait)
		}
	}()
	return ctx
}
