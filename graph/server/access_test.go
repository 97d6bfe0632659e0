package server_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
)

// The roles a request can act for, against one fixture: the client's pair
// (am owns the tender, om runs the shipment), the other pair, an analyst,
// an administrator, and nobody.
var roles = []string{"admin", "am", "om", "am2", "om2", "analyst", "nobody"}

// actors are the tokens of one fixture's managers.
type actors map[string]string

func (e *env) actors(f fixture) actors {
	e.t.Helper()
	a := actors{"admin": e.token, "nobody": ""}
	for role, id := range map[string]string{"am": f.am, "om": f.om, "am2": f.am2, "om2": f.om2, "analyst": f.analyst} {
		n, _ := strconv.Atoi(id)
		a[role] = e.tokenFor(n)
	}
	return a
}

// accessCase is one operation and who may run it. op builds the operation
// on a fresh fixture (as admin, setting up what it needs).
type accessCase struct {
	name    string
	allowed []string
	op      func(e *env, f fixture) (string, map[string]any)
	// denied is the code for a role not allowed; FORBIDDEN unless said
	denied string
	// deniedExcept gives some roles another code: a refusal for another
	// reason, for those the rule lets through
	deniedExcept map[string]string
}

func soon(d time.Duration) string { return calendar.Now().Add(d).UTC().Format(time.RFC3339) }

