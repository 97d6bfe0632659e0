package server_test

import (
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
