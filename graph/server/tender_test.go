package server_test

import (
	"testing"
)

const moveTender = `mutation($id: ID!, $stage: TenderStage!, $reason: String, $v: Int) {
  moveTender(id: $id, stage: $stage, lostReason: $reason, expectedVersion: $v) {
    id stage version submittedAt decidedAt lostReason isOpen
    stageHistory(orderBy: {field: AT}) { totalCount edges { node { from to at } } }
  }
}`

type movedTender struct {
	MoveTender struct {
		Stage       string
		Version     int
		SubmittedAt *string
		DecidedAt   *string
		LostReason  *string
		IsOpen      bool
		History     struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					From   *string
					To, At string
				}
			}
		} `json:"stageHistory"`
	}
}

func TestMoveTenderAlongThePipeline(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		var m movedTender
		e.do(moveTender, map[string]any{"id": f.tender, "stage": "QUALIFYING"}, &m)
		if m.MoveTender.Stage != "QUALIFYING" || m.MoveTender.Version != 2 || m.MoveTender.SubmittedAt != nil {
			t.Fatalf("after QUALIFYING: %+v", m.MoveTender)
		}
		// skipping PREPARING is a forward move; reaching SUBMITTED stamps it
		e.do(moveTender, map[string]any{"id": f.tender, "stage": "SUBMITTED", "v": 2}, &m)
		if m.MoveTender.SubmittedAt == nil || m.MoveTender.DecidedAt != nil {
			t.Fatalf("SUBMITTED must stamp submittedAt only: %+v", m.MoveTender)
		}
		submitted := *m.MoveTender.SubmittedAt
		msg := e.fail("BAD_USER_INPUT", moveTender, map[string]any{"id": f.tender, "stage": "PREPARING"})
		contains(t, msg, "forward")
		e.do(moveTender, map[string]any{"id": f.tender, "stage": "NEGOTIATION"}, &m)
		e.do(moveTender, map[string]any{"id": f.tender, "stage": "WON"}, &m)
		got := m.MoveTender
		if got.Stage != "WON" || got.DecidedAt == nil || got.IsOpen || *got.SubmittedAt != submitted {
			t.Fatalf("WON must stamp decidedAt and keep submittedAt: %+v", got)
		}
		wantPath := []string{"IDENTIFIED", "QUALIFYING", "SUBMITTED", "NEGOTIATION", "WON"}
		if got.History.TotalCount != len(wantPath) {
			t.Fatalf("history has %d moves, want %d", got.History.TotalCount, len(wantPath))
		}
		for i, edge := range got.History.Edges {
			if edge.Node.To != wantPath[i] || (i == 0) != (edge.Node.From == nil) || (i > 0 && *edge.Node.From != wantPath[i-1]) {
				t.Fatalf("move %d is %+v, want to %s", i, edge.Node, wantPath[i])
			}
		}
		for _, stage := range []string{"LOST", "WITHDRAWN", "NEGOTIATION"} {
			msg := e.fail("BAD_USER_INPUT", moveTender, map[string]any{"id": f.tender, "stage": stage, "reason": "x"})
			contains(t, msg, "WON")
		}
		if v := e.tenderVersion(f.tender); v != 5 {
			t.Fatalf("refused moves changed the version: %d", v)
		}
	})
}

func (e *env) tenderVersion(id string) int {
	var out struct{ Node struct{ Version int } }
	e.do(`query($id: ID!) { node(id: $id) { ... on Tender { version } } }`, map[string]any{"id": id}, &out)
	return out.Node.Version
}

func TestMoveTenderRules(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		cases := []struct {
			name, stage string
			reason      any
			code, says  string
		}{
			{"won needs a bid", "WON", nil, "BAD_USER_INPUT", "SUBMITTED"},
			{"same stage", "IDENTIFIED", nil, "BAD_USER_INPUT", "already"},
			{"lost needs a reason", "LOST", nil, "BAD_USER_INPUT", "why"},
			{"blank reason", "LOST", "   ", "BAD_USER_INPUT", "why"},
			{"reason only for lost", "QUALIFYING", "cheaper elsewhere", "BAD_USER_INPUT", "LOST"},
			{"invalid stage", "ARCHIVED", nil, "GRAPHQL_VALIDATION_FAILED", "ARCHIVED"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				msg := e.in(t).fail(c.code, moveTender, map[string]any{"id": f.tender, "stage": c.stage, "reason": c.reason})
				contains(t, msg, c.says)
			})
		}
		e.fail("NOT_FOUND", moveTender, map[string]any{"id": "34359799999", "stage": "LOST", "reason": "x"})
		e.fail("NOT_FOUND", moveTender, map[string]any{"id": f.client, "stage": "LOST", "reason": "x"})
		e.fail("CONFLICT", moveTender, map[string]any{"id": f.tender, "stage": "QUALIFYING", "v": 7})

		var m movedTender
		e.do(moveTender, map[string]any{"id": f.tender, "stage": "LOST", "reason": "  Цена выше на 8%  ", "v": 1}, &m)
		if m.MoveTender.Stage != "LOST" || m.MoveTender.DecidedAt == nil || m.MoveTender.LostReason == nil ||
			*m.MoveTender.LostReason != "Цена выше на 8%" || m.MoveTender.SubmittedAt != nil {
			t.Fatalf("LOST: %+v", m.MoveTender)
		}
		contains(t, e.fail("BAD_USER_INPUT", moveTender, map[string]any{"id": f.tender, "stage": "WITHDRAWN"}), "nothing leaves")

		// withdrawn from an early stage
		other := e.createTender("T-W-1", f.client, f.am)
		e.do(moveTender, map[string]any{"id": other, "stage": "WITHDRAWN"}, &m)
		if m.MoveTender.Stage != "WITHDRAWN" || m.MoveTender.DecidedAt == nil {
			t.Fatalf("WITHDRAWN: %+v", m.MoveTender)
		}
	})
}

func TestTenderKeepsItsClientOnceShipmentsRun(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		other := e.createClient("АО «Другой клиент»", f.am, f.om)
		const upd = `mutation($id: ID!, $c: ID!) { updateTender(id: $id, input: {clientID: $c}) { client { id } } }`
		// no shipments yet: a tender entered against the wrong client can be corrected
		e.do(upd, map[string]any{"id": f.tender, "c": other}, nil)
		e.do(upd, map[string]any{"id": f.tender, "c": f.client}, nil)
		e.do(`mutation($s: ID!, $t: ID!) { updateShipment(id: $s, input: {tenderID: $t}) { id } }`, map[string]any{"s": f.shipment, "t": f.tender}, nil)
		contains(t, e.fail("BAD_USER_INPUT", upd, map[string]any{"id": f.tender, "c": other}), "clientID", "1 shipments")
	})
}
