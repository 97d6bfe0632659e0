package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/graph/server"
)

// browser is a cookie-carrying client of one env, as a browser tab is.
type browser struct {
	e      *env
	cookie *http.Cookie
	origin string // sent as Origin when set
}

func (e *env) browser() *browser { return &browser{e: e} }

// signIn posts the credentials and keeps the session cookie it is given.
func (b *browser) signIn(email, password string) (int, map[string]any) {
	b.e.t.Helper()
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	res := b.send(http.MethodPost, "/auth/sign-in", "application/json", string(body))
	defer res.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		b.e.t.Fatalf("sign-in answered %d with non-JSON %q", res.StatusCode, raw)
	}
	b.e.noLeak(string(raw))
	for _, c := range res.Cookies() {
		if c.Name == server.SessionCookie {
			b.cookie = c
		}
	}
	return res.StatusCode, out
}

func (b *browser) send(method, path, contentType, body string) *http.Response {
	b.e.t.Helper()
	req, _ := http.NewRequest(method, b.e.url+path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if b.cookie != nil && b.cookie.Value != "" {
		req.AddCookie(&http.Cookie{Name: b.cookie.Name, Value: b.cookie.Value})
	}
	if b.origin != "" {
		req.Header.Set("Origin", b.origin)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	return res
}

// graphql posts an operation with the session cookie and no token.
func (b *browser) graphql(query string) response {
	b.e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	h := http.Header{}
	if b.cookie != nil {
		h.Set("Cookie", server.SessionCookie+"="+b.cookie.Value)
	}
	if b.origin != "" {
		h.Set("Origin", b.origin)
	}
	return b.e.as("").raw(http.MethodPost, "/graphql", "application/json", string(body), h)
}

func TestSignIn(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		id := e.newManager(enum.RoleAccountManager, "Anna Smirnova")
		b := e.browser()

		for _, bad := range []struct{ email, password string }{
			{"anna.smirnova@test.example", "wrong password"},
			{"nobody@test.example", testPassword},
			{"anna.smirnova\x00@test.example", testPassword},
			{"anna.smirnova\xff@test.example", testPassword},
			{strings.Repeat("a", 300) + "@test.example", testPassword},
		} {
			status, out := b.signIn(bad.email, bad.password)
			if status != http.StatusUnauthorized || b.cookie != nil || !strings.Contains(errorMessage(out), "email or password is wrong") {
				t.Fatalf("sign-in as %s: %d %v", bad.email, status, out)
			}
		}
		if r := b.graphql(`{ viewer { id } }`); r.Status != http.StatusUnauthorized || r.Errors[0].code() != "UNAUTHENTICATED" {
			t.Fatalf("the graph without a session: %d %+v", r.Status, r.Errors)
		}
		for body, want := range map[string]int{
			`{"email":"anna.smirnova@test.example","password":"` + testPassword + `"} trailing`: http.StatusBadRequest,
			`["anna.smirnova@test.example"]`:                  http.StatusBadRequest,
			`{"email":"` + strings.Repeat("a", 20<<10) + `"}`: http.StatusRequestEntityTooLarge,
		} {
			res := b.send(http.MethodPost, "/auth/sign-in", "application/json", body)
			res.Body.Close()
			if res.StatusCode != want || b.cookie != nil {
				t.Fatalf("sign-in with %.40q: %d, want %d", body, res.StatusCode, want)
			}
		}

		status, out := b.signIn("  Anna.Smirnova@TEST.example ", testPassword)
		if status != http.StatusOK || b.cookie == nil {
			t.Fatalf("sign-in: %d %v", status, out)
		}
		if !b.cookie.HttpOnly || b.cookie.SameSite != http.SameSiteLaxMode || b.cookie.Path != "/" || b.cookie.Expires.Before(calendar.Now().Add(11*time.Hour)) {
			t.Fatalf("the session cookie is %+v", b.cookie)
		}
		if v := out["viewer"].(map[string]any); v["id"] != strconv.Itoa(id) || v["role"] != "ACCOUNT_MANAGER" {
			t.Fatalf("sign-in viewer: %v", out)
		}
		var me struct {
			Viewer struct{ ID, Name, Role string }
		}
		r := b.graphql(`{ viewer { id name role } }`)
		if len(r.Errors) > 0 || json.Unmarshal(r.Data, &me) != nil || me.Viewer.ID != strconv.Itoa(id) || me.Viewer.Name != "Anna Smirnova" {
			t.Fatalf("viewer: %s %+v", r.Data, r.Errors)
		}

		// signing in again replaces the browser's session
		first := *b.cookie
		if status, _ := b.signIn("anna.smirnova@test.example", testPassword); status != http.StatusOK || b.cookie.Value == first.Value {
			t.Fatalf("a second sign-in: %d", status)
		}
		if r := (&browser{e: e, cookie: &first}).graphql(`{ viewer { id } }`); r.Status != http.StatusUnauthorized {
			t.Fatalf("the replaced session still opens the graph: %d", r.Status)
		}

		// sign-out ends the session on the server, not only in the browser
		stolen := *b.cookie
		res := b.send(http.MethodPost, "/auth/sign-out", "application/json", "{}")
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !clearsCookie(res) {
			t.Fatalf("sign-out: %d %v", res.StatusCode, res.Header["Set-Cookie"])
		}
		b.cookie = &stolen
		r = b.graphql(`{ viewer { id } }`)
		if r.Status != http.StatusUnauthorized || !strings.Contains(r.Errors[0].Message, "session has ended") {
			t.Fatalf("an ended session: %d %+v", r.Status, r.Errors)
		}

		// a forged session opens nothing
		b.cookie = &http.Cookie{Name: server.SessionCookie, Value: "fgs_" + strings.Repeat("A", 43)}
		if r := b.graphql(`{ viewer { id } }`); r.Status != http.StatusUnauthorized || r.Errors[0].code() != "UNAUTHENTICATED" {
			t.Fatalf("a forged session: %d %+v", r.Status, r.Errors)
		}

		// an ADMIN resets others' passwords, never their own unasked, and the
		// last one stays
		e.fail("FORBIDDEN", `mutation($id: ID!) { setManagerPassword(id: $id, newPassword: "no questions asked") { id } }`, map[string]any{"id": strconv.Itoa(e.admin)})
		contains(t, e.fail("BAD_USER_INPUT", `mutation($id: ID!) { updateManager(id: $id, input: {role: ANALYST}) { id } }`, map[string]any{"id": strconv.Itoa(e.admin)}), "last active administrator")
		contains(t, e.fail("BAD_USER_INPUT", `mutation($id: ID!) { updateManager(id: $id, input: {active: false}) { id } }`, map[string]any{"id": strconv.Itoa(e.admin)}), "last active administrator")

		// a session held when leaving
		if status, _ := b.signIn("anna.smirnova@test.example", testPassword); status != http.StatusOK {
			t.Fatal("sign-in failed")
		}
		first = *b.cookie

		// an ADMIN onboards a manager with a first password in one step
		create := `mutation($p: String) { createManager(input: {name: "Новый Сотрудник", email: "new.hire@test.example", role: ACCOUNT_MANAGER}, password: $p) { id } }`
		r = e.post(create, map[string]any{"p": "short"})
		if len(r.Errors) == 0 || r.Errors[0].code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "password" {
			t.Fatalf("a short first password: %+v", r.Errors)
		}
		e.do(create, map[string]any{"p": "welcome aboard 2026"}, nil)
		if status, _ := e.browser().signIn("new.hire@test.example", "welcome aboard 2026"); status != http.StatusOK {
			t.Fatalf("the new manager cannot sign in: %d", status)
		}

		// a manager who has left cannot sign in, and their tokens stop
		token := e.tokenFor(id)
		e.do(`mutation($id: ID!) { updateManager(id: $id, input: {active: false}) { id } }`, map[string]any{"id": strconv.Itoa(id)}, nil)
		if status, _ := e.browser().signIn("anna.smirnova@test.example", testPassword); status != http.StatusUnauthorized {
			t.Fatalf("an inactive manager signed in: %d", status)
		}
		if r := e.as(token).post(`{ viewer { id } }`, nil); r.Status != http.StatusUnauthorized {
			t.Fatalf("an inactive manager's token: %d %s", r.Status, r.Data)
		}
		// and coming back opens nothing they held before
		e.do(`mutation($id: ID!) { updateManager(id: $id, input: {active: true}) { id } }`, map[string]any{"id": strconv.Itoa(id)}, nil)
		if r := e.as(token).post(`{ viewer { id } }`, nil); r.Status != http.StatusUnauthorized {
			t.Fatalf("a token from before leaving works again: %d", r.Status)
		}
		b.cookie = &first
		if r := b.graphql(`{ viewer { id } }`); r.Status != http.StatusUnauthorized {
			t.Fatalf("a session from before leaving works again: %d", r.Status)
		}
		e.healthy()
	})
}

