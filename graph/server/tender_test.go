package server_test

import (
	"testing"
	"time"
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
		e.do(`mutation($id: ID!) { updateTender(id: $id, input: {title: "Другое название"}) { id } }`, map[string]any{"id": f.tender}, nil)
		e.fail("CONFLICT", moveTender, map[string]any{"id": f.tender, "stage": "QUALIFYING", "v": 1})

		var m movedTender
		e.do(moveTender, map[string]any{"id": f.tender, "stage": "LOST", "reason": "  Цена выше на 8%  ", "v": 2}, &m)
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

func (e *env) win(tender string) {
	e.t.Helper()
	for _, stage := range []string{"SUBMITTED", "WON"} {
		e.do(moveTender, map[string]any{"id": tender, "stage": stage}, nil)
	}
}

// A decided tender's figures, client and lanes stay as they were decided.
func TestDecidedTenderIsKept(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		other := e.createClient("АО «Другой клиент»", f.am, f.om)
		const upd = `mutation($id: ID!, $in: UpdateTenderInput!) { updateTender(id: $id, input: $in) { title winProbability weightedValue } }`
		// while open, a tender entered against the wrong client can be corrected
		e.do(upd, map[string]any{"id": f.tender, "in": map[string]any{"clientID": other}}, nil)
		e.do(upd, map[string]any{"id": f.tender, "in": map[string]any{"clientID": f.client}}, nil)
		const lane = `mutation($t: ID!) { createLane(input: {tenderID: $t, origin: "Москва", destination: "Тверь", mode: ROAD, currency: RUB}) { id } }`
		var l struct{ CreateLane struct{ ID string } }
		e.do(lane, map[string]any{"t": f.tender}, &l)
		e.win(f.tender)
		var out struct {
			UpdateTender struct {
				Title          string
				WinProbability int
				WeightedValue  string
			}
		}
		e.do(upd, map[string]any{"id": f.tender, "in": map[string]any{"title": "Годовой контракт 2027"}}, &out)
		if out.UpdateTender.WinProbability != 100 || out.UpdateTender.WeightedValue != "12500000.50" {
			t.Fatalf("a won tender counts at full value: %+v", out)
		}
		// a form saved whole, its figures as they are, corrects the title
		var now struct {
			Node struct{ SubmissionDeadline string }
		}
		e.do(`query($id: ID!) { node(id: $id) { ... on Tender { submissionDeadline } } }`, map[string]any{"id": f.tender}, &now)
		e.do(upd, map[string]any{"id": f.tender, "in": map[string]any{"title": "Годовой контракт 2027–2028", "estimatedValue": "12500000.50",
			"currency": "RUB", "winProbability": 100, "clientID": f.client, "submissionDeadline": now.Node.SubmissionDeadline}}, &out)
		if out.UpdateTender.Title != "Годовой контракт 2027–2028" {
			t.Fatalf("the title of a won tender: %+v", out)
		}
		// the same instant written in another zone is the same deadline
		deadline, _ := time.Parse(time.RFC3339, now.Node.SubmissionDeadline)
		e.do(upd, map[string]any{"id": f.tender, "in": map[string]any{"submissionDeadline": deadline.In(time.FixedZone("MSK", 3*3600)).Format(time.RFC3339)}}, nil)
		later := deadline.Add(time.Minute).Format(time.RFC3339)
		for field, v := range map[string]any{"estimatedValue": "1.00", "currency": "TRY", "winProbability": 5, "clientID": other, "submissionDeadline": later} {
			contains(t, e.fail("BAD_USER_INPUT", upd, map[string]any{"id": f.tender, "in": map[string]any{field: v}}), field, "WON")
		}
		contains(t, e.fail("BAD_USER_INPUT", lane, map[string]any{"t": f.tender}), "WON", "lanes")
		contains(t, e.fail("BAD_USER_INPUT", `mutation($id: ID!) { updateLane(id: $id, input: {offeredRate: "1.00"}) { id } }`, map[string]any{"id": l.CreateLane.ID}), "WON", "lanes")
		// a lane belongs to its tender for good
		contains(t, e.fail("GRAPHQL_VALIDATION_FAILED", `mutation($id: ID!, $t: ID!) { updateLane(id: $id, input: {tenderID: $t}) { id } }`, map[string]any{"id": l.CreateLane.ID, "t": f.tender}), "tenderID")
		lost := e.createTender("T-LOST-1", f.client, f.am)
		var m movedTender
		e.do(moveTender, map[string]any{"id": lost, "stage": "LOST", "reason": "Дороже конкурента"}, &m)
		var p struct{ Node struct{ WinProbability int } }
		e.do(`query($id: ID!) { node(id: $id) { ... on Tender { winProbability } } }`, map[string]any{"id": lost}, &p)
		if p.Node.WinProbability != 0 {
			t.Fatalf("a lost tender's probability: %d", p.Node.WinProbability)
		}
		contains(t, e.fail("BAD_USER_INPUT", moveTender, map[string]any{"id": e.createTender("T-NUL-1", f.client, f.am), "stage": "LOST", "reason": "a\x00b"}), "lostReason", "NUL")
	})
}