var accessCases = []accessCase{
	{name: "createManager", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation { createManager(input: {name: "Новый", email: "new` + f.client + `@example.com", role: ANALYST}) { id } }`, nil
	}},
	{name: "updateManager", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!) { updateManager(id: $id, input: {name: "Переименован"}) { id } }`, map[string]any{"id": f.om2}
	}},
	{name: "updateManager own role", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!) { updateManager(id: $id, input: {active: false}) { id } }`, map[string]any{"id": f.analyst}
	}},
	{name: "updateManager on the analyst's own record", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!) { updateManager(id: $id, input: {name: "Ирина П."}) { version } }`, map[string]any{"id": f.analyst}
	}},
	{name: "setManagerPassword", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!) { setManagerPassword(id: $id, newPassword: "a new password") { id } }`, map[string]any{"id": f.om2}
	}},
	{name: "createClient", allowed: []string{"admin", "am", "am2"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($om: ID!) { createClient(input: {name: "Новый клиент ` + f.client + `", country: "RU", city: "Тверь", status: PROSPECT, operationsManagerID: $om}) { id } }`, map[string]any{"om": f.om}
	}},
	{name: "createClient naming its account manager", allowed: []string{"admin", "am2"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($am: ID!) { createClient(input: {name: "Чужой клиент ` + f.client + `", country: "RU", city: "Тверь", status: PROSPECT, accountManagerID: $am}) { id } }`, map[string]any{"am": f.am2}
	}},
	{name: "updateClient", allowed: []string{"admin", "am", "om"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!) { updateClient(id: $id, input: {industry: "Химия"}) { id } }`, map[string]any{"id": f.client}
	}},
	{name: "updateClient pair", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!, $om: ID!) { updateClient(id: $id, input: {operationsManagerID: $om}) { id } }`, map[string]any{"id": f.client, "om": f.om2}
	}},
	{name: "updateClient clear pair", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!) { updateClient(id: $id, input: {clearAccountManager: true}) { id } }`, map[string]any{"id": f.client}
	}},
	{name: "createContact", allowed: []string{"admin", "am", "om"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($c: ID!) { createContact(input: {name: "Пётр", clientID: $c}) { id } }`, map[string]any{"c": f.client}
	}},
	{name: "updateContact", allowed: []string{"admin", "am", "om"}, op: func(e *env, f fixture) (string, map[string]any) {
		id := e.mutate("createContact", `mutation($c: ID!) { createContact(input: {name: "Пётр", clientID: $c}) { id } }`, map[string]any{"c": f.client})["id"]
		return `mutation($id: ID!) { updateContact(id: $id, input: {position: "Директор"}) { id } }`, map[string]any{"id": id}
	}},
	{name: "createTender", allowed: []string{"admin", "am"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($c: ID!, $o: ID!, $d: Time!) { createTender(input: {reference: "T-NEW-` + f.client + `", title: "Новый", clientID: $c, ownerID: $o, estimatedValue: "1000", currency: RUB, submissionDeadline: $d}) { id } }`,
			map[string]any{"c": f.client, "o": f.am, "d": soon(240 * time.Hour)}
	}},
	{name: "createTender owned by a colleague", allowed: []string{"admin", "am"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($c: ID!, $o: ID!, $d: Time!) { createTender(input: {reference: "T-COL-` + f.client + `", title: "Помощь коллеги", clientID: $c, ownerID: $o, estimatedValue: "1000", currency: RUB, submissionDeadline: $d}) { id } }`,
			map[string]any{"c": f.client, "o": f.am2, "d": soon(240 * time.Hour)}
	}},
	{name: "updateTender", allowed: []string{"admin", "am"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!) { updateTender(id: $id, input: {title: "Новое название"}) { id } }`, map[string]any{"id": f.tender}
	}},
	{name: "updateTender to another client", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		other := e.createClient("Другой "+f.client, f.am2, f.om2)
		return `mutation($id: ID!, $c: ID!, $o: ID!) { updateTender(id: $id, input: {clientID: $c, ownerID: $o}) { id } }`, map[string]any{"id": f.tender, "c": other, "o": f.am2}
	}},
	{name: "updateTender to the owner's own client", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		// am handed a tender to am2; am2 may not take it to a client of theirs
		t := e.createTender("T-AWAY-"+f.client, f.client, f.am2)
		other := e.createClient("Клиент Дмитрия "+f.client, f.am2, f.om2)
		return `mutation($id: ID!, $c: ID!) { updateTender(id: $id, input: {clientID: $c}) { id } }`, map[string]any{"id": t, "c": other}
	}},
	{name: "updateShipment to the runner's own client", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		s := e.createShipment("SH-AWAY-"+f.client, f.client, f.om2, "ROAD")
		other := e.createClient("Клиент Татьяны "+f.client, f.am2, f.om2)
		return `mutation($id: ID!, $c: ID!) { updateShipment(id: $id, input: {clientID: $c}) { id } }`, map[string]any{"id": s, "c": other}
	}},
	{name: "updateTender client only, by its owner", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		// am2 owns a tender of am's client and tries to move it to om2's
		// client, which has no account manager of theirs
		t := e.createTender("T-OWN-"+f.client, f.client, f.am2)
		other := e.createClient("Третий "+f.client, "", f.om2)
		return `mutation($id: ID!, $c: ID!) { updateTender(id: $id, input: {clientID: $c}) { id } }`, map[string]any{"id": t, "c": other}
	}},
	{name: "moveTender", allowed: []string{"admin", "am"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!) { moveTender(id: $id, stage: QUALIFYING) { id } }`, map[string]any{"id": f.tender}
	}},
	{name: "createLane", allowed: []string{"admin", "am"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($t: ID!) { createLane(input: {tenderID: $t, origin: "Москва", destination: "Пермь", mode: ROAD, currency: RUB}) { id } }`, map[string]any{"t": f.tender}
	}},
	{name: "updateLane", allowed: []string{"admin", "am"}, op: func(e *env, f fixture) (string, map[string]any) {
		id := e.mutate("createLane", `mutation($t: ID!) { createLane(input: {tenderID: $t, origin: "Москва", destination: "Пермь", mode: ROAD, currency: RUB}) { id } }`, map[string]any{"t": f.tender})["id"]
		return `mutation($id: ID!) { updateLane(id: $id, input: {offeredRate: "95000"}) { id } }`, map[string]any{"id": id}
	}},
	{name: "createShipment", allowed: []string{"admin", "om"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($c: ID!, $o: ID!, $p: Time!, $d: Time!) { createShipment(input: {reference: "SH-NEW-` + f.client + `", clientID: $c, operationsManagerID: $o, mode: ROAD, origin: "Москва", destination: "Тула", plannedPickup: $p, plannedDelivery: $d, currency: RUB, price: "1000"}) { id } }`,
			map[string]any{"c": f.client, "o": f.om, "p": soon(48 * time.Hour), "d": soon(96 * time.Hour)}
	}},
	{name: "createShipment run by a colleague", allowed: []string{"admin", "om"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($c: ID!, $o: ID!, $p: Time!, $d: Time!) { createShipment(input: {reference: "SH-COL-` + f.client + `", clientID: $c, operationsManagerID: $o, mode: ROAD, origin: "Москва", destination: "Тула", plannedPickup: $p, plannedDelivery: $d, currency: RUB, price: "1000"}) { id } }`,
			map[string]any{"c": f.client, "o": f.om2, "p": soon(48 * time.Hour), "d": soon(96 * time.Hour)}
	}},
	{name: "updateShipment to another client", allowed: []string{"admin"}, op: func(e *env, f fixture) (string, map[string]any) {
		other := e.createClient("Другой "+f.client, f.am2, f.om2)
		return `mutation($id: ID!, $c: ID!) { updateShipment(id: $id, input: {clientID: $c}) { id } }`, map[string]any{"id": f.shipment, "c": other}
	}},
	{name: "updateShipment", allowed: []string{"admin", "om"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!) { updateShipment(id: $id, input: {weightKg: 900}) { id } }`, map[string]any{"id": f.shipment}
	}},
	{name: "assignCarrier", allowed: []string{"admin", "om"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($s: ID!, $c: ID!) { assignCarrier(shipmentID: $s, carrierID: $c) { id } }`, map[string]any{"s": f.shipment, "c": f.road}
	}},
	{name: "recordShipmentEvent", allowed: []string{"admin", "om"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($s: ID!, $at: Time!) { recordShipmentEvent(shipmentID: $s, kind: EXCEPTION, at: $at, note: "Повреждена упаковка") { id } }`,
			map[string]any{"s": f.shipment, "at": calendar.Now().UTC().Format(time.RFC3339Nano)}
	}},
	{name: "assignCarrier of a carrier that does not exist", allowed: []string{}, op: func(e *env, f fixture) (string, map[string]any) {
		// who may not run the shipment is told so first, not what else is wrong
		return `mutation($s: ID!) { assignCarrier(shipmentID: $s, carrierID: "999") { id } }`, map[string]any{"s": f.shipment}
	}, deniedExcept: map[string]string{"admin": "BAD_USER_INPUT", "om": "BAD_USER_INPUT"}},
	{name: "moveTender out of WON", allowed: []string{}, op: func(e *env, f fixture) (string, map[string]any) {
		for _, stage := range []string{"QUALIFYING", "PREPARING", "SUBMITTED", "WON"} {
			e.do(`mutation($id: ID!, $s: TenderStage!) { moveTender(id: $id, stage: $s) { id } }`, map[string]any{"id": f.tender, "s": stage}, nil)
		}
		return `mutation($id: ID!) { moveTender(id: $id, stage: LOST, lostReason: "передумали") { id } }`, map[string]any{"id": f.tender}
	}, deniedExcept: map[string]string{"admin": "BAD_USER_INPUT", "am": "BAD_USER_INPUT"}},
	{name: "createCarrier", allowed: []string{"admin", "om", "om2"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation { createCarrier(input: {name: "Новый перевозчик ` + f.client + `", modes: [SEA], country: "CN"}) { id } }`, nil
	}},
	{name: "updateCarrier", allowed: []string{"admin", "om", "om2"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($id: ID!) { updateCarrier(id: $id, input: {active: false}) { id } }`, map[string]any{"id": f.air}
	}},
	{name: "createFeedback", allowed: []string{"admin", "am", "om"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation($c: ID!, $at: Time!) { createFeedback(input: {clientID: $c, score: 4, receivedAt: $at}) { id } }`, map[string]any{"c": f.client, "at": soon(-time.Hour)}
	}},
	{name: "updateFeedback", allowed: []string{"admin", "am", "om"}, op: func(e *env, f fixture) (string, map[string]any) {
		id := e.mutate("createFeedback", `mutation($c: ID!, $at: Time!) { createFeedback(input: {clientID: $c, score: 4, receivedAt: $at}) { id } }`, map[string]any{"c": f.client, "at": soon(-time.Hour)})["id"]
		return `mutation($id: ID!) { updateFeedback(id: $id, input: {score: 2}) { id } }`, map[string]any{"id": id}
	}},
	{name: "createAPIToken", allowed: []string{"admin", "am", "om", "am2", "om2", "analyst"}, op: func(e *env, f fixture) (string, map[string]any) {
		return `mutation { createAPIToken(name: "script") { token apiToken { id } } }`, nil
	}},
	{name: "revokeAPIToken of another", allowed: []string{"am", "admin"}, denied: "NOT_FOUND", op: func(e *env, f fixture) (string, map[string]any) {
		// am's token, which only am can see
		var out struct {
			CreateAPIToken struct{ APIToken struct{ ID string } }
		}
		n, _ := strconv.Atoi(f.am)
		e.as(e.tokenFor(n)).do(`mutation { createAPIToken(name: "to revoke") { apiToken { id } } }`, nil, &out)
		return `mutation($id: ID!) { revokeAPIToken(id: $id) { id revokedAt } }`, map[string]any{"id": out.CreateAPIToken.APIToken.ID}
	}},
}