func errorMessage(out map[string]any) string {
	errs, _ := out["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	m, _ := errs[0].(map[string]any)["message"].(string)
	return m
}

func clearsCookie(res *http.Response) bool {
	for _, c := range res.Cookies() {
		if c.Name == server.SessionCookie && c.Value == "" && c.MaxAge < 0 {
			return true
		}
	}
	return false
}

func TestSessionExpiry(t *testing.T) {
	e := newEnvWith(t, "sqlite", func(c *server.Config) { c.SessionTTL = 300 * time.Millisecond })
	e.newManager(enum.RoleAnalyst, "Irina Pavlova")
	b := e.browser()
	if status, _ := b.signIn("irina.pavlova@test.example", testPassword); status != http.StatusOK {
		t.Fatal("sign-in failed")
	}
	if r := b.graphql(`{ viewer { id } }`); len(r.Errors) > 0 {
		t.Fatalf("a fresh session: %+v", r.Errors)
	}
	time.Sleep(400 * time.Millisecond)
	if r := b.graphql(`{ viewer { id } }`); r.Status != http.StatusUnauthorized || !strings.Contains(r.Errors[0].Message, "expired") {
		t.Fatalf("an expired session: %d %+v", r.Status, r.Errors)
	}
}

func TestSignInLimits(t *testing.T) {
	e := newEnvWith(t, "sqlite", func(c *server.Config) {
		c.SignInLimits = server.SignInLimits{PerAccountAddress: 3, PerAddress: 5, PerAccount: 50, Window: time.Minute}
	})
	e.newManager(enum.RoleAnalyst, "Irina Pavlova")
	e.newManager(enum.RoleAnalyst, "Ivan Petrov")
	e.newManager(enum.RoleOperationsManager, "Oleg Novikov")

	// a burst in parallel: only as many passwords are checked as the limit
	// allows, however fast they come
	var wg sync.WaitGroup
	statuses := make(chan int, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, _ := e.browser().signIn("irina.pavlova@test.example", "guess guess guess")
			statuses <- status
		}()
	}
	wg.Wait()
	close(statuses)
	got := map[int]int{}
	for s := range statuses {
		got[s]++
	}
	if got[http.StatusUnauthorized] != 3 || got[http.StatusTooManyRequests] != 17 {
		t.Fatalf("a burst of 20 wrong passwords: %v", got)
	}
	// locked: even the right password is refused, with Retry-After
	b := e.browser()
	status, out := b.signIn("irina.pavlova@test.example", testPassword)
	if status != http.StatusTooManyRequests || !strings.Contains(errorMessage(out), "try again in 1 minute") || b.cookie != nil {
		t.Fatalf("a locked account: %d %v", status, out)
	}
	// the address has two failures left, on any account; a success takes
	// its own attempt back
	if status, _ := b.signIn("ivan.petrov@test.example", testPassword); status != http.StatusOK {
		t.Fatalf("another account from the same address: %d", status)
	}
	for range 2 {
		b.signIn("ivan.petrov@test.example", "guess guess guess")
	}
	if status, _ := b.signIn("oleg.novikov@test.example", testPassword); status != http.StatusTooManyRequests {
		t.Fatalf("a blocked address: %d", status)
	}
}

