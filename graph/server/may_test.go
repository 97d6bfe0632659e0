package server_test

import (
	"fmt"
	"testing"
)

// What the server tells the app a viewer may do is what the writes then
// allow: for every role, each answer is put to the write it stands for. A
// yes must not meet a refusal by role; a no must.
func TestViewerCanIsWhatTheWritesAllow(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		for _, role := range []string{"admin", "am", "om", "am2", "om2", "analyst"} {
			f := e.fixture()
			a := e.actors(f)
			as := e.as(a[role])
			ids := map[string]string{"admin": f.am, "am": f.am, "om": f.om, "am2": f.am2, "om2": f.om2, "analyst": f.analyst}
			am, om := f.am, f.om
			if role == "am" || role == "am2" {
				am = ids[role]
			}
			if role == "om" || role == "om2" {
				om = ids[role]
			}
			var can struct {
				ViewerCan map[string]bool
				Client    struct{ ViewerCan map[string]bool }
				Tender    struct{ ViewerCanEdit bool }
				Shipment  struct{ ViewerCanRun bool }
			}
			as.do(`query($c: ID!, $t: ID!, $s: ID!) {
				viewerCan { createClient createTender createShipment keepCarriers manageManagers reassignClients readAuditTrail }
				client: node(id: $c) { ... on Client { viewerCan { edit addTender addShipment reassign } } }
				tender: node(id: $t) { ... on Tender { viewerCanEdit } }
				shipment: node(id: $s) { ... on Shipment { viewerCanRun } } }`,
				map[string]any{"c": f.client, "t": f.tender, "s": f.shipment}, &can)

			// refusedByRole reports whether the write was refused for who the
			// viewer is (FORBIDDEN), as opposed to done or refused for its input
			refusedByRole := func(query string, vars map[string]any) bool {
				t.Helper()
				r := as.post(query, vars)
				return len(r.Errors) > 0 && r.Errors[0].code() == "FORBIDDEN"
			}
			check := func(what string, may bool, query string, vars map[string]any) {
				t.Helper()
				if refused := refusedByRole(query, vars); refused == may {
					t.Errorf("%s: the server says %s may %s: %v, and the write was refused by role: %v", role, role, what, may, refused)
				}
			}
			n := fmt.Sprintf("%s-%d", role, f.seq)
			check("createClient", can.ViewerCan["createClient"], `mutation($in: CreateClientInput!) { createClient(input: $in) { id } }`,
				map[string]any{"in": map[string]any{"name": "ООО «Проба " + n + "»", "country": "RU", "city": "Тверь", "accountManagerID": am, "operationsManagerID": f.om}})
			check("keepCarriers", can.ViewerCan["keepCarriers"], `mutation($in: CreateCarrierInput!) { createCarrier(input: $in) { id } }`,
				map[string]any{"in": map[string]any{"name": "Проба " + n, "modes": []string{"ROAD"}, "country": "RU"}})
			check("manageManagers", can.ViewerCan["manageManagers"], `mutation($in: CreateManagerInput!) { createManager(input: $in) { id } }`,
				map[string]any{"in": map[string]any{"name": "Проба", "email": "probe-" + n + "@example.com", "role": "ANALYST"}})
			reassign := `mutation($ids: [ID!]!, $am: ID) { reassignClients(clientIDs: $ids, accountManagerID: $am) { id } }`
			check("reassignClients", can.ViewerCan["reassignClients"], reassign, map[string]any{"ids": []string{f.client}, "am": f.am})
			check("reassign this client", can.Client.ViewerCan["reassign"], reassign, map[string]any{"ids": []string{f.client}, "am": f.am})
			check("edit the client", can.Client.ViewerCan["edit"], `mutation($id: ID!) { updateClient(id: $id, input: {city: "Тверь"}) { id } }`, map[string]any{"id": f.client})
			tender := `mutation($in: CreateTenderInput!) { createTender(input: $in) { id } }`
			tin := func(ref string) map[string]any {
				return map[string]any{"in": map[string]any{"reference": ref, "title": "Проба", "clientID": f.client, "ownerID": am,
					"estimatedValue": "1000", "currency": "RUB", "submissionDeadline": soon(240 * 3600e9)}}
			}
			check("add a tender to the client", can.Client.ViewerCan["addTender"], tender, tin("T-CAN-"+n))
			shipment := `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id } }`
			sin := map[string]any{"in": map[string]any{"reference": "SH-CAN-" + n, "clientID": f.client, "operationsManagerID": om, "mode": "ROAD",
				"origin": "Москва", "destination": "Тверь", "plannedPickup": soon(48 * 3600e9), "plannedDelivery": soon(96 * 3600e9),
				"currency": "RUB", "price": "1000", "weightKg": 10}}
			check("add a shipment to the client", can.Client.ViewerCan["addShipment"], shipment, sin)
			check("edit the tender", can.Tender.ViewerCanEdit, `mutation($id: ID!) { updateTender(id: $id, input: {title: "Проба"}) { id } }`, map[string]any{"id": f.tender})
			check("run the shipment", can.Shipment.ViewerCanRun, `mutation($id: ID!) { updateShipment(id: $id, input: {weightKg: 11}) { id } }`, map[string]any{"id": f.shipment})

			// the global answers: a no is a refusal by role on any client, a
			// yes is one on a client of the viewer's own at most
			if !can.ViewerCan["createTender"] && !refusedByRole(tender, tin("T-CAN2-"+n)) {
				t.Errorf("%s may not createTender, but the write was not refused by role", role)
			}
			if !can.ViewerCan["createShipment"] && !refusedByRole(shipment, sin) {
				t.Errorf("%s may not createShipment, but the write was not refused by role", role)
			}
			if can.Client.ViewerCan["addTender"] && !can.ViewerCan["createTender"] || can.Client.ViewerCan["addShipment"] && !can.ViewerCan["createShipment"] {
				t.Errorf("%s may add work to a client without being one who creates it: %+v", role, can)
			}
			var trail struct{ AuditTrail struct{ TotalCount int } }
			as.do(`{ auditTrail(where: {recordType: "Manager"}) { totalCount } }`, nil, &trail)
			if (trail.AuditTrail.TotalCount > 0) != can.ViewerCan["readAuditTrail"] {
				t.Errorf("%s: readAuditTrail %v, yet reads %d managers' entries", role, can.ViewerCan["readAuditTrail"], trail.AuditTrail.TotalCount)
			}
		}
	})
}
