package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/freightgraph/freightgraph/ent/rule"
)

// CodeTooManyRequests refuses a request sent while its viewer already has
// as many running as they may: HTTP 429 with Retry-After. Nothing of it ran.
const CodeTooManyRequests rule.Code = "TOO_MANY_REQUESTS"

// InFlightLimits bound how many GraphQL requests of one viewer run at once:
// a fair share of the server. The database's own share (store.Share) bounds
// the statements those requests run at once; this bounds the memory and
// the server's time they take besides.
type InFlightLimits struct {
	// PerViewer bounds one manager's requests, whatever they come through.
	PerViewer int
	// PerCredential bounds the requests of one sign-in (a browser's
	// session) or one API token, so that a runaway script leaves its
	// owner's browser room.
	PerCredential int
}

// DefaultInFlight leaves room for the app's busiest screen (the dashboards
// ask for seven figures at once) and a script beside it.
var DefaultInFlight = InFlightLimits{PerViewer: 12, PerCredential: 8}

// inFlight counts the requests running per viewer and per credential.
type inFlight struct {
	limits InFlightLimits
	mu     sync.Mutex
	n      map[string]int
}

func newInFlight(l InFlightLimits) *inFlight {
	return &inFlight{limits: l, n: map[string]int{}}
}

// enter counts a request of viewer through credential (a session's or a
// token's hash) in, and returns what counts it out; or, when either is at
// its limit, the refusal.
func (f *inFlight) enter(viewer int, credential string) (func(), *rule.Error) {
	vk, ck := "viewer:"+strconv.Itoa(viewer), "credential:"+credential
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.n[ck] >= f.limits.PerCredential:
		return nil, &rule.Error{Code: CodeTooManyRequests, Retryable: true, Message: fmt.Sprintf(
			"%d requests of this sign-in are running already, as many as one sign-in or API token may run at once: nothing of this one ran; send it again when one has finished", f.n[ck])}
	case f.n[vk] >= f.limits.PerViewer:
		return nil, &rule.Error{Code: CodeTooManyRequests, Retryable: true, Message: fmt.Sprintf(
			"%d of your requests are running already, across your sign-ins and API tokens, as many as one person may run at once: nothing of this one ran; send it again when one has finished", f.n[vk])}
	}
	f.n[vk]++
	f.n[ck]++
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, k := range []string{vk, ck} {
			if f.n[k]--; f.n[k] <= 0 {
				delete(f.n, k)
			}
		}
	}, nil
}

// refuseBusy answers a request over its viewer's share.
func refuseBusy(w http.ResponseWriter, e *rule.Error) {
	w.Header().Set("Retry-After", "1")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": e.Message, "extensions": map[string]any{"code": e.Code, "retryable": true}}},
	})
}