func TestCSRF(t *testing.T) {
	httpOnly(t, func(t *testing.T, e *env) {
		e.newManager(enum.RoleOperationsManager, "Oleg Novikov")
		b := e.browser()
		if status, _ := b.signIn("oleg.novikov@test.example", testPassword); status != http.StatusOK {
			t.Fatal("sign-in failed")
		}
		create := `mutation { createCarrier(input: {name: "CSRF", modes: [ROAD], country: "RU"}) { id } }`
		body, _ := json.Marshal(map[string]any{"query": create})
		cookie := http.Header{"Cookie": {server.SessionCookie + "=" + b.cookie.Value}}
		with := func(k, v string) http.Header {
			h := cookie.Clone()
			h.Set(k, v)
			return h
		}
		for _, c := range []struct {
			name        string
			contentType string
			header      http.Header
			status      int
		}{
			{"another origin", "application/json", with("Origin", "https://evil.example"), http.StatusForbidden},
			{"a cross-site fetch", "application/json", with("Sec-Fetch-Site", "cross-site"), http.StatusForbidden},
			{"an opaque origin", "application/json", with("Origin", "null"), http.StatusForbidden},
			{"a form post", "text/plain", cookie, http.StatusUnsupportedMediaType},
			{"an urlencoded form", "application/x-www-form-urlencoded", cookie, http.StatusUnsupportedMediaType},
		} {
			r := e.as("").raw(http.MethodPost, "/graphql", c.contentType, string(body), c.header)
			if r.Status != c.status || len(r.Errors) == 0 {
				t.Errorf("%s: %d %+v", c.name, r.Status, r.Errors)
			}
		}
		if n := e.count("carriers"); n != 0 {
			t.Fatalf("a cross-site request wrote %d carriers", n)
		}
		// a link on another site cannot make the browser run a query either
		r := e.as("").raw(http.MethodGet, "/graphql?query="+url.QueryEscape(`{ viewer { id } }`), "", "", with("Sec-Fetch-Site", "cross-site"))
		if r.Status != http.StatusForbidden {
			t.Fatalf("a cross-site GET: %d", r.Status)
		}
		// a cross-site sign-in attempt is refused too (login CSRF)
		res := (&browser{e: e, origin: "https://evil.example"}).send(http.MethodPost, "/auth/sign-in", "application/json", `{"email":"oleg.novikov@test.example","password":"`+testPassword+`"}`)
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Fatalf("a cross-site sign-in: %d", res.StatusCode)
		}
		// our own pages, and the origins the server allows, act
		for _, origin := range []string{strings.TrimSuffix(e.url, "/"), "https://app.example"} {
			b.origin = origin
			if r := b.graphql(create); len(r.Errors) > 0 && r.Errors[0].code() != "CONFLICT" {
				t.Fatalf("from %s: %d %+v", origin, r.Status, r.Errors)
			}
		}
		if n := e.count("carriers"); n != 1 {
			t.Fatalf("%d carriers after the same-origin request", n)
		}
	})
}

