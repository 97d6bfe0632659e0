package server

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/freightgraph/freightgraph/ent/rule"
)

// ContentSecurityPolicy lets a page of ours run only our own scripts, styles
// and workers, talk only to us, and never be framed. Inline styles stay
// allowed: the app's components set them.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders go on every answer.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		// answers are personal (a new token's secret among them): no cache
		// keeps them; a handler of static files may say otherwise
		h.Set("Cache-Control", "no-store")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// requestIDs gives each request a correlation id of ours: in the
// X-Request-ID answer header, on every log line about it, and in each audit
// entry it writes. A caller's own X-Request-ID is logged beside it, never
// used as ours: a caller must not be able to file their changes under
// someone else's request.
func requestIDs(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		id := hex.EncodeToString(b)
		w.Header().Set("X-Request-ID", id)
		if theirs := r.Header.Get("X-Request-ID"); theirs != "" {
			if len(theirs) > 64 {
				theirs = theirs[:64]
			}
			log.InfoContext(r.Context(), "caller's request id", "request", id, "theirs", theirs)
		}
		next.ServeHTTP(w, r.WithContext(rule.WithRequestID(r.Context(), id)))
	})
}

// sameOrigin is the CSRF defence: a request must come from our own pages,
// or from an origin the server was told to allow (listed, matched as CORS
// matches it). Browsers say where a request comes from in Sec-Fetch-Site and
// Origin; a client that sends neither is not a browser, and carries no one's
// cookies by surprise. Together with SameSite cookies and JSON-only bodies
// (a form cannot send one), no cross-site POST acts; and a link on another
// site cannot make a signed-in browser run a costly GET query either. Only
// CORS preflights pass unchecked: they carry no credentials.
func sameOrigin(listed func(*http.Request) bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		origin := r.Header.Get("Origin")
		listed := origin != "" && listed(r)
		site := r.Header.Get("Sec-Fetch-Site")
		switch {
		case listed:
		case site != "" && site != "same-origin" && site != "none":
			refuseCrossSite(w)
			return
		case origin != "" && !ownOrigin(r, origin):
			refuseCrossSite(w)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// ownOrigin reports whether origin is this server as the request reached it.
func ownOrigin(r *http.Request, origin string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false // "null" and other opaque origins
	}
	return u.Host == r.Host
}

func refuseCrossSite(w http.ResponseWriter) {
	writeError(w, http.StatusForbidden, rule.CodeForbidden, "refused: the request came from another site; the API acts only on requests from its own pages")
}

// knownHost refuses a request addressed to a host name the server was not
// told it has. A page on another site whose name is made to resolve to this
// server (DNS rebinding) is same-origin to the browser, so the origin checks
// cannot see it; its Host header can.
func knownHost(hosts []string, next http.Handler) http.Handler {
	if len(hosts) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.Trim(strings.ToLower(host), "[]")
		if !slices.Contains(hosts, host) {
			writeError(w, http.StatusMisdirectedRequest, rule.CodeBadInput, "this server does not answer for the host name "+strconv.Quote(host)+": start it with --hosts naming it")
			return
		}
		next.ServeHTTP(w, r)
	})
}
