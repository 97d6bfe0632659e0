package server_test

import (
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
)

const assignCarrier = `mutation($s: ID!, $c: ID!, $v: Int) {
  assignCarrier(shipmentID: $s, carrierID: $c, expectedVersion: $v) {
    status version carrier { id name }
    events(orderBy: {field: AT}) { totalCount edges { node { kind note carrier { id } replacedCarrier { id } } } }
  }
}`

const recordEvent = `mutation($s: ID!, $kind: ShipmentEventKind!, $at: Time!, $note: String, $eta: Time, $v: Int) {
  recordShipmentEvent(shipmentID: $s, kind: $kind, at: $at, note: $note, estimatedDelivery: $eta, expectedVersion: $v) {
    status version actualPickup actualDelivery estimatedDelivery isLate
    events { totalCount }
  }
}`

type assigned struct {
	AssignCarrier struct {
		Status  string
		Version int
		Carrier *struct{ ID, Name string }
		Events  struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Kind, Note      string
					Carrier         *struct{ ID string }
					ReplacedCarrier *struct{ ID string }
				}
			}
		}
	}
}

type recorded struct {
	RecordShipmentEvent struct {
		Status                                          string
		Version                                         int
		ActualPickup, ActualDelivery, EstimatedDelivery *string
		IsLate                                          bool
		Events                                          struct{ TotalCount int }
	}
}

func ago(d time.Duration) string { return calendar.Now().Add(-d).UTC().Format(time.RFC3339) }

func TestAssignCarrier(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		contains(t, e.fail("BAD_USER_INPUT", assignCarrier, map[string]any{"s": f.shipment, "c": f.inactive}), "inactive")
		air := e.createShipment("SH-AIR-1", f.client, f.om, "AIR")
		contains(t, e.fail("BAD_USER_INPUT", assignCarrier, map[string]any{"s": air, "c": f.road}), "does not serve AIR", "ROAD")
		contains(t, e.fail("BAD_USER_INPUT", assignCarrier, map[string]any{"s": f.shipment, "c": f.client}), "carrierID", "no carrier")
		e.fail("NOT_FOUND", assignCarrier, map[string]any{"s": f.road, "c": f.road})

		var a assigned
		e.do(assignCarrier, map[string]any{"s": f.shipment, "c": f.road, "v": 1}, &a)
		got := a.AssignCarrier
		if got.Carrier == nil || got.Carrier.ID != f.road || got.Version != 2 || got.Status != "PLANNED" {
			t.Fatalf("after assignment: %+v", got)
		}
		if got.Events.TotalCount != 1 || got.Events.Edges[0].Node.Kind != "CARRIER_ASSIGNED" || got.Events.Edges[0].Node.Carrier.ID != f.road {
			t.Fatalf("assignment not recorded as an event: %+v", got.Events)
		}
		contains(t, e.fail("BAD_USER_INPUT", assignCarrier, map[string]any{"s": f.shipment, "c": f.road}), "already")
		e.fail("CONFLICT", assignCarrier, map[string]any{"s": f.shipment, "c": f.air, "v": 1})

		// a new carrier for a booked shipment undoes the booking
		var r recorded
		e.do(recordEvent, map[string]any{"s": f.shipment, "kind": "BOOKED", "at": ago(time.Hour)}, &r)
		if r.RecordShipmentEvent.Status != "BOOKED" {
			t.Fatalf("booking: %+v", r.RecordShipmentEvent)
		}
		e.do(assignCarrier, map[string]any{"s": f.shipment, "c": f.air}, &a)
		if a.AssignCarrier.Status != "PLANNED" || a.AssignCarrier.Carrier.ID != f.air || a.AssignCarrier.Events.TotalCount != 3 {
			t.Fatalf("reassignment: %+v", a.AssignCarrier)
		}
		// the carrier replaced by reference, and no note in any one language
		if ev := a.AssignCarrier.Events.Edges[2].Node; ev.ReplacedCarrier == nil || ev.ReplacedCarrier.ID != f.road || ev.Note != "" {
			t.Fatalf("the reassignment's event: %+v", ev)
		}
		if ev := a.AssignCarrier.Events.Edges[0].Node; ev.ReplacedCarrier != nil || ev.Note != "" {
			t.Fatalf("the first assignment's event: %+v", ev)
		}

		// once picked up, the carrier is fixed
		e.do(recordEvent, map[string]any{"s": f.shipment, "kind": "PICKED_UP", "at": ago(30 * time.Minute)}, &r)
		contains(t, e.fail("BAD_USER_INPUT", assignCarrier, map[string]any{"s": f.shipment, "c": f.road}), "IN_TRANSIT")
	})
}

