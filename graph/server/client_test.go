package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
)

const createClient = `mutation($in: CreateClientInput!) { createClient(input: $in) { id name version status createdAt updatedAt accountManager { id } } }`
const updateClient = `mutation($id: ID!, $in: UpdateClientInput!, $v: Int) { updateClient(id: $id, input: $in, expectedVersion: $v) { id name version updatedAt operationsManager { id } } }`

func TestClientMatrixPair(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		before := e.count("clients")
		in := func(am, om string) map[string]any {
			return map[string]any{"in": map[string]any{"name": "ООО «Новый»", "country": "RU", "city": "Казань", "accountManagerID": am, "operationsManagerID": om}}
		}
		contains(t, e.fail("BAD_USER_INPUT", createClient, in(f.om, f.om)), "accountManagerID", "Олег Новиков", "not an account manager")
		contains(t, e.fail("BAD_USER_INPUT", createClient, in(f.am, f.analyst)), "operationsManagerID", "analyst")
		contains(t, e.fail("BAD_USER_INPUT", createClient, in(f.am, f.road)), "operationsManagerID", "no manager with ID "+f.road)

		e.do(`mutation($id: ID!) { updateManager(id: $id, input: {active: false}) { active } }`, map[string]any{"id": f.am2}, nil)
		contains(t, e.fail("BAD_USER_INPUT", createClient, in(f.am2, f.om)), "no longer works here")
		if n := e.count("clients"); n != before {
			t.Fatalf("refused creations wrote clients: %d, want %d", n, before)
		}

		var out struct {
			CreateClient struct {
				ID, Name, Status, CreatedAt, UpdatedAt string
				Version                                int
				AccountManager                         struct{ ID string }
			}
		}
		e.do(createClient, in(f.am, f.om), &out)
		c := out.CreateClient
		if c.Version != 1 || c.Status != "PROSPECT" || c.AccountManager.ID != f.am || !strings.HasSuffix(c.CreatedAt, "Z") {
			t.Fatalf("created client: %+v", c)
		}
		if _, err := time.Parse(time.RFC3339Nano, c.CreatedAt); err != nil {
			t.Fatalf("createdAt %q is not RFC 3339: %v", c.CreatedAt, err)
		}
		// the client's name is unique: a clear conflict, not SQL; spaces
		// around a name do not make another one
		msg := e.fail("CONFLICT", createClient, in(f.am, f.om))
		contains(t, msg, "name", "another client")
		spaced := in(f.am, f.om)
		spaced["in"].(map[string]any)["name"] = "  ООО «Новый» "
		e.fail("CONFLICT", createClient, spaced)
		blank := in(f.am, f.om)
		blank["in"].(map[string]any)["name"] = "\u200b\u202e "
		contains(t, e.fail("BAD_USER_INPUT", createClient, blank), "name", "must not be empty")

		var upd struct {
			UpdateClient struct {
				Version           int
				UpdatedAt         string
				OperationsManager *struct{ ID string }
			}
		}
		e.do(updateClient, map[string]any{"id": c.ID, "in": map[string]any{"operationsManagerID": f.om2}, "v": 1}, &upd)
		if upd.UpdateClient.Version != 2 || upd.UpdateClient.OperationsManager.ID != f.om2 || upd.UpdateClient.UpdatedAt < c.UpdatedAt {
			t.Fatalf("update: %+v", upd)
		}
		// a gap in the matrix is allowed, and visible
		e.do(updateClient, map[string]any{"id": c.ID, "in": map[string]any{"clearOperationsManager": true}}, &upd)
		if upd.UpdateClient.OperationsManager != nil {
			t.Fatalf("operations manager not cleared: %+v", upd)
		}
		var gaps struct{ Clients struct{ TotalCount int } }
		e.do(`{ clients(where: {hasOperationsManager: false}) { totalCount } }`, nil, &gaps)
		if gaps.Clients.TotalCount != 1 {
			t.Fatalf("clients without an operations manager: %d, want 1", gaps.Clients.TotalCount)
		}
	})
}

