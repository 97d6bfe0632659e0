package server_test

import (
	"fmt"
	"testing"

	"github.com/freightgraph/freightgraph/ent/enum"

	"github.com/freightgraph/freightgraph/graph/execution"
)

// Lists are marshalled one element after another unless a field below
// waits for a batch (graph/execution): each such field, asked alone over
// a list, still reads its rows in one batch, not one per row. A resolver
// that starts using a loader without its field in execution.Batched fails
// here.
func TestEachFigureIsBatched(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.world().clientsShipping(12)
	for i := range 12 {
		e.newManager([]enum.ManagerRole{enum.RoleAccountManager, enum.RoleOperationsManager}[i%2], fmt.Sprintf("Менеджер %d", i))
	}
	selections := map[execution.Field]string{
		{Type: "Client", Name: "isRegular"}:    `{ clients(first: 12) { edges { node { isRegular } } } }`,
		{Type: "Client", Name: "health"}:       `{ clients(first: 12) { edges { node { health { score } } } } }`,
		{Type: "Client", Name: "satisfaction"}: `{ clients(first: 12) { edges { node { satisfaction { unhappy } } } } }`,
		{Type: "Carrier", Name: "record"}:      `{ carriers(first: 12) { edges { node { record { delivered } } } } }`,
		{Type: "Carrier", Name: "onTimeRate"}:  `{ carriers(first: 12) { edges { node { onTimeRate } } } }`,
		{Type: "Manager", Name: "work"}:        `{ managers(first: 12) { edges { node { work { clients openTenders unfinishedShipments } } } } }`,
	}
	for field := range execution.Batched {
		if _, ok := selections[field]; !ok {
			t.Errorf("%s is batched: add a query of it here", field)
		}
	}
	for field, q := range selections {
		if !execution.Batched[field] {
			t.Errorf("%s is not in execution.Batched", field)
		}
		e.do(q, nil, nil)
		before := e.stmts.Load()
		e.do(q, nil, nil)
		// the page and its count, then the field's batch: a few
		// statements, where one per row would be 12 or more
		if n := e.stmts.Load() - before; n >= 12 {
			t.Errorf("%s over 12 rows took %d statements: not batched", field, n)
		}
	}
}
