package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/freightgraph/freightgraph/ent/enum"
)

// The server remembers whom a token or a session acts for (for a second):
// a sign-out, a revoked token, a manager who leaves and a changed role
// still take effect on the very next request.
func TestRememberedViewerEndsAtOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		viewer := func(as *env) response { return as.post(`{ viewer { id role } }`, nil) }
		id := e.newManager(enum.RoleAccountManager, "Вера Крылова")
		token := e.tokenFor(id)
		as := e.as(token)
		for range 3 { // found, then remembered
			if r := viewer(as); r.Status != http.StatusOK || len(r.Errors) > 0 {
				t.Fatalf("a fresh token: %d %+v", r.Status, r.Errors)
			}
		}

		// a changed role is the role of the next request: an account
		// manager may not rename a colleague, an ADMIN may
		rename := `mutation($id: ID!) { updateManager(id: $id, input: {name: "Вера Крылова-Админ"}) { id } }`
		self := map[string]any{"id": strconv.Itoa(e.admin)}
		as.fail("FORBIDDEN", rename, self)
		e.do(`mutation($id: ID!) { updateManager(id: $id, input: {role: ADMIN}) { id } }`, map[string]any{"id": strconv.Itoa(id)}, nil)
		as.do(rename, self, nil)
		e.do(`mutation($id: ID!) { updateManager(id: $id, input: {role: ACCOUNT_MANAGER}) { id } }`, map[string]any{"id": strconv.Itoa(id)}, nil)
		as.fail("FORBIDDEN", rename, self)

		// a revoked token opens nothing on the next request
		var created struct {
			CreateAPIToken struct {
				Token    string
				APIToken struct{ ID string }
			}
		}
		as.do(`mutation { createAPIToken(name: "скрипт") { token apiToken { id } } }`, nil, &created)
		second := e.as(created.CreateAPIToken.Token)
		viewer(second)
		viewer(second)
		as.do(`mutation($id: ID!) { revokeAPIToken(id: $id) { revokedAt } }`, map[string]any{"id": created.CreateAPIToken.APIToken.ID}, nil)
		if r := viewer(second); r.Status != http.StatusUnauthorized {
			t.Fatalf("a revoked token, right after: %d %s", r.Status, r.Data)
		}

		// a signed-out session opens nothing on the next request
		b := e.browser()
		if status, _ := b.signIn("вера.крылова@test.example", testPassword); status != http.StatusOK {
			t.Fatalf("sign-in: %d", status)
		}
		b.graphql(`{ viewer { id } }`)
		if r := b.graphql(`{ viewer { id } }`); r.Status != http.StatusOK {
			t.Fatalf("a fresh session: %d", r.Status)
		}
		kept := *b.cookie
		if res := b.send(http.MethodPost, "/auth/sign-out", "application/json", "{}"); res.StatusCode >= 300 {
			t.Fatalf("sign-out: %d", res.StatusCode)
		}
		b.cookie = &kept
		if r := b.graphql(`{ viewer { id } }`); r.Status != http.StatusUnauthorized {
			t.Fatalf("a signed-out session, right after: %d", r.Status)
		}

		// a manager who leaves: their token stops on the next request
		e.do(`mutation($id: ID!) { updateManager(id: $id, input: {active: false}) { id } }`, map[string]any{"id": strconv.Itoa(id)}, nil)
		if r := viewer(as); r.Status != http.StatusUnauthorized {
			t.Fatalf("the token of a manager who left, right after: %d", r.Status)
		}
	})
}

// A document is parsed and validated once and shared by the requests that
// send its text; the page each gets still follows its own variables, also
// when they run at once.
func TestSharedDocumentsKeepEachRequestsPage(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		for i := range 55 {
			e.createClient("ООО «Страница-"+strconv.Itoa(i)+"»", f.am, f.om)
		}
		q := `query($n: Int) { clients(first: $n) { edges { node { id } } } }`
		count := func(n any) int {
			var out struct{ Clients struct{ Edges []any } }
			e.do(q, map[string]any{"n": n}, &out)
			return len(out.Clients.Edges)
		}
		want := map[any]int{nil: 50, 3: 3, 7: 7}
		for _, n := range []any{nil, 3, nil, 7, nil} {
			if got := count(n); got != want[n] {
				t.Fatalf("first: %v gave %d rows, want %d", n, got, want[n])
			}
		}
		// and with a literal: the default given when the text was first
		// seen holds for it after
		lit := `{ clients { edges { node { id } } } }`
		for range 2 {
			var out struct{ Clients struct{ Edges []any } }
			e.do(lit, nil, &out)
			if len(out.Clients.Edges) != 50 {
				t.Fatalf("no first: %d rows, want the default 50", len(out.Clients.Edges))
			}
		}
		// six at a time: within one token's requests in flight
		var wg sync.WaitGroup
		errs := make(chan string, 48)
		for w := range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 8 {
					n := []any{nil, 3, 7, nil}[(w+i)%4]
					r := e.post(q, map[string]any{"n": n})
					var out struct{ Clients struct{ Edges []any } }
					if err := json.Unmarshal(r.Data, &out); err != nil || len(out.Clients.Edges) != want[n] {
						errs <- fmt.Sprintf("first: %v gave %d rows (%d %+v)", n, len(out.Clients.Edges), r.Status, r.Errors)
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for msg := range errs {
			t.Error(msg)
		}
	})
}
