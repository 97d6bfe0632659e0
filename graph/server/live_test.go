package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/graph/loadtest"
	"github.com/freightgraph/freightgraph/graph/server"
)

// subscribe opens a subscription over server-sent events as the holder of
// header's credential and waits until the server holds it (the hub counts
// one subscription for the stream's sign-in and one for the operation).
func (e *env) subscribe(header http.Header, query string, vars map[string]any) *loadtest.Stream {
	e.t.Helper()
	before := e.st.Live.Subscribers()
	s, err := loadtest.Subscribe(context.Background(), e.url, header, query, vars)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(s.Close)
	for deadline := time.Now().Add(10 * time.Second); e.st.Live.Subscribers() < before+2; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			e.t.Fatalf("the subscription was not taken: %d subscribers", e.st.Live.Subscribers())
		}
	}
	return s
}

func bearer(token string) http.Header { return http.Header{"Authorization": {"Bearer " + token}} }

// next is the stream's next answer, which must come within 10 s.
func next(t *testing.T, s *loadtest.Stream) loadtest.Event {
	t.Helper()
	select {
	case ev, ok := <-s.Events:
		if !ok {
			t.Fatal("the stream ended")
		}
		if len(ev.Errors) > 0 {
			t.Fatalf("the stream answered errors: %+v", ev.Errors)
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("nothing arrived within 10 s")
	}
	return loadtest.Event{}
}

// ends waits for the stream to end, within 10 s.
func ends(t *testing.T, s *loadtest.Stream, why string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case _, ok := <-s.Events:
			if !ok {
				return
			}
		case <-deadline:
			t.Fatalf("the stream did not end after %s", why)
		}
	}
}

type tenderChange struct {
	TenderChanged struct {
		ID, Action, Operation string
		Matches               bool
		By                    *struct{ Name string }
		Tender                *struct{ Reference, Stage string }
	}
}

func decode[T any](t *testing.T, ev loadtest.Event) T {
	t.Helper()
	var out T
	if err := json.Unmarshal(ev.Data, &out); err != nil {
		t.Fatalf("decode %s: %v", ev.Data, err)
	}
	return out
}

const tenderChanges = `subscription($where: TenderWhereInput, $follow: [ID!]) {
  tenderChanged(where: $where, follow: $follow) { id action operation matches by { name } tender { reference stage } } }`

// A write reaches the subscribers once it has committed, with who made it
// and how; one rolled back reaches nobody. The change of a transaction
// that wrote a tender and its stage change is one change.
func TestLiveDeliversWhatCommitted(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		s := e.subscribe(bearer(a["am"]), tenderChanges, nil)
		const move = `mutation($id: ID!, $s: TenderStage!) { moveTender(id: $id, stage: $s) { stage } }`
		e.do(move, map[string]any{"id": f.tender, "s": "QUALIFYING"}, nil)
		got := decode[tenderChange](t, next(t, s)).TenderChanged
		if got.ID != f.tender || got.Action != "UPDATE" || got.Operation != "moveTender" || !got.Matches ||
			got.Tender == nil || got.Tender.Stage != "QUALIFYING" || got.By == nil || got.By.Name == "" {
			t.Fatalf("the move arrived as %+v", got)
		}
		// two moves in one operation, the second refused: both rolled back
		r := e.post(`mutation($id: ID!) { a: moveTender(id: $id, stage: PREPARING) { stage } b: moveTender(id: "999999999", stage: PREPARING) { stage } }`,
			map[string]any{"id": f.tender})
		if len(r.Errors) == 0 {
			t.Fatal("the second move was not refused")
		}
		created := e.createTender(fmt.Sprintf("T-LIVE-%d", f.seq), f.client, f.am)
		got = decode[tenderChange](t, next(t, s)).TenderChanged
		if got.ID != created || got.Action != "CREATE" || got.Operation != "createTender" {
			t.Fatalf("after a rolled-back move the next change is %+v, not the new tender %s", got, created)
		}
		select {
		case ev := <-s.Events:
			t.Fatalf("one transaction arrived twice, or the rolled-back one arrived: %s", ev.Data)
		case <-time.After(300 * time.Millisecond):
		}
	})
}