func TestAPITokens(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		id := e.newManager(enum.RoleAnalyst, "Irina Pavlova")
		b := e.browser()
		b.signIn("irina.pavlova@test.example", testPassword)
		var created struct {
			CreateAPIToken struct {
				Token    string
				APIToken struct{ ID, Name, Prefix string }
			}
		}
		r := b.graphql(`mutation { createAPIToken(name: "Power BI") { token apiToken { id name prefix } } }`)
		if len(r.Errors) > 0 || json.Unmarshal(r.Data, &created) != nil {
			t.Fatalf("create token: %+v", r.Errors)
		}
		token := created.CreateAPIToken.Token
		if !strings.HasPrefix(token, "fgt_") || !strings.HasPrefix(token, created.CreateAPIToken.APIToken.Prefix) {
			t.Fatalf("token %q, prefix %q", token, created.CreateAPIToken.APIToken.Prefix)
		}
		// the token acts for its owner; nothing shows its secret again
		var me struct {
			Viewer    struct{ ID string }
			APITokens []map[string]any
		}
		e.as(token).do(`{ viewer { id } apiTokens { id name prefix createdAt lastUsedAt revokedAt } }`, nil, &me)
		if me.Viewer.ID != strconv.Itoa(id) || len(me.APITokens) != 1 || me.APITokens[0]["lastUsedAt"] == nil {
			t.Fatalf("as the token: %+v", me)
		}
		if raw, _ := json.Marshal(me); strings.Contains(string(raw), token[8:]) {
			t.Fatal("the token list shows the secret")
		}
		if r := e.as(token).post(`{ apiTokens { token } }`, nil); len(r.Errors) == 0 {
			t.Fatal("a token's secret is a field")
		}
		e.as(token).fail("BAD_USER_INPUT", `mutation($at: Time!) { createAPIToken(name: "old", expiresAt: $at) { token } }`, map[string]any{"at": soon(-time.Hour)})

		// revoked: refused at once
		r = b.graphql(`mutation { revokeAPIToken(id: "` + created.CreateAPIToken.APIToken.ID + `") { revokedAt } }`)
		if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"revokedAt":"`) {
			t.Fatalf("revoke: %s %+v", r.Data, r.Errors)
		}
		if r := e.as(token).post(`{ viewer { id } }`, nil); r.Status != http.StatusUnauthorized || !strings.Contains(r.Errors[0].Message, "revoked") {
			t.Fatalf("a revoked token: %d %+v", r.Status, r.Errors)
		}
		// expired: refused
		var soonGone struct{ CreateAPIToken struct{ Token string } }
		// a second ahead: a test running beside others may take a while to
		// make it, and a time already past is refused
		e.as(e.tokenFor(id)).do(`mutation($at: Time!) { createAPIToken(name: "brief", expiresAt: $at) { token } }`, map[string]any{"at": calendar.Now().Add(time.Second).UTC().Format(time.RFC3339Nano)}, &soonGone)
		time.Sleep(1100 * time.Millisecond)
		if r := e.as(soonGone.CreateAPIToken.Token).post(`{ viewer { id } }`, nil); r.Status != http.StatusUnauthorized {
			t.Fatalf("an expired token: %d", r.Status)
		}
		// a pile of spent tokens hides no live one: live ones come first
		var list struct {
			APITokens []struct {
				Name                 string
				RevokedAt, ExpiresAt *string
			}
		}
		e.as(e.tokenFor(id)).do(`{ apiTokens { name revokedAt expiresAt } }`, nil, &list)
		spent := false
		for _, tk := range list.APITokens {
			gone := tk.RevokedAt != nil || tk.ExpiresAt != nil && *tk.ExpiresAt < calendar.Now().UTC().Format(time.RFC3339Nano)
			if spent && !gone {
				t.Fatalf("a live token listed after a spent one: %+v", list.APITokens)
			}
			spent = spent || gone
		}
		if !spent || len(list.APITokens) < 4 {
			t.Fatalf("the list: %+v", list.APITokens)
		}
		for _, forged := range []string{"fgt_forged", "Basic YWRtaW46YWRtaW4=", ""} {
			h := http.Header{"Authorization": {"Bearer " + forged}}
			if strings.HasPrefix(forged, "Basic") {
				h.Set("Authorization", forged)
			}
			if r := e.as("").raw(http.MethodPost, "/graphql", "application/json", `{"query":"{ viewer { id } }"}`, h); r.Status != http.StatusUnauthorized {
				t.Fatalf("Authorization %q: %d", forged, r.Status)
			}
		}
	})
}

