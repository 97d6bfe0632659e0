package server_test

import (
	"fmt"
	"testing"
)

// The search finds a name however it is typed (case, ё, Latin for
// Cyrillic and back), ranks the name as typed first and says which match
// Enter opens; the lists' `matches` filter finds the same.
func TestSearchFindsNamesAsPeopleTypeThem(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		n := f.seq
		twin := e.createClient(fmt.Sprintf("ООО «КераМир-%d» Север", n), f.am, f.om)
		exact := e.createClient(fmt.Sprintf("ООО «КераМир-%d»", n), f.am, f.om)
		linen := e.createClient(fmt.Sprintf("АО «Северный Лён %d»", n), f.am, f.om)
		tender := e.createTender(fmt.Sprintf("T-SRCH-%d", n), exact, f.am)

		type hit struct{ ID, Name, Reference string }
		var out struct {
			Search struct {
				Clients       []hit
				ClientCount   int
				Tenders       []hit
				Shipments     []hit
				ShipmentCount int
				Best          *struct {
					Typename string `json:"__typename"`
					ID       string
				}
			}
		}
		find := func(text string) {
			t.Helper()
			defer func() {
				if t.Failed() {
					t.Log(e.log.String())
				}
			}()
			e.do(`query($t: String!) { search(text: $t) { clients { id name } clientCount tenders { id reference } tenderCount
				shipments { id reference } shipmentCount carriers { id } carrierCount best { __typename id } } }`, map[string]any{"t": text}, &out)
		}

		for _, typed := range []string{fmt.Sprintf("КераМир-%d", n), fmt.Sprintf("keramir %d", n), fmt.Sprintf("KERAMIR-%d", n)} {
			find(typed)
			if out.Search.ClientCount != 2 || out.Search.Clients[0].ID != exact || out.Search.Clients[1].ID != twin {
				t.Errorf("%q: %+v", typed, out.Search.Clients)
			}
			if out.Search.Best == nil || out.Search.Best.ID != exact || out.Search.Best.Typename != "Client" {
				t.Errorf("%q opens %+v, not the client named so", typed, out.Search.Best)
			}
		}
		for _, typed := range []string{fmt.Sprintf("лен %d", n), fmt.Sprintf("Severnyi Len %d", n), fmt.Sprintf("северный лён %d", n)} {
			find(typed)
			if out.Search.ClientCount != 1 || out.Search.Clients[0].ID != linen {
				t.Errorf("%q: %+v", typed, out.Search.Clients)
			}
		}
		find(fmt.Sprintf("t-srch-%d", n))
		if len(out.Search.Tenders) != 1 || out.Search.Tenders[0].ID != tender || out.Search.Best.ID != tender {
			t.Errorf("a tender by its reference: %+v, best %+v", out.Search.Tenders, out.Search.Best)
		}
		find(fmt.Sprintf("SH-TEST-%d", n))
		if out.Search.ShipmentCount != 1 || out.Search.Shipments[0].ID != f.shipment {
			t.Errorf("a shipment by the start of its reference: %+v", out.Search.Shipments)
		}
		find("«»  ")
		if out.Search.ClientCount != 0 || out.Search.Best != nil {
			t.Errorf("nothing typed finds %+v", out.Search)
		}

		// the lists' filter finds the same, beside the others
		var list struct{ Clients struct{ TotalCount int } }
		e.do(`query($m: String!, $am: ID!) { clients(where: {matches: $m, accountManagerID: $am}) { totalCount } }`,
			map[string]any{"m": fmt.Sprintf("Keramir %d", n), "am": f.am}, &list)
		if list.Clients.TotalCount != 2 {
			t.Errorf("clients matching: %d", list.Clients.TotalCount)
		}
		// every word must hold inside an `or` too (the pipeline's search: a
		// tender's reference or title, or its client's name)
		var board struct{ Tenders struct{ TotalCount int } }
		e.do(`query($m: String!) { tenders(where: {or: [{matches: $m}, {hasClientWith: [{matches: $m}]}]}) { totalCount } }`,
			map[string]any{"m": fmt.Sprintf("T-SRCH-%d", n)}, &board)
		if board.Tenders.TotalCount != 1 {
			t.Errorf("a reference in an or: %d tenders", board.Tenders.TotalCount)
		}
		e.fail("BAD_USER_INPUT", `{ search(text: "x", first: 500) { clientCount } }`, nil)
		// a search is a name's few words, not a page of text
		for _, q := range []string{`{ search(text: "a b c d e f g h i") { clientCount } }`, `{ clients(where: {matches: "a b c d e f g h i"}) { totalCount } }`} {
			r := e.post(q, nil)
			if len(r.Errors) == 0 || r.Errors[0].Extensions["reason"] != "SEARCH_TOO_MANY_WORDS" {
				t.Errorf("%s: %+v", q, r)
			}
		}

		// a renamed client is found by its new name, not its old one
		e.do(`mutation($id: ID!) { updateClient(id: $id, input: {name: "ООО «Рога и копыта»"}) { id } }`, map[string]any{"id": linen}, nil)
		find(fmt.Sprintf("лен %d", n))
		if out.Search.ClientCount != 0 {
			t.Errorf("the old name still finds %+v", out.Search.Clients)
		}
		find("roga i kopita")
		if out.Search.ClientCount < 1 {
			t.Errorf("the new name finds nothing")
		}
	})
}
