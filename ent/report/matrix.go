package report

import (
	"context"
	"fmt"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/manager"
)

// MatrixPair is one cell of the matrix: how many clients an account manager
// and an operations manager share; a missing manager is nil.
type MatrixPair struct {
	AccountManager, OperationsManager *ent.Manager
	Clients                           int
}

// Matrix counts the clients of every pair in one grouped statement and
// reads the managers named in one more, whatever the number of clients:
// the app draws the grid from it and pages the clients themselves.
func Matrix(ctx context.Context, c *ent.Client) ([]*MatrixPair, error) {
	var rows []struct {
		AM    *int `json:"account_manager_id"`
		OM    *int `json:"operations_manager_id"`
		Count int  `json:"count"`
	}
	if err := c.Customer.Query().
		GroupBy(customer.FieldAccountManagerID, customer.FieldOperationsManagerID).
		Aggregate(ent.Count()).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("matrix: %w", err)
	}
	ids := map[int]bool{}
	for _, r := range rows {
		for _, id := range []*int{r.AM, r.OM} {
			if id != nil {
				ids[*id] = true
			}
		}
	}
	list := make([]int, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	managers, err := c.Manager.Query().Where(manager.IDIn(list...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("matrix managers: %w", err)
	}
	byID := make(map[int]*ent.Manager, len(managers))
	for _, m := range managers {
		byID[m.ID] = m
	}
	of := func(id *int) *ent.Manager {
		if id == nil {
			return nil
		}
		return byID[*id]
	}
	out := make([]*MatrixPair, 0, len(rows))
	for _, r := range rows {
		out = append(out, &MatrixPair{AccountManager: of(r.AM), OperationsManager: of(r.OM), Clients: r.Count})
	}
	return out, nil
}
