package server_test

import (
	"fmt"
	"slices"
	"testing"
)

// Tender.moves says what moveTender would accept from this viewer, so that
// the app draws handles and targets from the server's rules: for each stage
// a fresh tender is asked for its moves and then moved there, and the move
// succeeds exactly when the stage was among them. Nobody but the pair's
// account manager, the owner and an administrator gets any; a decided
// tender has none. Read with the client, a board's moves cost no statement
// per card.
func TestTenderMovesAreTheMovesAllowed(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		const moves = `query($id: ID!) { node(id: $id) { ... on Tender { stage moves } } }`
		movesOf := func(token, id string) []string {
			t.Helper()
			var out struct{ Node struct{ Moves []string } }
			e.as(token).do(moves, map[string]any{"id": id}, &out)
			return out.Node.Moves
		}
		const move = `mutation($id: ID!, $s: TenderStage!, $r: String) { moveTender(id: $id, stage: $s, lostReason: $r) { stage } }`
		for i, to := range []string{"IDENTIFIED", "QUALIFYING", "PREPARING", "SUBMITTED", "NEGOTIATION", "WON", "LOST", "WITHDRAWN"} {
			id := e.createTender(fmt.Sprintf("T-MOVES-%d-%d", f.seq, i), f.client, f.am)
			allowed := movesOf(a["am"], id)
			if got := movesOf(a["admin"], id); !slices.Equal(got, allowed) {
				t.Errorf("the administrator may %v, the account manager %v", got, allowed)
			}
			for _, other := range []string{"am2", "om", "analyst"} {
				if got := movesOf(a[other], id); len(got) != 0 {
					t.Errorf("%s may move another's tender to %v", other, got)
				}
			}
			vars := map[string]any{"id": id, "s": to}
			if to == "LOST" {
				vars["r"] = "цена"
			}
			r := e.as(a["am"]).post(move, vars)
			if moved := len(r.Errors) == 0; moved != slices.Contains(allowed, to) {
				t.Errorf("to %s: moves %v, yet the move succeeded: %v (%+v)", to, allowed, moved, r.Errors)
			}
			if to == "WON" || to == "LOST" || to == "WITHDRAWN" {
				continue
			}
			if len(r.Errors) == 0 && to != "IDENTIFIED" {
				// a tender further on may still move on
				if got := movesOf(a["am"], id); slices.Contains(got, to) || len(got) == 0 {
					t.Errorf("at %s it may move to %v", to, got)
				}
			}
		}
		// a tender of the client owned by another account manager: its
		// client's account manager may move it, whatever the read asks of
		// the client
		owned := e.createTender(fmt.Sprintf("T-MOVES-AM2-%d", f.seq), f.client, f.am2)
		for _, client := range []string{"", "client { name }", "client { accountManagerID }"} {
			var out struct{ Node struct{ Moves []string } }
			e.as(a["am"]).do(`query($id: ID!) { node(id: $id) { ... on Tender { moves `+client+` } } }`, map[string]any{"id": owned}, &out)
			if len(out.Node.Moves) == 0 {
				t.Errorf("the client's account manager, reading %q, may move it nowhere", client)
			}
		}
		won := e.createTender(fmt.Sprintf("T-MOVES-WON-%d", f.seq), f.client, f.am)
		e.win(won)
		if got := movesOf(a["am"], won); len(got) != 0 {
			t.Errorf("a won tender may move to %v", got)
		}

		// a board as another account manager: the statements do not grow with the cards
		board := func(n int) int64 {
			e.stmts.Store(0)
			var out struct{ Tenders struct{ Edges []any } }
			e.as(a["am2"]).do(`query($n: Int) { tenders(first: $n, where: {clientID: "`+f.client+`"}) { edges { node { moves client { id accountManagerID } } } } }`,
				map[string]any{"n": n}, &out)
			if len(out.Tenders.Edges) != n {
				t.Fatalf("%d tenders, asked %d", len(out.Tenders.Edges), n)
			}
			return e.stmts.Load()
		}
		if one, many := board(1), board(8); one != many {
			t.Errorf("moves of 1 tender took %d statements, of 8 %d", one, many)
		}
	})
}