func TestPasswordChange(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.newManager(enum.RoleOperationsManager, "Oleg Novikov")
		tab1, tab2 := e.browser(), e.browser()
		tab1.signIn("oleg.novikov@test.example", testPassword)
		tab2.signIn("oleg.novikov@test.example", testPassword)
		for q, field := range map[string]string{
			`mutation { changePassword(currentPassword: "wrong password", newPassword: "a good new password") { id } }`:        "currentPassword",
			`mutation { changePassword(currentPassword: "` + testPassword + `", newPassword: "short") { id } }`:                "newPassword",
			`mutation { changePassword(currentPassword: "` + testPassword + `", newPassword: "` + testPassword + `") { id } }`: "newPassword",
		} {
			r := tab1.graphql(q)
			if len(r.Errors) == 0 || r.Errors[0].code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != field {
				t.Fatalf("%s: %+v", q, r.Errors)
			}
		}
		// wrong current passwords count as wrong passwords at sign-in do
		limited := newEnvWith(t, e.name, func(c *server.Config) {
			c.SignInLimits = server.SignInLimits{PerAccountAddress: 2, PerAddress: 10, PerAccount: 10, Window: time.Minute}
		})
		limited.newManager(enum.RoleAnalyst, "Irina Pavlova")
		guesser := limited.browser()
		guesser.signIn("irina.pavlova@test.example", testPassword)
		var codes []string
		for range 3 {
			r := guesser.graphql(`mutation { changePassword(currentPassword: "guess guess", newPassword: "a good new password") { id } }`)
			codes = append(codes, r.Errors[0].code())
		}
		if strings.Join(codes, " ") != "BAD_USER_INPUT BAD_USER_INPUT TOO_MANY_ATTEMPTS" {
			t.Fatalf("guessing the current password: %v", codes)
		}

		if r := tab1.graphql(`mutation { changePassword(currentPassword: "` + testPassword + `", newPassword: "a good new password") { id } }`); len(r.Errors) > 0 {
			t.Fatalf("change: %+v", r.Errors)
		}
		if r := tab1.graphql(`{ viewer { id } }`); len(r.Errors) > 0 {
			t.Fatal("the session that changed the password ended")
		}
		if r := tab2.graphql(`{ viewer { id } }`); r.Status != http.StatusUnauthorized {
			t.Fatalf("another session of the manager survived the change: %d", r.Status)
		}
		if status, _ := e.browser().signIn("oleg.novikov@test.example", "a good new password"); status != http.StatusOK {
			t.Fatal("the new password does not sign in")
		}
		// an ADMIN's reset ends every session and revokes every token
		oleg := e.browser()
		oleg.signIn("oleg.novikov@test.example", "a good new password")
		var me struct{ Viewer struct{ ID string } }
		if r := oleg.graphql(`{ viewer { id } }`); json.Unmarshal(r.Data, &me) != nil {
			t.Fatal(r.Errors)
		}
		olegID, _ := strconv.Atoi(me.Viewer.ID)
		olegToken := e.tokenFor(olegID)
		var listed struct{ APITokens []struct{ RevokedAt *string } }
		e.do(`query($o: ID) { apiTokens(ownerID: $o) { revokedAt } }`, map[string]any{"o": me.Viewer.ID}, &listed)
		if len(listed.APITokens) != 1 || listed.APITokens[0].RevokedAt != nil {
			t.Fatalf("the ADMIN lists %+v", listed)
		}
		e.do(`mutation($id: ID!) { setManagerPassword(id: $id, newPassword: "reset by the admin") { id } }`, map[string]any{"id": me.Viewer.ID}, nil)
		if r := oleg.graphql(`{ viewer { id } }`); r.Status != http.StatusUnauthorized {
			t.Fatalf("a session survived the reset: %d", r.Status)
		}
		if r := e.as(olegToken).post(`{ viewer { id } }`, nil); r.Status != http.StatusUnauthorized {
			t.Fatalf("a token survived the reset: %d", r.Status)
		}

		// the trail shows that it changed, never what it is
		var trail struct {
			AuditTrail struct {
				Edges []struct {
					Node struct{ Changes []map[string]any }
				}
			}
		}
		e.do(`{ auditTrail(first: 1, where: {operation: "changePassword"}) { edges { node { changes { field before after } } } } }`, nil, &trail)
		if raw, _ := json.Marshal(trail); !strings.Contains(string(raw), `"after":"[redacted]"`) || strings.Contains(string(raw), "argon2") {
			t.Fatalf("the trail of a password change: %s", raw)
		}
	})
}

