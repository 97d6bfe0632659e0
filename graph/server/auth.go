package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"math"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/live"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/secret"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/graph"
)

// errNobody answers a request that carries neither a session nor a token.
var errNobody = &rule.Error{Code: rule.CodeUnauthenticated, Message: "sign in first: POST /auth/sign-in, or send an API token as Authorization: Bearer"}

// SessionCookie is the name of the cookie that carries a browser session.
const SessionCookie = "fg_session"

// auth signs managers in and out and finds the viewer of each request.
type auth struct {
	client   *ent.Client
	ttl      time.Duration
	secure   bool // cookies only over HTTPS
	attempts *attempts
	log      *slog.Logger
	// touched remembers when each token's last use was written, so a busy
	// script does not write on every request.
	touched sync.Map
	// inFlight is each viewer's fair share of the server
	inFlight *inFlight
	// credentials remembers whom a token or session acts for, for a
	// second, and forgets at once when that changes here
	credentials *rule.Credentials
	// live hears changes to who may act as whom, which end live streams
	live *live.Hub
	// liveConns counts each viewer's live connections
	liveConns *graph.PerViewer
}

func newAuth(cfg Config) *auth {
	return &auth{
		client: cfg.Client, ttl: cfg.SessionTTL, secure: cfg.SecureCookies,
		attempts: newAttempts(cfg.SignInLimits), log: cfg.Logger,
		inFlight: newInFlight(cfg.InFlight), credentials: rule.NewCredentials(cfg.Client, rule.CredentialsTTL),
		live: cfg.Live, liveConns: graph.NewPerViewer(MaxLiveConnections, "live connections"),
	}
}

type signInRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// signIn answers POST /auth/sign-in: {"email", "password"} in, a session
// cookie and the viewer out.
func (a *auth) signIn(w http.ResponseWriter, r *http.Request) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, rule.CodeBadInput, `send {"email", "password"} as JSON with Content-Type: application/json`)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 16<<10))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, rule.CodeBadInput, "the request body is larger than the limit of 16 KiB")
		return
	}
	var in signInRequest
	if err := json.Unmarshal(body, &in); err != nil {
		writeError(w, http.StatusBadRequest, rule.CodeBadInput, `the body must be one JSON object: {"email": "...", "password": "..."}`)
		return
	}
	account := strings.ToLower(strings.TrimSpace(in.Email))
	if account == "" || in.Password == "" {
		writeError(w, http.StatusBadRequest, rule.CodeBadInput, "give both email and password")
		return
	}
	if utf8.RuneCountInString(account) > 254 || len(in.Password) > 4*rule.MaxPasswordLength || !utf8.ValidString(account) || strings.ContainsRune(account, 0) {
		// no account has such an e-mail or password
		writeError(w, http.StatusUnauthorized, rule.CodeUnauthenticated, rule.ErrBadCredentials.Message)
		return
	}
	addr := clientAddress(r)
	ctx := withAddress(r.Context(), addr)
	end, err := a.attempts.Begin(ctx, account)
	var limited *limitError
	switch {
	case errors.As(err, &limited):
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(limited.Wait.Seconds()))))
		writeError(w, http.StatusTooManyRequests, limited.refusal.Code, limited.refusal.Message)
		return
	case err != nil:
		return // the caller went away
	}
	token, v, err := rule.SignIn(ctx, a.client, account, in.Password, addr, a.ttl)
	end(err == nil)
	switch {
	case errors.Is(err, rule.ErrBadCredentials):
		a.log.InfoContext(ctx, "sign-in refused", "email", account, "address", addr)
		writeError(w, http.StatusUnauthorized, rule.CodeUnauthenticated, rule.ErrBadCredentials.Message)
		return
	case err != nil:
		err = internal(ctx, a.log, "sign-in failed", err)
		writeError(w, http.StatusInternalServerError, CodeInternal, err.Error())
		return
	}
	if old, err := r.Cookie(SessionCookie); err == nil && old.Value != "" {
		// a sign-in replaces the session this browser held
		if err := rule.SignOut(r.Context(), a.client, old.Value); err != nil {
			a.log.WarnContext(r.Context(), "ending the replaced session failed", "error", err)
		}
	}
	a.log.InfoContext(r.Context(), "signed in", "manager", v.ID, "address", addr)
	expires := calendar.Now().Add(a.ttl)
	http.SetCookie(w, a.cookie(r, token, expires))
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"viewer":    map[string]any{"id": strconv.Itoa(v.ID), "name": v.Name, "role": v.Role},
		"expiresAt": expires.UTC().Truncate(time.Second).Format(time.RFC3339),
	})
}

