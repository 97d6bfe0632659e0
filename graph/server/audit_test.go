package server_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/freightgraph/freightgraph/ent/auditentry"
)

type auditEntry struct {
	Operation, Action, RecordType, RecordID, RequestID string
	ClientID                                           *string
	Actor                                              *struct{ ID string }
	Changes                                            []struct {
		Field         string
		Before, After *string
	}
}

func (e *env) trail(where map[string]any) []auditEntry {
	e.t.Helper()
	var out struct {
		AuditTrail struct{ Edges []struct{ Node auditEntry } }
	}
	e.do(`query($w: AuditEntryWhereInput) { auditTrail(first: 100, where: $w) { edges { node {
		operation action recordType recordID requestID clientID actor { id } changes { field before after } } } } }`, map[string]any{"w": where}, &out)
	var list []auditEntry
	for _, edge := range out.AuditTrail.Edges {
		list = append(list, edge.Node)
	}
	return list
}

func change(a auditEntry, field string) (before, after string, ok bool) {
	for _, c := range a.Changes {
		if c.Field == field {
			if c.Before != nil {
				before = *c.Before
			}
			if c.After != nil {
				after = *c.After
			}
			return before, after, true
		}
	}
	return "", "", false
}

func TestAuditTrail(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		am, _ := strconv.Atoi(f.am)
		asAM := e.as(e.tokenFor(am))

		// an update: who, what, when, which fields before and after, and the
		// request it came with
		body, _ := json.Marshal(map[string]any{"query": `mutation($id: ID!) { updateTender(id: $id, input: {title: "Новое", winProbability: 55}) { id } }`, "variables": map[string]any{"id": f.tender}})
		req, _ := http.NewRequest(http.MethodPost, e.url+"/graphql", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+asAM.token)
		req.Header.Set("X-Request-ID", "forged-0000-id") // logged, not used
		res, err := http.DefaultClient.Do(req)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatal(err, res)
		}
		res.Body.Close()
		requestID := res.Header.Get("X-Request-ID")
		list := e.trail(map[string]any{"recordID": f.tender, "action": "UPDATE"})
		if len(list) != 1 {
			t.Fatalf("%d update entries", len(list))
		}
		u := list[0]
		if u.Operation != "updateTender" || u.RecordType != "Tender" || u.Actor == nil || u.Actor.ID != f.am || u.RequestID != requestID || u.ClientID == nil || *u.ClientID != f.client {
			t.Fatalf("the entry: %+v", u)
		}
		if b, a, _ := change(u, "title"); b != "Годовой контракт" || a != "Новое" {
			t.Fatalf("title %q -> %q", b, a)
		}
		if b, a, _ := change(u, "winProbability"); b != "40" || a != "55" {
			t.Fatalf("probability %q -> %q", b, a)
		}
		if b, a, _ := change(u, "version"); b != "1" || a != "2" {
			t.Fatalf("version %q -> %q", b, a)
		}
		if _, _, ok := change(u, "reference"); ok {
			t.Fatal("an unchanged field is in the entry")
		}

		// a creation records the values it was created with
		created := e.trail(map[string]any{"recordID": f.client, "action": "CREATE"})
		if len(created) != 1 || created[0].RecordType != "Client" || created[0].Actor.ID != strconv.Itoa(e.admin) {
			t.Fatalf("the client's creation: %+v", created)
		}
		if b, a, _ := change(created[0], "name"); b != "" || a == "" {
			t.Fatalf("name at creation %q -> %q", b, a)
		}
		// fields go by their API names, enums and IDs as the API writes them
		if _, a, _ := change(created[0], "status"); a != "ACTIVE" {
			t.Fatalf("status at creation %q", a)
		}
		if _, a, _ := change(created[0], "accountManagerID"); a != f.am {
			t.Fatalf("accountManagerID at creation %q", a)
		}

		// a move records who moved it, in the trail and in the stage history
		asAM.do(`mutation($id: ID!) { moveTender(id: $id, stage: QUALIFYING) { id } }`, map[string]any{"id": f.tender}, nil)
		var hist struct {
			Node struct {
				StageHistory struct {
					Edges []struct {
						Node struct {
							To      string
							MovedBy *struct{ ID string }
						}
					}
				}
			}
		}
		e.do(`query($id: ID!) { node(id: $id) { ... on Tender { stageHistory { edges { node { to movedBy { id } } } } } } }`, map[string]any{"id": f.tender}, &hist)
		edges := hist.Node.StageHistory.Edges
		if len(edges) != 2 || edges[1].Node.To != "QUALIFYING" || edges[1].Node.MovedBy == nil || edges[1].Node.MovedBy.ID != f.am ||
			edges[0].Node.MovedBy == nil || edges[0].Node.MovedBy.ID != strconv.Itoa(e.admin) {
			t.Fatalf("stage history: %+v", edges)
		}
		if moves := e.trail(map[string]any{"operation": "moveTender"}); len(moves) != 2 { // the tender and its stage change
			t.Fatalf("%d entries for one move", len(moves))
		}

		// a record moved to another client stays in its former client's
		// history, and its former pair still reads the move
		other := e.createClient("Другой клиент", f.am2, f.om2)
		e.do(`mutation($id: ID!, $c: ID!) { updateShipment(id: $id, input: {clientID: $c}) { id } }`, map[string]any{"id": f.shipment, "c": other}, nil)
		om, _ := strconv.Atoi(f.om)
		om2, _ := strconv.Atoi(f.om2)
		for who, token := range map[string]string{"former": e.tokenFor(om), "new": e.tokenFor(om2)} {
			var seen struct {
				AuditTrail struct{ TotalCount int }
				Old, New   struct{ History struct{ TotalCount int } }
			}
			e.as(token).do(`query($s: ID!, $old: ID!, $new: ID!) {
				auditTrail(where: {recordID: $s, operation: "updateShipment"}) { totalCount }
				old: node(id: $old) { ... on Client { history(first: 1) { totalCount } } }
				new: node(id: $new) { ... on Client { history(first: 1) { totalCount } } }
			}`, map[string]any{"s": f.shipment, "old": f.client, "new": other}, &seen)
			if seen.AuditTrail.TotalCount != 1 {
				t.Fatalf("the %s operations manager sees %d entries of the move", who, seen.AuditTrail.TotalCount)
			}
			// each reads the other client's history only as far as the move
			mine, theirs := seen.Old.History.TotalCount, seen.New.History.TotalCount
			if who == "new" {
				mine, theirs = theirs, mine
			}
			if mine < 2 || theirs != 1 {
				t.Fatalf("the %s operations manager's histories: %+v", who, seen)
			}
		}
		// who holds which token is not the analyst's business
		analyst, _ := strconv.Atoi(f.analyst)
		var tokens struct{ AuditTrail struct{ TotalCount int } }
		e.as(e.tokenFor(analyst)).do(`{ auditTrail(where: {recordType: "APIToken"}) { totalCount } }`, nil, &tokens)
		if tokens.AuditTrail.TotalCount != 0 || len(e.trail(map[string]any{"recordType": "APIToken"})) == 0 {
			t.Fatalf("the analyst sees %d token entries", tokens.AuditTrail.TotalCount)
		}

		// a failed operation leaves no entry: the trail is in its transaction
		before := e.count("auditTrail")
		r := e.post(`mutation($c: ID!) {
			ok: createContact(input: {name: "Будет отменён", clientID: $c}) { id }
			bad: moveTender(id: "1", stage: WON) { id }
		}`, map[string]any{"c": f.client})
		if len(r.Errors) == 0 {
			t.Fatal("the failing operation succeeded")
		}
		if after := e.count("auditTrail"); after != before {
			t.Fatalf("a rolled-back operation left %d entries", after-before)
		}

		// append-only, even for the server's own work
		if _, err := e.st.Client.AuditEntry.Update().Save(system()); err == nil {
			t.Fatal("an audit entry was changed")
		}
		if _, err := e.st.Client.AuditEntry.Delete().Where(auditentry.RecordID(am)).Exec(system()); err == nil {
			t.Fatal("an audit entry was deleted")
		}
	})
}