// The graph says nothing to a caller without a viewer: no data, no schema,
// no field suggestions.
func TestNothingWithoutViewer(t *testing.T) {
	e := newEnvWith(t, "sqlite", withApp)
	for _, q := range []string{`{ managerz { totalCount } }`, `{ __schema { types { name } } }`, `{ clients { totalCount } }`} {
		r := e.as("").post(q, nil)
		raw, _ := json.Marshal(r)
		if r.Status != http.StatusUnauthorized || r.Data != nil || strings.Contains(string(raw), "Did you mean") || strings.Contains(string(raw), "managers") {
			t.Fatalf("%s without a viewer: %d %s", q, r.Status, raw)
		}
	}
	for _, path := range []string{"/healthz", "/"} {
		res, err := http.Get(e.url + path)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %v %v", path, err, res)
		}
		res.Body.Close()
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnvWith(t, "sqlite", withApp)
	for _, c := range []struct{ method, path, token string }{
		{http.MethodGet, "/healthz", ""}, {http.MethodGet, "/", ""},
		{http.MethodPost, "/graphql", ""}, {http.MethodPost, "/graphql", e.token},
		{http.MethodPost, "/auth/sign-in", ""}, {http.MethodGet, "/auth/sign-in", ""},
	} {
		req, _ := http.NewRequest(c.method, e.url+c.path, strings.NewReader(`{"query":"{ viewer { id } }"}`))
		req.Header.Set("Content-Type", "application/json")
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		h := res.Header
		if !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") || !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || len(h.Get("X-Request-ID")) < 8 {
			t.Errorf("%s %s: headers %v", c.method, c.path, h)
		}
	}
	// a caller's own correlation id is logged, never taken as ours
	req, _ := http.NewRequest(http.MethodGet, e.url+"/healthz", nil)
	req.Header.Set("X-Request-ID", "trace-1234-abcd")
	res, _ := http.DefaultClient.Do(req)
	res.Body.Close()
	if id := res.Header.Get("X-Request-ID"); id == "trace-1234-abcd" || len(id) != 16 || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("X-Request-ID %q, Cache-Control %q", id, res.Header.Get("Cache-Control"))
	}
}