func TestRecordShipmentEvents(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		s := f.shipment
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "BOOKED", "at": ago(time.Hour)}), "no carrier")
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "PICKED_UP", "at": ago(time.Hour)}), "no carrier")
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "DELIVERED", "at": ago(time.Hour)}), "pickup")
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "CARRIER_ASSIGNED", "at": ago(time.Hour)}), "assignCarrier")
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "EXCEPTION", "at": ago(time.Hour), "note": "  "}), "note")
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "CHECKPOINT", "at": calendar.Now().Add(2 * time.Hour).UTC().Format(time.RFC3339)}), "future")
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "CHECKPOINT", "at": "yesterday"}), "RFC 3339")

		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "CHECKPOINT", "at": "1950-01-01T00:00:00Z"}), "30 days before the planned pickup")
		var a assigned
		e.do(assignCarrier, map[string]any{"s": s, "c": f.road}, &a)
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "BOOKED", "at": ago(time.Hour), "eta": ago(time.Minute)}), "only a DELAYED")
		var r recorded
		pickedAt := calendar.Now().Add(-5 * time.Hour).UTC().Truncate(time.Second)
		e.do(recordEvent, map[string]any{"s": s, "kind": "PICKED_UP", "at": pickedAt.In(time.FixedZone("MSK", 3*3600)).Format(time.RFC3339)}, &r)
		got := r.RecordShipmentEvent
		if got.Status != "IN_TRANSIT" || got.ActualPickup == nil || *got.ActualPickup != pickedAt.Format(time.RFC3339) {
			t.Fatalf("pickup must set IN_TRANSIT and the actual pickup in UTC: %+v", got)
		}
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "PICKED_UP", "at": ago(time.Hour)}), "already")
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "CANCELLED", "at": ago(time.Hour)}), "in transit")

		eta := calendar.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Second).Format(time.RFC3339)
		e.do(recordEvent, map[string]any{"s": s, "kind": "DELAYED", "at": ago(time.Hour), "note": "Пробка на М-7", "eta": eta}, &r)
		if got := r.RecordShipmentEvent; got.Status != "IN_TRANSIT" || got.EstimatedDelivery == nil || *got.EstimatedDelivery != eta || !got.IsLate {
			t.Fatalf("a delay revises the estimate and makes the shipment late: %+v", got)
		}
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "DELAYED", "at": ago(time.Hour), "eta": ago(10 * time.Hour)}), "before the event itself")
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "EXCEPTION", "at": ago(time.Hour), "note": "x", "eta": eta}), "only a DELAYED")
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "CHECKPOINT", "at": ago(6 * time.Hour)}), "before the PICKED_UP")
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "CHECKPOINT", "at": ago(time.Hour), "note": "a\x00b"}), "NUL")
		e.do(recordEvent, map[string]any{"s": s, "kind": "EXCEPTION", "at": ago(time.Hour), "note": "Повреждена упаковка"}, &r)

		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": "DELIVERED", "at": ago(6 * time.Hour)}), "before the PICKED_UP")
		e.do(recordEvent, map[string]any{"s": s, "kind": "DELIVERED", "at": ago(time.Minute), "v": r.RecordShipmentEvent.Version}, &r)
		if got := r.RecordShipmentEvent; got.Status != "DELIVERED" || got.ActualDelivery == nil || got.Events.TotalCount != 5 {
			t.Fatalf("delivery: %+v", got)
		}
		for _, kind := range []string{"CHECKPOINT", "DELAYED", "CANCELLED", "DELIVERED"} {
			contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": s, "kind": kind, "at": ago(time.Minute)}), "nothing can be recorded")
		}

		// cancellation before pickup is final too
		other := e.createShipment("SH-C-1", f.client, f.om, "ROAD")
		e.do(recordEvent, map[string]any{"s": other, "kind": "CANCELLED", "at": ago(time.Minute), "note": "Клиент отменил"}, &r)
		if r.RecordShipmentEvent.Status != "CANCELLED" || r.RecordShipmentEvent.IsLate {
			t.Fatalf("cancel: %+v", r.RecordShipmentEvent)
		}
		contains(t, e.fail("BAD_USER_INPUT", assignCarrier, map[string]any{"s": other, "c": f.road}), "CANCELLED")
	})
}