// where picks the changes; a record delivered (or named in follow) is
// delivered once more when a change takes it out of the filter, with
// matches false, and then no longer.
func TestLiveFollowsItsFilter(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		prefix := fmt.Sprintf("T-F%d-", f.seq)
		in := e.createTender(prefix+"IN", f.client, f.am)
		followed := e.createTender(fmt.Sprintf("T-OTHER-%d", f.seq), f.client, f.am)
		s := e.subscribe(bearer(e.token), tenderChanges, map[string]any{"where": map[string]any{"referenceHasPrefix": prefix}, "follow": []string{followed}})
		// on PostgreSQL the two creations above may reach the hub after
		// the subscription did: they are not what this test is about
		next := func(t *testing.T, s *loadtest.Stream) loadtest.Event {
			t.Helper()
			for {
				ev := next(t, s)
				if decode[tenderChange](t, ev).TenderChanged.Operation != "createTender" {
					return ev
				}
			}
		}
		const rename = `mutation($id: ID!, $ref: String!) { updateTender(id: $id, input: {reference: $ref}) { id } }`
		e.do(rename, map[string]any{"id": f.tender, "ref": fmt.Sprintf("T-NOT-%d", f.seq)}, nil) // neither matches nor followed
		e.do(rename, map[string]any{"id": in, "ref": prefix + "STILL"}, nil)
		got := decode[tenderChange](t, next(t, s)).TenderChanged
		if got.ID != in || !got.Matches || got.Tender.Reference != prefix+"STILL" {
			t.Fatalf("the matching change arrived as %+v", got)
		}
		e.do(rename, map[string]any{"id": in, "ref": fmt.Sprintf("T-OUT-%d", f.seq)}, nil)
		got = decode[tenderChange](t, next(t, s)).TenderChanged
		if got.ID != in || got.Matches {
			t.Fatalf("the change that took it out arrived as %+v", got)
		}
		e.do(rename, map[string]any{"id": in, "ref": fmt.Sprintf("T-OUT2-%d", f.seq)}, nil) // no longer followed
		e.do(`mutation($id: ID!) { moveTender(id: $id, stage: QUALIFYING) { id } }`, map[string]any{"id": followed}, nil)
		got = decode[tenderChange](t, next(t, s)).TenderChanged
		if got.ID != followed || got.Matches {
			t.Fatalf("the followed tender's change arrived as %+v (want it, not matching)", got)
		}
	})
}

// Each subscriber reads the changed record as itself: the client's history
// is its pair's to read, so the operations manager of another pair is
// told of the change but reads none of its trail.
func TestLiveReadsAsTheSubscriber(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		const q = `subscription { clientChanged { id operation client { name history(first: 5) { totalCount } } } }`
		pair := e.subscribe(bearer(a["om"]), q, nil)
		other := e.subscribe(bearer(a["om2"]), q, nil)
		e.do(`mutation($id: ID!) { updateClient(id: $id, input: {name: "ООО «Живой клиент»"}) { id } }`, map[string]any{"id": f.client}, nil)
		type change struct {
			ClientChanged struct {
				ID     string
				Client struct {
					Name    string
					History struct{ TotalCount int }
				}
			}
		}
		if got := decode[change](t, next(t, pair)).ClientChanged; got.ID != f.client || got.Client.History.TotalCount == 0 {
			t.Fatalf("the pair's operations manager got %+v", got)
		}
		if got := decode[change](t, next(t, other)).ClientChanged; got.ID != f.client || got.Client.History.TotalCount != 0 {
			t.Fatalf("another pair's operations manager read the client's trail: %+v", got)
		}
	})
}

// A stream ends when its sign-in does: a revoked token, a session signed
// out, a manager deactivated.
func TestLiveEndsWithItsSignIn(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		byToken := e.subscribe(bearer(a["analyst"]), tenderChanges, nil)
		var tokens struct{ APITokens []struct{ ID string } }
		e.as(a["analyst"]).do(`{ apiTokens { id } }`, nil, &tokens)
		if len(tokens.APITokens) != 1 {
			t.Fatalf("the analyst has %d tokens", len(tokens.APITokens))
		}
		e.as(a["analyst"]).do(`mutation($id: ID!) { revokeAPIToken(id: $id) { id } }`, map[string]any{"id": tokens.APITokens[0].ID}, nil)
		ends(t, byToken, "its token was revoked")

		id := e.newManager(enum.RoleOperationsManager, fmt.Sprintf("Live Om%d", f.seq))
		b := e.browser()
		if status, _ := b.signIn(fmt.Sprintf("live.om%d@test.example", f.seq), testPassword); status != http.StatusOK {
			t.Fatalf("sign-in: %d", status)
		}
		cookie := http.Header{"Cookie": {server.SessionCookie + "=" + b.cookie.Value}}
		bySession := e.subscribe(cookie, tenderChanges, nil)
		stays := e.subscribe(bearer(a["om"]), tenderChanges, nil)
		b.send(http.MethodPost, "/auth/sign-out", "application/json", "{}").Body.Close()
		ends(t, bySession, "its session was signed out")

		b.signIn(fmt.Sprintf("live.om%d@test.example", f.seq), testPassword)
		cookie = http.Header{"Cookie": {server.SessionCookie + "=" + b.cookie.Value}}
		again := e.subscribe(cookie, tenderChanges, nil)
		e.do(`mutation($id: ID!) { deactivateManager(id: $id) { id } }`, map[string]any{"id": strconv.Itoa(id)}, nil)
		ends(t, again, "its manager was deactivated")

		// the others' streams go on
		e.do(`mutation($id: ID!) { moveTender(id: $id, stage: QUALIFYING) { id } }`, map[string]any{"id": f.tender}, nil)
		if got := decode[tenderChange](t, next(t, stays)).TenderChanged; got.ID != f.tender {
			t.Fatalf("another's stream got %+v", got)
		}
	})
}

