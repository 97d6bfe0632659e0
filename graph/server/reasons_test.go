package server_test

import (
	"encoding/json"
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
		refused := func(code, query string, vars map[string]any) (string, map[string]any) {
			t.Helper()
			r := e.post(query, vars)
			if len(r.Errors) == 0 || r.Errors[0].code() != code {
				t.Fatalf("expected %s, got %+v", code, r)
			}
			reason, _ := r.Errors[0].Extensions["reason"].(string)
			params, _ := r.Errors[0].Extensions["params"].(map[string]any)
			return reason, params
		}
		same := func(what string, got, want any) {
			t.Helper()
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(want)
			if string(g) != string(w) {
				t.Errorf("%s: %s, want %s", what, g, w)
			}
		}

		future := calendar.Now().Add(2 * time.Hour).Truncate(time.Second)
		moscow := future.In(time.FixedZone("MSK", 3*3600)).Format(time.RFC3339)
		reason, params := refused("BAD_USER_INPUT", recordEvent, map[string]any{"s": f.shipment, "kind": "CHECKPOINT", "at": moscow})
		same("an event in the future", []any{reason, params}, []any{"EVENT_IN_FUTURE", map[string]any{"at": future.UTC().Format(time.RFC3339)}})

		reason, params = refused("BAD_USER_INPUT", recordEvent, map[string]any{"s": f.shipment, "kind": "BOOKED", "at": ago(time.Hour)})
		same("booking without a carrier", []any{reason, params["reference"]}, []any{"NO_CARRIER", fmt.Sprintf("SH-TEST-%d", f.seq)})

		const move = `mutation($id: ID!, $s: TenderStage!, $r: String, $v: Int) { moveTender(id: $id, stage: $s, lostReason: $r, expectedVersion: $v) { version } }`
		reason, params = refused("BAD_USER_INPUT", move, map[string]any{"id": f.tender, "s": "WON"})
		same("a win before submission", []any{reason, params["stage"]}, []any{"WIN_BEFORE_SUBMIT", "IDENTIFIED"})
		e.do(move, map[string]any{"id": f.tender, "s": "LOST", "r": "цена"}, nil)
		reason, params = refused("BAD_USER_INPUT", move, map[string]any{"id": f.tender, "s": "QUALIFYING"})
		same("a decided tender", []any{reason, params["stage"]}, []any{"TENDER_DECIDED", "LOST"})

		other := e.createTender(fmt.Sprintf("T-OTHER-%d", f.seq), f.client, f.am)
		e.do(move, map[string]any{"id": other, "s": "QUALIFYING", "v": 1}, nil)
		reason, params = refused("CONFLICT", move, map[string]any{"id": other, "s": "PREPARING", "v": 1})
		same("a stale version", []any{reason, params["record"], params["current"], params["expected"]}, []any{"CHANGED_MEANWHILE", "tender", 2, 1})

		reason, params = refused("CONFLICT", `mutation($in: CreateTenderInput!) { createTender(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"reference": fmt.Sprintf("T-OTHER-%d", f.seq), "title": "Дубль", "clientID": f.client,
				"ownerID": f.am, "estimatedValue": "1", "currency": "RUB", "submissionDeadline": calendar.Now().Add(time.Hour).UTC().Format(time.RFC3339)}})
		same("a reference taken", []any{reason, params}, []any{"TAKEN", map[string]any{"record": "tender", "field": "reference"}})
	})
}
