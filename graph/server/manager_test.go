package server_test

import (
	"encoding/json"
	"fmt"
	"testing"
)

// refusal runs an operation that must be refused with code and returns its
// reason and parameters.
func (e *env) refusal(code, query string, vars map[string]any) (string, map[string]any) {
	e.t.Helper()
	r := e.post(query, vars)
	if len(r.Errors) == 0 || r.Errors[0].code() != code {
		e.t.Fatalf("expected %s, got %+v", code, r)
	}
	reason, _ := r.Errors[0].Extensions["reason"].(string)
	params, _ := r.Errors[0].Extensions["params"].(map[string]any)
	return reason, params
}

const deactivate = `mutation($id: ID!, $to: ID, $v: Int) { deactivateManager(id: $id, successorID: $to, expectedVersion: $v) { active version work { clients openTenders unfinishedShipments } } }`

// A manager who leaves hands their work to a colleague in the same role, in
// one transaction with their leaving; without one, they are refused with
// what they hold, through deactivateManager and updateManager alike.
func TestDeactivateManagerHandsOverTheirWork(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		goneAM := e.createManager("Уходящий Менеджер", fmt.Sprintf("leaving-am%d@example.com", f.seq), "ACCOUNT_MANAGER")
		goneOM := e.createManager("Уходящая Операционист", fmt.Sprintf("leaving-om%d@example.com", f.seq), "OPERATIONS_MANAGER")
		client := e.createClient(fmt.Sprintf("ООО «Уход %d»", f.seq), goneAM, goneOM)
		open := e.createTender(fmt.Sprintf("T-LEAVE-%d", f.seq), client, goneAM)
		// a tender they own on a client of someone else's is theirs to pass on too
		elsewhere := e.createTender(fmt.Sprintf("T-LEAVE-B-%d", f.seq), f.client, goneAM)
		running := e.createShipment(fmt.Sprintf("SH-LEAVE-%d", f.seq), client, goneOM, "ROAD")

		// what each holds, read for a list of managers in one batch
		var list struct {
			Managers struct {
				Edges []struct {
					Node struct {
						ID   string
						Work map[string]int
					}
				}
			}
		}
		e.do(`query($ids: [ID!]) { managers(where: {idIn: $ids}) { edges { node { id work { clients openTenders unfinishedShipments } } } } }`,
			map[string]any{"ids": []string{goneAM, goneOM, f.analyst}}, &list)
		held := map[string]map[string]int{}
		for _, e := range list.Managers.Edges {
			held[e.Node.ID] = e.Node.Work
		}
		same(t, "what each holds", held, map[string]map[string]int{
			goneAM:    {"clients": 1, "openTenders": 2, "unfinishedShipments": 0},
			goneOM:    {"clients": 1, "openTenders": 0, "unfinishedShipments": 1},
			f.analyst: {"clients": 0, "openTenders": 0, "unfinishedShipments": 0},
		})

		reason, params := e.refusal("BAD_USER_INPUT", `mutation($id: ID!) { updateManager(id: $id, input: {active: false}) { id } }`, map[string]any{"id": goneAM})
		same(t, "leaving with work, by updateManager", []any{reason, params}, []any{"MANAGER_HOLDS_WORK",
			map[string]any{"role": "ACCOUNT_MANAGER", "clients": 1, "tenders": 2, "shipments": 0}})
		reason, params = e.refusal("BAD_USER_INPUT", deactivate, map[string]any{"id": goneOM})
		same(t, "leaving with work, no successor", []any{reason, params}, []any{"MANAGER_HOLDS_WORK",
			map[string]any{"role": "OPERATIONS_MANAGER", "clients": 1, "tenders": 0, "shipments": 1}})
		reason, params = e.refusal("BAD_USER_INPUT", deactivate, map[string]any{"id": goneAM, "to": f.om})
		same(t, "a successor in another role", []any{reason, params["role"], params["want"]}, []any{"MANAGER_ROLE", "OPERATIONS_MANAGER", "ACCOUNT_MANAGER"})
		reason, _ = e.refusal("BAD_USER_INPUT", deactivate, map[string]any{"id": goneAM, "to": goneAM})
		same(t, "oneself as successor", reason, "SUCCESSOR_SELF")
		reason, _ = e.as(a["am"]).refusal("FORBIDDEN", deactivate, map[string]any{"id": goneAM, "to": f.am2})
		same(t, "not an administrator", reason, "ONLY_ADMIN")
		// a refusal after the hand-over began (a version the manager never
		// had) undoes the hand-over: the client still has its pair
		reason, _ = e.refusal("BAD_USER_INPUT", deactivate, map[string]any{"id": goneAM, "to": f.am2, "v": 99})
		same(t, "a version never had", reason, "NO_SUCH_VERSION")
		var pair struct {
			Node struct {
				AccountManager, OperationsManager struct{ ID string }
			}
		}
		e.do(`query($id: ID!) { node(id: $id) { ... on Client { accountManager { id } operationsManager { id } } } }`, map[string]any{"id": client}, &pair)
		same(t, "the pair after refusals", []string{pair.Node.AccountManager.ID, pair.Node.OperationsManager.ID}, []string{goneAM, goneOM})

		trail := e.count("auditTrail")
		var out struct {
			DeactivateManager struct {
				Active  bool
				Version int
				Work    map[string]int
			}
		}
		e.do(deactivate, map[string]any{"id": goneAM, "to": f.am2}, &out)
		e.do(deactivate, map[string]any{"id": goneOM, "to": f.om2}, nil)
		same(t, "the one who left", out.DeactivateManager.Active, false)
		same(t, "what they hold after", out.DeactivateManager.Work, map[string]int{"clients": 0, "openTenders": 0, "unfinishedShipments": 0})
		e.do(`query($id: ID!) { node(id: $id) { ... on Client { accountManager { id } operationsManager { id } } } }`, map[string]any{"id": client}, &pair)
		same(t, "the pair after the hand-over", []string{pair.Node.AccountManager.ID, pair.Node.OperationsManager.ID}, []string{f.am2, f.om2})
		for _, id := range []string{open, elsewhere} {
			var tender struct {
				Node struct{ Owner struct{ ID string } }
			}
			e.do(`query($id: ID!) { node(id: $id) { ... on Tender { owner { id } } } }`, map[string]any{"id": id}, &tender)
			same(t, "a tender's owner", tender.Node.Owner.ID, f.am2)
		}
		var ship struct {
			Node struct{ OperationsManager struct{ ID string } }
		}
		e.do(`query($id: ID!) { node(id: $id) { ... on Shipment { operationsManager { id } } } }`, map[string]any{"id": running}, &ship)
		same(t, "the shipment's operations manager", ship.Node.OperationsManager.ID, f.om2)
		// each record changed has its entry, and each manager who left theirs:
		// client twice, two tenders, one shipment, two managers
		if got := e.count("auditTrail") - trail; got != 7 {
			t.Errorf("the hand-over wrote %d audit entries, want 7", got)
		}
		reason, params = e.refusal("BAD_USER_INPUT", deactivate, map[string]any{"id": goneAM, "to": f.am2})
		same(t, "leaving twice", []any{reason, params["name"]}, []any{"MANAGER_INACTIVE", "Уходящий Менеджер"})
		// an analyst holds nothing and leaves without a successor
		e.do(deactivate, map[string]any{"id": f.analyst}, nil)
	})
}

func same(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s: %s, want %s", what, g, w)
	}
}