// What the live address refuses: nobody signed in, another site, a query
// or mutation (they go to /graphql), more connections than one person
// needs; and a WebSocket speaks graphql-transport-ws, signing in by
// connection_init when its request could not.
func TestLiveRefusesAndSpeaksWebSocket(t *testing.T) {
	httpOnly(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		if _, err := loadtest.Subscribe(context.Background(), e.url, nil, tenderChanges, nil); err == nil || !strings.Contains(err.Error(), "401") {
			t.Fatalf("nobody signed in: %v", err)
		}
		cross := bearer(a["am"])
		cross.Set("Origin", "https://evil.example")
		if _, err := loadtest.Subscribe(context.Background(), e.url, cross, tenderChanges, nil); err == nil || !strings.Contains(err.Error(), "403") {
			t.Fatalf("another site: %v", err)
		}
		s, err := loadtest.Subscribe(context.Background(), e.url, bearer(a["am"]), `{ viewer { id } }`, nil)
		if err != nil {
			t.Fatal(err)
		}
		if ev := <-s.Events; len(ev.Errors) == 0 || !strings.Contains(ev.Errors[0].Message, "/graphql") {
			t.Fatalf("a query on the live address: %+v", ev)
		}
		s.Close()
		for deadline := time.Now().Add(10 * time.Second); e.st.Live.Subscribers() > 0; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the refused stream's sign-in is still watched")
			}
		}
		var open []*loadtest.Stream
		for range server.MaxLiveConnections {
			open = append(open, e.subscribe(bearer(a["om2"]), tenderChanges, nil))
		}
		if _, err := loadtest.Subscribe(context.Background(), e.url, bearer(a["om2"]), tenderChanges, nil); err == nil || !strings.Contains(err.Error(), "TOO_MANY_STREAMS") {
			t.Fatalf("one connection too many: %v", err)
		}
		open[0].Close()

		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		ws, _, err := websocket.Dial(ctx, strings.Replace(e.url, "http", "ws", 1)+"/graphql/live", &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
		if err != nil {
			t.Fatal(err)
		}
		defer ws.CloseNow()
		send := func(v any) {
			if err := wsjson.Write(ctx, ws, v); err != nil {
				t.Fatal(err)
			}
		}
		type message struct {
			Type    string          `json:"type"`
			ID      string          `json:"id"`
			Payload json.RawMessage `json:"payload"`
		}
		read := func(want string) message {
			for {
				var m message
				if err := wsjson.Read(ctx, ws, &m); err != nil {
					t.Fatalf("waiting for %s: %v", want, err)
				}
				if m.Type == want {
					return m
				}
				if m.Type != "ping" && m.Type != "pong" {
					t.Fatalf("waiting for %s got %s %s", want, m.Type, m.Payload)
				}
			}
		}
		send(map[string]any{"type": "connection_init", "payload": map[string]any{"Authorization": "Bearer " + a["am"]}})
		read("connection_ack")
		before := e.st.Live.Subscribers()
		send(map[string]any{"type": "subscribe", "id": "1", "payload": map[string]any{"query": tenderChanges}})
		for deadline := time.Now().Add(10 * time.Second); e.st.Live.Subscribers() <= before; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the socket's subscription was not taken")
			}
		}
		e.do(`mutation($id: ID!) { moveTender(id: $id, stage: QUALIFYING) { id } }`, map[string]any{"id": f.tender}, nil)
		m := read("next")
		var payload struct{ Data tenderChange }
		if err := json.Unmarshal(m.Payload, &payload); err != nil || payload.Data.TenderChanged.ID != f.tender || payload.Data.TenderChanged.Tender.Stage != "QUALIFYING" {
			t.Fatalf("the socket got %s (%v)", m.Payload, err)
		}
	})
}
