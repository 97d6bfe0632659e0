package server_test

import (
	"fmt"
	"testing"
)

// A move between open stages may be taken back, once, by who made it, from
// the version it left; a decision may not; the step back is in the stage
// history as a move of its own.
func TestUndoTenderMove(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		am := e.as(a["am"])
		var out struct {
			MoveTender struct {
				Stage   string
				Version int
			}
		}
		am.do(`mutation($id: ID!) { moveTender(id: $id, stage: PREPARING) { stage version } }`, map[string]any{"id": f.tender}, &out)
		const undo = `mutation($id: ID!, $v: Int) { undoTenderMove(id: $id, expectedVersion: $v) { stage version submittedAt stageHistory(first: 10) { totalCount } } }`
		vars := map[string]any{"id": f.tender, "v": out.MoveTender.Version}
		if msg := e.fail("FORBIDDEN", undo, vars); msg == "" {
			t.Fatal("the administrator took back the account manager's move")
		}
		am.fail("CONFLICT", undo, map[string]any{"id": f.tender, "v": out.MoveTender.Version - 1})
		var back struct {
			UndoTenderMove struct {
				Stage        string
				Version      int
				StageHistory struct{ TotalCount int }
			}
		}
		am.do(undo, vars, &back)
		if back.UndoTenderMove.Stage != "IDENTIFIED" || back.UndoTenderMove.StageHistory.TotalCount < 2 {
			t.Fatalf("after the undo: %+v", back.UndoTenderMove)
		}
		am.do(`mutation($id: ID!) { moveTender(id: $id, stage: WITHDRAWN) { stage version } }`, map[string]any{"id": f.tender}, &out)
		am.fail("BAD_USER_INPUT", undo, map[string]any{"id": f.tender, "v": out.MoveTender.Version})
	})
}

// A move proposes its stage's win probability to a tender nobody judged
// otherwise, keeps one somebody did, sets the one sent with it; its undo
// takes the proposal back too.
func TestMoveProposesTheStagesProbability(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		am := e.as(a["am"])
		const move = `mutation($id: ID!, $s: TenderStage!, $p: Int) { moveTender(id: $id, stage: $s, winProbability: $p) { winProbability version } }`
		type moved struct {
			MoveTender struct{ WinProbability, Version int }
		}
		fresh := e.createTender(fmt.Sprintf("T-PROB-%d", f.seq), f.client, f.am)
		e.do(`mutation($id: ID!) { updateTender(id: $id, input: {winProbability: 10}) { id } }`, map[string]any{"id": fresh}, nil)
		var out moved
		am.do(move, map[string]any{"id": fresh, "s": "PREPARING"}, &out)
		if out.MoveTender.WinProbability != 35 {
			t.Fatalf("IDENTIFIED at its default 10, moved to PREPARING: %d, want 35", out.MoveTender.WinProbability)
		}
		var back struct{ UndoTenderMove struct{ WinProbability int } }
		am.do(`mutation($id: ID!, $v: Int) { undoTenderMove(id: $id, expectedVersion: $v) { winProbability } }`,
			map[string]any{"id": fresh, "v": out.MoveTender.Version}, &back)
		if back.UndoTenderMove.WinProbability != 10 {
			t.Fatalf("the undo left %d, want 10", back.UndoTenderMove.WinProbability)
		}
		// the fixture's tender was judged at 40: kept
		am.do(move, map[string]any{"id": f.tender, "s": "QUALIFYING"}, &out)
		if out.MoveTender.WinProbability != 40 {
			t.Fatalf("a judged probability became %d", out.MoveTender.WinProbability)
		}
		am.do(move, map[string]any{"id": f.tender, "s": "SUBMITTED", "p": 55}, &out)
		if out.MoveTender.WinProbability != 55 {
			t.Fatalf("the probability sent with the move became %d", out.MoveTender.WinProbability)
		}
		am.fail("BAD_USER_INPUT", move, map[string]any{"id": f.tender, "s": "NEGOTIATION", "p": 140})
	})
}