func TestManagerRoleChange(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		const upd = `mutation($id: ID!, $in: UpdateManagerInput!) { updateManager(id: $id, input: $in) { role email version } }`
		contains(t, e.fail("BAD_USER_INPUT", upd, map[string]any{"id": f.am, "in": map[string]any{"role": "ANALYST"}}), "role", "1 clients", "1 open tenders")
		contains(t, e.fail("BAD_USER_INPUT", upd, map[string]any{"id": f.om, "in": map[string]any{"role": "ADMIN"}}), "1 unfinished shipments")
		var out struct{ UpdateManager struct{ Role, Email string } }
		e.do(upd, map[string]any{"id": f.am2, "in": map[string]any{"role": "ADMIN", "email": "  Dmitry.Volkov@Example.COM "}}, &out)
		if out.UpdateManager.Role != "ADMIN" || out.UpdateManager.Email != "dmitry.volkov@example.com" {
			t.Fatalf("role change of a free manager: %+v", out)
		}
		contains(t, e.fail("CONFLICT", upd, map[string]any{"id": f.om2, "in": map[string]any{"email": "DMITRY.volkov@example.com"}}), "email")
		contains(t, e.fail("BAD_USER_INPUT", upd, map[string]any{"id": f.om2, "in": map[string]any{"email": "not-an-address"}}), "email", "not an e-mail")
	})
}

func TestContactsFeedbackAndLanes(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		var c struct {
			CreateContact struct{ ID, Name, Phone string }
		}
		e.do(`mutation($in: CreateContactInput!) { createContact(input: $in) { id name phone } }`,
			map[string]any{"in": map[string]any{"clientID": f.client, "name": "Ольга Петрова", "position": "Директор по логистике", "email": "olga@client.ru", "phone": "+7 912 000-00-00"}}, &c)
		e.fail("BAD_USER_INPUT", `mutation($in: CreateContactInput!) { createContact(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"clientID": f.tender, "name": "X"}})

		var l struct {
			CreateLane struct {
				ID, TargetRate, OfferedRate string
				Tender                      struct{ ID string }
			}
		}
		e.do(`mutation($in: CreateLaneInput!) { createLane(input: $in) { id targetRate offeredRate tender { id } } }`,
			map[string]any{"in": map[string]any{"tenderID": f.tender, "origin": "Москва", "destination": "Екатеринбург", "mode": "ROAD",
				"yearlyVolume": 240, "currency": "RUB", "targetRate": "135000", "offeredRate": "139999.99"}}, &l)
		if l.CreateLane.TargetRate != "135000.00" || l.CreateLane.OfferedRate != "139999.99" || l.CreateLane.Tender.ID != f.tender {
			t.Fatalf("lane: %+v", l)
		}

		const fb = `mutation($in: CreateFeedbackInput!) { createFeedback(input: $in) { id score shipment { id } client { id } } }`
		in := func(score int, shipment string) map[string]any {
			m := map[string]any{"clientID": f.client, "score": score, "comment": "Всё вовремя", "receivedAt": ago(time.Hour)}
			if shipment != "" {
				m["shipmentID"] = shipment
			}
			return map[string]any{"in": m}
		}
		e.do(fb, in(5, f.shipment), nil)
		contains(t, e.fail("BAD_USER_INPUT", fb, in(6, "")), "score")
		contains(t, e.fail("BAD_USER_INPUT", fb, in(0, "")), "score")
		other := e.createClient("АО «Чужой»", f.am, f.om)
		foreign := e.createShipment("SH-F-1", other, f.om, "ROAD")
		contains(t, e.fail("BAD_USER_INPUT", fb, in(3, foreign)), "another client")
		future := in(4, "")
		future["in"].(map[string]any)["receivedAt"] = calendar.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
		contains(t, e.fail("BAD_USER_INPUT", fb, future), "receivedAt", "future")
		// a contact and a feedback belong to their client for good
		e.fail("GRAPHQL_VALIDATION_FAILED", `mutation($id: ID!, $c: ID!) { updateContact(id: $id, input: {clientID: $c}) { id } }`, map[string]any{"id": c.CreateContact.ID, "c": other})

		var tree struct {
			Node struct {
				Contacts  struct{ TotalCount int }
				Feedbacks struct{ TotalCount int }
				Tenders   struct {
					Edges []struct {
						Node struct{ Lanes struct{ TotalCount int } }
					}
				}
			}
		}
		e.do(`query($id: ID!) { node(id: $id) { ... on Client { contacts { totalCount } feedbacks { totalCount } tenders { edges { node { lanes { totalCount } } } } } } }`,
			map[string]any{"id": f.client}, &tree)
		if tree.Node.Contacts.TotalCount != 1 || tree.Node.Feedbacks.TotalCount != 1 || tree.Node.Tenders.Edges[0].Node.Lanes.TotalCount != 1 {
			t.Fatalf("client's edges: %+v", tree)
		}
	})
}