// TestAccessMatrix runs every role against every mutation: each allowed
// role on a fresh fixture must succeed, and each other role must be refused
// with its code and leave nothing written (the audit trail, which every
// write adds to, does not grow).
func TestAccessMatrix(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		for _, c := range accessCases {
			t.Run(c.name, func(t *testing.T) {
				e := e.in(t)
				f := e.fixture()
				a := e.actors(f)
				q, vars := c.op(e, f)
				before := e.count("auditTrail")
				allowed := map[string]bool{}
				for _, r := range c.allowed {
					allowed[r] = true
				}
				for _, role := range roles {
					if allowed[role] {
						continue
					}
					r := e.as(a[role]).post(q, vars)
					want := c.denied
					switch {
					case role == "nobody":
						want = "UNAUTHENTICATED"
						if r.Status != http.StatusUnauthorized {
							t.Errorf("%s: nobody got HTTP %d", c.name, r.Status)
						}
					case c.deniedExcept[role] != "":
						want = c.deniedExcept[role]
					case want == "":
						want = "FORBIDDEN"
					}
					if len(r.Errors) == 0 || r.Errors[0].code() != want {
						t.Errorf("%s as %s: want %s, got %s %+v", c.name, role, want, r.Data, r.Errors)
					}
				}
				if after := e.count("auditTrail"); after != before {
					t.Errorf("%s: refused attempts wrote %d audit entries", c.name, after-before)
				}
				for i, role := range c.allowed {
					if i > 0 { // each allowed role acts on a world of its own
						f = e.fixture()
						a = e.actors(f)
						q, vars = c.op(e, f)
					}
					before := e.count("auditTrail")
					e.as(a[role]).do(q, vars, nil)
					if e.count("auditTrail") == before {
						t.Errorf("%s as %s: succeeded without an audit entry", c.name, role)
					}
				}
			})
		}
	})
}