func TestShipmentPlanRules(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		const update = `mutation($id: ID!, $in: UpdateShipmentInput!, $v: Int) { updateShipment(id: $id, input: $in, expectedVersion: $v) { id version mode plannedDelivery margin } }`
		contains(t, e.fail("BAD_USER_INPUT", update, map[string]any{"id": f.shipment, "in": map[string]any{"plannedDelivery": ago(24 * time.Hour)}}), "plannedDelivery", "before the planned pickup")
		contains(t, e.fail("BAD_USER_INPUT", update, map[string]any{"id": f.shipment, "in": map[string]any{"operationsManagerID": f.am}}), "operationsManagerID", "not an operations manager")
		contains(t, e.fail("BAD_USER_INPUT", update, map[string]any{"id": f.shipment, "in": map[string]any{"price": "-1.00"}}), "price")
		contains(t, e.fail("BAD_USER_INPUT", update, map[string]any{"id": f.shipment, "in": map[string]any{"price": "1.005"}}), "two decimal places")

		otherClient := e.createClient("АО «Другой»", f.am2, f.om2)
		otherTender := e.createTender("T-OTHER-1", otherClient, f.am2)
		contains(t, e.fail("BAD_USER_INPUT", update, map[string]any{"id": f.shipment, "in": map[string]any{"tenderID": otherTender}}), "another client")

		contains(t, e.fail("BAD_USER_INPUT", update, map[string]any{"id": f.shipment, "in": map[string]any{"tenderID": f.tender}}), "IDENTIFIED", "won tender")

		var a assigned
		e.do(assignCarrier, map[string]any{"s": f.shipment, "c": f.road}, &a)
		contains(t, e.fail("BAD_USER_INPUT", update, map[string]any{"id": f.shipment, "in": map[string]any{"mode": "AIR"}}), "does not serve AIR")

		e.win(f.tender)
		var out struct {
			UpdateShipment struct {
				Version int
				Margin  string
			}
		}
		e.do(update, map[string]any{"id": f.shipment, "in": map[string]any{"price": "160000.10", "tenderID": f.tender}, "v": 2}, &out)
		if out.UpdateShipment.Version != 3 || out.UpdateShipment.Margin != "40000.10" {
			t.Fatalf("update: %+v", out)
		}

		// once picked up, the plan is what promises are measured against
		var r recorded
		e.do(recordEvent, map[string]any{"s": f.shipment, "kind": "PICKED_UP", "at": ago(time.Minute)}, &r)
		contains(t, e.fail("BAD_USER_INPUT", update, map[string]any{"id": f.shipment, "in": map[string]any{"plannedDelivery": calendar.Now().Add(240 * time.Hour).UTC().Format(time.RFC3339)}}), "plannedDelivery", "IN_TRANSIT")
		contains(t, e.fail("BAD_USER_INPUT", update, map[string]any{"id": f.shipment, "in": map[string]any{"clientID": otherClient}}), "clientID", "IN_TRANSIT")
		e.do(update, map[string]any{"id": f.shipment, "in": map[string]any{"cost": "119000.00"}}, &out)
		if out.UpdateShipment.Margin != "41000.10" {
			t.Fatalf("cost correction after pickup: %+v", out)
		}
		// the generic update has no way to set what only the domain moves
		msg := e.fail("GRAPHQL_VALIDATION_FAILED", update, map[string]any{"id": f.shipment, "in": map[string]any{"status": "DELIVERED"}})
		contains(t, msg, "status")
	})
}

func TestCarrierModes(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		const upd = `mutation($id: ID!, $in: UpdateCarrierInput!) { updateCarrier(id: $id, input: $in) { modes version } }`
		var out struct {
			UpdateCarrier struct {
				Modes   []string
				Version int
			}
		}
		e.do(upd, map[string]any{"id": f.road, "in": map[string]any{"appendModes": []string{"RAIL", "ROAD", "RAIL"}}}, &out)
		if got := out.UpdateCarrier.Modes; len(got) != 2 || got[0] != "RAIL" || got[1] != "ROAD" {
			t.Fatalf("appendModes: %v", got)
		}
		e.do(assignCarrier, map[string]any{"s": f.shipment, "c": f.road}, nil)
		// the world changes: a carrier drops a mode, or we stop working with
		// it; its shipments then cannot be booked with it until reassigned
		e.do(upd, map[string]any{"id": f.road, "in": map[string]any{"modes": []string{"RAIL"}}}, &out)
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": f.shipment, "kind": "BOOKED", "at": ago(time.Minute)}), "does not serve ROAD", "assign another carrier")
		e.do(upd, map[string]any{"id": f.road, "in": map[string]any{"modes": []string{"ROAD"}, "active": false}}, &out)
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": f.shipment, "kind": "BOOKED", "at": ago(time.Minute)}), "inactive", "assign another carrier")
		e.do(assignCarrier, map[string]any{"s": f.shipment, "c": f.air}, nil)
		e.do(recordEvent, map[string]any{"s": f.shipment, "kind": "BOOKED", "at": ago(time.Minute)}, nil)
		// events keep the order they happened in
		contains(t, e.fail("BAD_USER_INPUT", recordEvent, map[string]any{"s": f.shipment, "kind": "PICKED_UP", "at": ago(time.Hour)}), "before the BOOKED")
	})
}
