package server_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
)

// A refusal names its reason and what it is about in extensions, beside its
// code and English message, so that the app can say it in the viewer's
// language: times in UTC, stages and kinds as the API's enum values.
func TestRefusalsNameTheirReason(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		future := calendar.Now().Add(2 * time.Hour).Truncate(time.Second)
		moscow := future.In(time.FixedZone("MSK", 3*3600)).Format(time.RFC3339)
		reason, params := e.refusal("BAD_USER_INPUT", recordEvent, map[string]any{"s": f.shipment, "kind": "CHECKPOINT", "at": moscow})
		same(t, "an event in the future", []any{reason, params}, []any{"EVENT_IN_FUTURE", map[string]any{"at": future.UTC().Format(time.RFC3339)}})

		reason, params = e.refusal("BAD_USER_INPUT", recordEvent, map[string]any{"s": f.shipment, "kind": "BOOKED", "at": ago(time.Hour)})
		same(t, "booking without a carrier", []any{reason, params["reference"]}, []any{"NO_CARRIER", fmt.Sprintf("SH-TEST-%d", f.seq)})

		const move = `mutation($id: ID!, $s: TenderStage!, $r: String, $v: Int) { moveTender(id: $id, stage: $s, lostReason: $r, expectedVersion: $v) { version } }`
		reason, params = e.refusal("BAD_USER_INPUT", move, map[string]any{"id": f.tender, "s": "WON"})
		same(t, "a win before submission", []any{reason, params["stage"]}, []any{"WIN_BEFORE_SUBMIT", "IDENTIFIED"})
		e.do(move, map[string]any{"id": f.tender, "s": "LOST", "r": "цена"}, nil)
		reason, params = e.refusal("BAD_USER_INPUT", move, map[string]any{"id": f.tender, "s": "QUALIFYING"})
		same(t, "a decided tender", []any{reason, params["stage"]}, []any{"TENDER_DECIDED", "LOST"})

		other := e.createTender(fmt.Sprintf("T-OTHER-%d", f.seq), f.client, f.am)
		e.do(move, map[string]any{"id": other, "s": "QUALIFYING", "v": 1}, nil)
		reason, params = e.refusal("CONFLICT", move, map[string]any{"id": other, "s": "PREPARING", "v": 1})
		same(t, "a stale version", []any{reason, params["record"], params["current"], params["expected"]}, []any{"CHANGED_MEANWHILE", "tender", 2, 1})

		reason, params = e.refusal("CONFLICT", `mutation($in: CreateTenderInput!) { createTender(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"reference": fmt.Sprintf("T-OTHER-%d", f.seq), "title": "Дубль", "clientID": f.client,
				"ownerID": f.am, "estimatedValue": "1", "currency": "RUB", "submissionDeadline": calendar.Now().Add(time.Hour).UTC().Format(time.RFC3339)}})
		same(t, "a reference taken", []any{reason, params}, []any{"TAKEN", map[string]any{"record": "tender", "field": "reference"}})
	})
}
