package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

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
	// session) or one API token, so that a runaway script on one token
	// leaves its owner's browser room.
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

// enterCredential counts a request through credential (a session's or a
// token's hash) in, before anything else is done for it: a script that
// floods the server past its share is refused without a statement run for
// it. It returns what counts it out, or the refusal.
func (f *inFlight) enterCredential(credential string) (func(), *rule.Error) {
	return f.enter("credential:"+credential, f.limits.PerCredential, func(n int) string {
		return fmt.Sprintf("%d requests of this sign-in are running already, as many as one sign-in or API token may run at once: nothing of this one ran; send it again when one has finished", n)
	})
}

// enterViewer counts a request of the manager viewer in, once they are
// known, across all their sign-ins and tokens.
func (f *inFlight) enterViewer(viewer int) (func(), *rule.Error) {
	return f.enter("viewer:"+strconv.Itoa(viewer), f.limits.PerViewer, func(n int) string {
		return fmt.Sprintf("%d of your requests are running already, across your sign-ins and API tokens, as many as one person may run at once: nothing of this one ran; send it again when one has finished", n)
	})
}

func (f *inFlight) enter(key string, limit int, say func(n int) string) (func(), *rule.Error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if n := f.n[key]; n >= limit {
		return nil, &rule.Error{Code: CodeTooManyRequests, Retryable: true, Message: say(n)}
	}
	f.n[key]++
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.n[key]--; f.n[key] <= 0 {
			delete(f.n, key)
		}
	}, nil
}

// refusalPause is how long a refusal for being over one's share waits
// before it is sent: a script that ignores Retry-After and sends again at
// once would otherwise have the server spend its time refusing it (a
// hostile analyst's twenty connections made 1,700 refusals a second and
// slowed the others' answers by half). The request it refuses holds no
// share while it waits (auth.viewer gives its credential's back first).
const refusalPause = 250 * time.Millisecond

// refuseBusy answers a request over its viewer's share, after
// refusalPause (or when its caller goes, or its deadline passes).
func refuseBusy(w http.ResponseWriter, r *http.Request, e *rule.Error) {
	t := time.NewTimer(refusalPause)
	select {
	case <-t.C:
	case <-r.Context().Done():
		t.Stop()
	}
	w.Header().Set("Retry-After", "1")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": e.Message, "extensions": map[string]any{"code": e.Code, "retryable": true}}},
	})
}
