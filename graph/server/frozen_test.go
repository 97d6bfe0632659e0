package server_test

import (
	"fmt"
	"testing"
	"time"
)

// Shipment.frozenFields names exactly the fields updateShipment refuses to
// change now: none while planned, the plan once it is under way; the app
// shows them fixed from it.
func TestShipmentFrozenFieldsAreTheRefusedOnes(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		frozen := func() []string {
			var out struct {
				Node struct{ FrozenFields []string }
			}
			e.do(`query($id: ID!) { node(id: $id) { ... on Shipment { frozenFields } } }`, map[string]any{"id": f.shipment}, &out)
			return out.Node.FrozenFields
		}
		if got := frozen(); len(got) != 0 {
			t.Fatalf("a planned shipment keeps %v", got)
		}
		// with its client's feedback, it stays with that client
		other := e.createShipment(fmt.Sprintf("SH-FB-%d", f.seq), f.client, f.om, "ROAD")
		e.do(`mutation($c: ID!, $s: ID!, $at: Time!) { createFeedback(input: {clientID: $c, shipmentID: $s, score: 4, receivedAt: $at}) { id } }`,
			map[string]any{"c": f.client, "s": other, "at": ago(time.Hour)}, nil)
		var fb struct {
			Node struct{ FrozenFields []string }
		}
		e.do(`query($id: ID!) { node(id: $id) { ... on Shipment { frozenFields } } }`, map[string]any{"id": other}, &fb)
		if len(fb.Node.FrozenFields) != 1 || fb.Node.FrozenFields[0] != "clientID" {
			t.Fatalf("with feedback it keeps %v", fb.Node.FrozenFields)
		}
		elsewhere := e.createClient(fmt.Sprintf("ООО «Другой %d»", f.seq), f.am, f.om)
		r := e.post(`mutation($id: ID!, $c: ID!) { updateShipment(id: $id, input: {clientID: $c}) { id } }`, map[string]any{"id": other, "c": elsewhere})
		if len(r.Errors) == 0 || r.Errors[0].Extensions["reason"] != "SHIPMENT_HAS_FEEDBACK" {
			t.Fatalf("moving it to another client: %+v", r)
		}
		e.do(assignCarrier, map[string]any{"s": f.shipment, "c": f.road}, nil)
		e.do(recordEvent, map[string]any{"s": f.shipment, "kind": "PICKED_UP", "at": ago(time.Hour)}, nil)
		got := frozen()
		if len(got) != 6 {
			t.Fatalf("in transit it keeps %v", got)
		}
		values := map[string]any{
			"clientID": f.client, "mode": "AIR", "origin": "Тула", "destination": "Омск",
			"plannedPickup": soon(time.Hour), "plannedDelivery": soon(48 * time.Hour),
		}
		const update = `mutation($id: ID!, $in: UpdateShipmentInput!) { updateShipment(id: $id, input: $in) { id } }`
		for _, field := range got {
			v, ok := values[field]
			if !ok {
				t.Fatalf("frozen %q, which the test does not know", field)
			}
			r := e.post(update, map[string]any{"id": f.shipment, "in": map[string]any{field: v}})
			if len(r.Errors) == 0 || r.Errors[0].Extensions["reason"] != "SHIPMENT_FROZEN" || r.Errors[0].Extensions["field"] != field {
				t.Errorf("%s is frozen, yet: %+v", field, r)
			}
		}
		// what is not frozen still changes
		e.do(update, map[string]any{"id": f.shipment, "in": map[string]any{"cost": "100000.00", "price": "160000.00"}}, nil)
	})
}