// Many operations managers of one client assign a carrier to one shipment
// at once, all from the same version: exactly one wins, the others are told
// CONFLICT, and the trail holds exactly one assignment.
func TestConcurrentAssignCarrier(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		// the shipment is run by om2 for om's client: both may assign
		s := e.createShipment("SH-RACE", f.client, f.om2, "ROAD")
		om, _ := strconv.Atoi(f.om)
		om2, _ := strconv.Atoi(f.om2)
		tokens := []string{e.tokenFor(om), e.tokenFor(om2), e.tokenFor(om), e.tokenFor(om2)}
		var v struct{ Node struct{ Version int } }
		e.do(`query($id: ID!) { node(id: $id) { ... on Shipment { version } } }`, map[string]any{"id": s}, &v)
		const n = 16
		var wg sync.WaitGroup
		codes := make(chan string, n)
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				carrier := f.road
				if i%2 == 1 {
					carrier = f.air
				}
				r := e.as(tokens[i%len(tokens)]).post(`mutation($s: ID!, $c: ID!, $v: Int) { assignCarrier(shipmentID: $s, carrierID: $c, expectedVersion: $v) { id } }`,
					map[string]any{"s": s, "c": carrier, "v": v.Node.Version})
				if len(r.Errors) > 0 {
					codes <- r.Errors[0].code()
					return
				}
				codes <- "OK"
			}()
		}
		close(start)
		wg.Wait()
		close(codes)
		got := map[string]int{}
		for c := range codes {
			got[c]++
		}
		if got["OK"] != 1 || got["CONFLICT"] != n-1 {
			t.Fatalf("outcomes %v: want 1 OK and %d CONFLICT", got, n-1)
		}
		var trail struct {
			AuditTrail struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Actor   struct{ ID string }
						Changes []struct{ Field, After string }
					}
				}
			}
		}
		e.do(`query($s: ID!) { auditTrail(where: {recordID: $s, operation: "assignCarrier"}) { totalCount edges { node { actor { id } changes { field after } } } } }`, map[string]any{"s": s}, &trail)
		if trail.AuditTrail.TotalCount != 1 {
			t.Fatalf("the trail shows %d assignments", trail.AuditTrail.TotalCount)
		}
		if a := trail.AuditTrail.Edges[0].Node.Actor.ID; a != f.om && a != f.om2 {
			t.Fatalf("the assignment is by %s", a)
		}
	})
}