// TestAccessReads samples reads: the business graph is everyone's, through
// roots, edges and node; tokens are their owner's; the audit trail is
// ADMIN's, ANALYST's and the client's pair's.
func TestAccessReads(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		// an entry of the client's record, and am's own token
		var entries struct {
			AuditTrail struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		e.do(`query($c: ID!) { auditTrail(first: 1, where: {clientID: $c}) { edges { node { id } } } }`, map[string]any{"c": f.client}, &entries)
		entry := entries.AuditTrail.Edges[0].Node.ID
		var tokens struct{ APITokens []struct{ ID string } }
		e.as(a["am"]).do(`{ apiTokens { id } }`, nil, &tokens)
		if len(tokens.APITokens) != 1 {
			t.Fatalf("am lists %d tokens, want their one", len(tokens.APITokens))
		}
		amToken := tokens.APITokens[0].ID
		total := e.count("auditTrail")
		var tokenEntries struct{ AuditTrail struct{ TotalCount int } }
		e.do(`{ auditTrail(where: {recordType: "APIToken"}) { totalCount } }`, nil, &tokenEntries)
		// operations managers keep the carriers, and read their entries
		var carrierEntries struct{ AuditTrail struct{ TotalCount int } }
		e.do(`{ auditTrail(where: {recordType: "Carrier"}) { totalCount } }`, nil, &carrierEntries)
		if carrierEntries.AuditTrail.TotalCount == 0 {
			t.Fatal("no carrier's entries to read")
		}

		for _, role := range roles {
			t.Run(role, func(t *testing.T) {
				as := e.in(t).as(a[role])
				q := `query($t: ID!, $c: ID!, $e: ID!, $k: ID!) {
					viewer { id }
					tender: node(id: $t) { ... on Tender { reference client { name tenders { totalCount } } } }
					client: node(id: $c) { ... on Client { history { totalCount } } }
					entry: node(id: $e) { id }
					token: node(id: $k) { id }
					auditTrail { totalCount }
					apiTokens { id }
				}`
				r := as.post(q, map[string]any{"t": f.tender, "c": f.client, "e": entry, "k": amToken})
				if role == "nobody" {
					if r.Status != http.StatusUnauthorized || len(r.Errors) != 1 || r.Errors[0].code() != "UNAUTHENTICATED" || r.Data != nil {
						t.Fatalf("nobody read: %d %s %+v", r.Status, r.Data, r.Errors)
					}
					return
				}
				var out struct {
					Viewer struct{ ID string }
					Tender *struct {
						Reference string
						Client    struct{ Tenders struct{ TotalCount int } }
					}
					Client     struct{ History struct{ TotalCount int } }
					Entry      *struct{ ID string }
					Token      *struct{ ID string }
					AuditTrail struct{ TotalCount int }
					APITokens  []struct{ ID string }
				}
				if err := json.Unmarshal(r.Data, &out); err != nil {
					t.Fatal(err)
				}
				if out.Tender == nil || out.Tender.Client.Tenders.TotalCount != 1 {
					t.Errorf("the tender through node and its client's edge: %s", r.Data)
				}
				wantViewer := map[string]string{"am": f.am, "om": f.om, "am2": f.am2, "om2": f.om2, "analyst": f.analyst}[role]
				if role != "admin" && out.Viewer.ID != wantViewer {
					t.Errorf("viewer is %s, want %s", out.Viewer.ID, wantViewer)
				}
				if len(out.APITokens) != 1 {
					t.Errorf("lists %d tokens, want only their own one", len(out.APITokens))
				}
				seesTrail := role == "admin" || role == "analyst"
				pair := role == "am" || role == "om"
				want := total
				if role == "analyst" {
					want -= tokenEntries.AuditTrail.TotalCount // who holds which token is not theirs to know
				}
				switch {
				case seesTrail && out.AuditTrail.TotalCount != want:
					t.Errorf("sees %d of %d audit entries", out.AuditTrail.TotalCount, total)
				case pair && (out.AuditTrail.TotalCount == 0 || out.AuditTrail.TotalCount >= total):
					t.Errorf("the pair sees %d of %d audit entries: want their client's only", out.AuditTrail.TotalCount, total)
				case role == "om2" && out.AuditTrail.TotalCount != carrierEntries.AuditTrail.TotalCount:
					t.Errorf("an operations manager of other clients sees %d audit entries, want the carriers' %d", out.AuditTrail.TotalCount, carrierEntries.AuditTrail.TotalCount)
				case !seesTrail && !pair && role != "om2" && out.AuditTrail.TotalCount != 0:
					t.Errorf("sees %d audit entries of clients not theirs", out.AuditTrail.TotalCount)
				}
				if (seesTrail || pair) != (out.Client.History.TotalCount > 0) || (seesTrail || pair) != (out.Entry != nil) {
					t.Errorf("the client's history through the edge and node: %s", r.Data)
				}
				if (role == "am" || role == "admin") != (out.Token != nil) {
					t.Errorf("am's token through node: %s", r.Data)
				}
				for _, err := range r.Errors {
					if err.code() != "NOT_FOUND" {
						t.Errorf("unexpected error %+v", err)
					}
				}
			})
		}
	})
}
