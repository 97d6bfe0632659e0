package server_test

import (
	"fmt"
	"testing"
)

// The matrix counts every pair's clients on the server, and each count is
// the number of clients the list then pages through for that cell.
func TestMatrixCountsEachPairsClients(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		e.createClient(fmt.Sprintf("ООО «Без пары %d»", f.seq), f.am, "")
		e.createClient(fmt.Sprintf("ООО «Второй %d»", f.seq), f.am, f.om)
		var out struct {
			Matrix []struct {
				AccountManager, OperationsManager *struct {
					ID     string
					Active bool
				}
				Clients int
			}
		}
		e.do(`{ matrix { clients accountManager { id active } operationsManager { id active } } }`, nil, &out)
		sum := 0
		seen := map[string]int{}
		for _, p := range out.Matrix {
			sum += p.Clients
			where := map[string]any{}
			key := ""
			if p.AccountManager == nil {
				where["accountManagerIDIsNil"] = true
			} else {
				where["accountManagerID"] = p.AccountManager.ID
				key = p.AccountManager.ID
			}
			if p.OperationsManager == nil {
				where["operationsManagerIDIsNil"] = true
				key += "|none"
			} else {
				where["operationsManagerID"] = p.OperationsManager.ID
				key += "|" + p.OperationsManager.ID
			}
			seen[key] = p.Clients
			var n struct{ Clients struct{ TotalCount int } }
			e.do(`query($w: ClientWhereInput) { clients(where: $w) { totalCount } }`, map[string]any{"w": where}, &n)
			if n.Clients.TotalCount != p.Clients {
				t.Errorf("pair %s: the matrix counts %d clients, the list holds %d", key, p.Clients, n.Clients.TotalCount)
			}
		}
		if all := e.count("clients"); sum != all {
			t.Errorf("the matrix counts %d clients in all, there are %d", sum, all)
		}
		if seen[f.am+"|"+f.om] != 2 || seen[f.am+"|none"] != 1 {
			t.Errorf("the fixture's pairs: %v", seen)
		}
	})
}