// signOut answers POST /auth/sign-out: the session ends and the cookie goes.
func (a *auth) signOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if err := rule.SignOut(r.Context(), a.client, c.Value); err != nil {
			err = internal(r.Context(), a.log, "sign-out failed", err)
			writeError(w, http.StatusInternalServerError, CodeInternal, err.Error())
			return
		}
	}
	http.SetCookie(w, a.cookie(r, "", time.Unix(0, 0)))
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"signedOut": true})
}

// cookie is the session cookie: HttpOnly (no script reads it), SameSite=Lax
// (no other site's POST carries it), Secure over HTTPS.
func (a *auth) cookie(r *http.Request, value string, expires time.Time) *http.Cookie {
	c := &http.Cookie{
		Name: SessionCookie, Value: value, Path: "/", Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.secure || r.TLS != nil,
	}
	if value == "" {
		c.MaxAge = -1
	}
	return c
}

// viewer finds who the request acts for, from an API token or the session
// cookie, and refuses the request when nobody is signed in. Nothing behind
// it, the schema included, answers a caller without a viewer. A viewer
// whose requests already run as many at once as they may is refused too
// (inflight.go), and the statements of the others take the viewer's share
// of the database's connections (store.Share).
func (a *auth) viewer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		bearer, hasBearer := bearerToken(r)
		cookie, cerr := r.Cookie(SessionCookie)
		// the credential's share first, before a statement runs for it
		var credential string
		switch {
		case hasBearer:
			credential = secret.HashToken(bearer)
		case cerr == nil && cookie.Value != "":
			credential = secret.HashToken(cookie.Value)
		}
		leaveCredential := func() {}
		if credential != "" {
			leave, busy := a.inFlight.enterCredential(credential)
			if busy != nil {
				refuseBusy(w, r, busy)
				return
			}
			leaveCredential = sync.OnceFunc(leave)
			defer leaveCredential()
		}
		var v *rule.Viewer
		var err error
		switch {
		case hasBearer:
			v, err = a.credentials.Find("token:"+credential, func() (*rule.Viewer, time.Time, error) {
				return rule.TokenViewer(ctx, a.client, bearer)
			})
			if err == nil {
				a.touch(ctx, bearer, credential)
			}
		case credential == "":
			err = errNobody
		default:
			v, err = a.credentials.Find("session:"+credential, func() (*rule.Viewer, time.Time, error) {
				return rule.SessionViewer(ctx, a.client, cookie.Value)
			})
			if _, ended := rule.As(err); ended {
				// only a session that is gone loses its cookie; a timeout
				// or a database error leaves the browser signed in
				http.SetCookie(w, a.cookie(r, "", time.Unix(0, 0)))
			}
		}
		if re, ok := rule.As(err); ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="freightgraph"`)
			writeError(w, http.StatusUnauthorized, re.Code, re.Message)
			return
		}
		if err != nil && ctx.Err() != nil {
			writeError(w, http.StatusServiceUnavailable, errTimeout.Code, errTimeout.Message)
			return
		}
		if err != nil {
			err = internal(ctx, a.log, "finding the viewer failed", err)
			writeError(w, http.StatusInternalServerError, CodeInternal, err.Error())
			return
		}
		leave, busy := a.inFlight.enterViewer(v.ID)
		if busy != nil {
			a.log.InfoContext(ctx, "request refused: over the viewer's share", "manager", v.ID, "request", rule.RequestID(ctx))
			leaveCredential() // nothing of the request holds a share while its refusal waits
			refuseBusy(w, r, busy)
			return
		}
		defer leave()
		ctx = store.WithShare(rule.WithViewer(ctx, v), "manager:"+strconv.Itoa(v.ID))
		next.ServeHTTP(w, r.WithContext(withAddress(ctx, clientAddress(r))))
	})
}

// bearerToken reads "Authorization: Bearer <token>".
func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", false
	}
	scheme, token, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", true // an Authorization we cannot read opens nothing
	}
	return strings.TrimSpace(token), true
}

// touch writes a token's last use (key is its hash) at most every five
// minutes.
func (a *auth) touch(ctx context.Context, token, key string) {
	now := time.Now()
	if last, ok := a.touched.Load(key); ok && now.Sub(last.(time.Time)) < 5*time.Minute {
		return
	}
	a.touched.Store(key, now)
	if err := rule.TouchToken(ctx, a.client, token); err != nil {
		a.log.WarnContext(ctx, "recording a token's use failed", "error", err)
	}
}

// clientAddress is the caller's IP address. Forwarding headers are not
// trusted: anyone can send them.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