// A page under another name that resolves to this server (DNS rebinding) is
// same-origin to the browser; the Host it names gives it away.
func TestKnownHost(t *testing.T) {
	e := newEnvWith(t, "sqlite", func(c *server.Config) { c.AllowedHosts = []string{"localhost", "127.0.0.1", "::1"} })
	e.newManager(enum.RoleAnalyst, "Irina Pavlova")
	for host, want := range map[string]int{"rebind.evil.example:8080": http.StatusMisdirectedRequest, strings.TrimPrefix(e.url, "http://"): http.StatusOK} {
		req, _ := http.NewRequest(http.MethodPost, e.url+"/auth/sign-in", strings.NewReader(`{"email":"irina.pavlova@test.example","password":"`+testPassword+`"}`))
		req.Host = host
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", "http://"+host)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("sign-in addressed to %s: %d, want %d", host, res.StatusCode, want)
		}
	}
}

// The origins the server allows are matched alike by CORS and by the CSRF
// check: a pattern that passes the preflight passes the request.
func TestAllowedOriginPatterns(t *testing.T) {
	e := newEnvWith(t, "sqlite", func(c *server.Config) { c.AllowedOrigins = []string{"https://*.corp.example"} })
	e.newManager(enum.RoleOperationsManager, "Oleg Novikov")
	b := e.browser()
	b.signIn("oleg.novikov@test.example", testPassword)
	for origin, want := range map[string]int{"https://app.corp.example": http.StatusOK, "https://corp.example.evil": http.StatusForbidden} {
		b.origin = origin
		if r := b.graphql(`{ viewer { id } }`); r.Status != want {
			t.Errorf("from %s: %d, want %d", origin, r.Status, want)
		}
	}
	// "any origin" is not an origin: it is ignored, with a warning
	star := newEnvWith(t, "sqlite", func(c *server.Config) { c.AllowedOrigins = []string{"*"} })
	star.newManager(enum.RoleOperationsManager, "Oleg Novikov")
	sb := star.browser()
	sb.signIn("oleg.novikov@test.example", testPassword)
	sb.origin = "https://evil.example"
	if r := sb.graphql(`{ viewer { id } }`); r.Status != http.StatusForbidden || !strings.Contains(star.log.String(), "is ignored") {
		t.Errorf("with * allowed, another site: %d", r.Status)
	}
}
