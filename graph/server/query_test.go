package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/seed"
	"github.com/freightgraph/freightgraph/graph/server"
)

// nested asks for clients with their pair, tenders with their lanes, and
// shipments with their carrier and events: three levels of connections.
const nested = `query($n: Int) {
  clients(first: $n, orderBy: {field: NAME}) {
    totalCount
    edges { node {
      name accountManager { name } operationsManager { name }
      tenders(first: 10) { totalCount edges { node { reference owner { name } lanes { totalCount edges { node { origin mode } } } } } }
      shipments(first: 5, orderBy: {field: PLANNED_PICKUP, direction: DESC}) { totalCount edges { node { reference carrier { name } events { totalCount } } } }
    } }
  }
}`

// Nested reads do not fan out: the statements one query costs depend on its
// shape, not on how many rows it returns.
func TestNestedReadsDoNotFanOut(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		for i := range 12 {
			c := e.createClient(fmt.Sprintf("ООО «Клиент-%02d»", i), f.am, f.om)
			for j := range 3 {
				tender := e.createTender(fmt.Sprintf("T-%d-%d", i, j), c, f.am)
				e.do(`mutation($t: ID!) { createLane(input: {tenderID: $t, origin: "Москва", destination: "Тверь", mode: ROAD, currency: RUB}) { id } }`, map[string]any{"t": tender}, nil)
				s := e.createShipment(fmt.Sprintf("SH-%d-%d", i, j), c, f.om, "ROAD")
				e.do(assignCarrier, map[string]any{"s": s, "c": f.road}, nil)
			}
		}
		statements := func(n int) (int64, int) {
			e.stmts.Store(0)
			var out struct{ Clients struct{ Edges []any } }
			e.do(nested, map[string]any{"n": n}, &out)
			return e.stmts.Load(), len(out.Clients.Edges)
		}
		one, rows1 := statements(1)
		all, rowsAll := statements(13)
		if rows1 != 1 || rowsAll != 13 {
			t.Fatalf("pages of %d and %d clients", rows1, rowsAll)
		}
		if one != all {
			t.Fatalf("1 client took %d statements, 13 clients took %d: nested reads fan out", one, all)
		}
		// clients, their count, two managers, tenders and their counts,
		// owners, lanes and their counts, shipments and counts, carriers,
		// event counts: bounded by the query's shape
		if all > 16 {
			t.Fatalf("%d statements for a query of this shape; expected at most 16", all)
		}
		t.Logf("%s: %d statements for 1 client and for 13", e.name, all)
	})
}

func TestPagination(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		for i := range 60 {
			e.createShipment(fmt.Sprintf("SH-P-%03d", i), f.client, f.om, "ROAD")
		}
		type page struct {
			Shipments struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage, HasPreviousPage bool
					EndCursor, StartCursor       string
				}
				Edges []struct{ Node struct{ Reference string } }
			}
		}
		var p page
		e.do(`{ shipments(orderBy: {field: REFERENCE}) { totalCount pageInfo { hasNextPage endCursor } edges { node { reference } } } }`, nil, &p)
		if p.Shipments.TotalCount != 61 || len(p.Shipments.Edges) != 50 || !p.Shipments.PageInfo.HasNextPage {
			t.Fatalf("default page: total %d, %d edges, next %v", p.Shipments.TotalCount, len(p.Shipments.Edges), p.Shipments.PageInfo.HasNextPage)
		}
		// a null variable gets the default page too
		e.do(`query($n: Int) { shipments(first: $n) { edges { node { reference } } } }`, map[string]any{"n": nil}, &p)
		if len(p.Shipments.Edges) != 50 {
			t.Fatalf("null first: %d edges", len(p.Shipments.Edges))
		}
		var next page
		e.do(`{ shipments(orderBy: {field: REFERENCE}) { pageInfo { endCursor } edges { node { reference } } } }`, nil, &p)
		e.do(`query($after: Cursor) { shipments(first: 20, after: $after, orderBy: {field: REFERENCE}) { pageInfo { hasNextPage hasPreviousPage } edges { node { reference } } } }`,
			map[string]any{"after": p.Shipments.PageInfo.EndCursor}, &next)
		if len(next.Shipments.Edges) != 11 || next.Shipments.PageInfo.HasNextPage || !next.Shipments.PageInfo.HasPreviousPage {
			t.Fatalf("second page: %d edges, %+v", len(next.Shipments.Edges), next.Shipments.PageInfo)
		}
		if next.Shipments.Edges[0].Node.Reference <= p.Shipments.Edges[49].Node.Reference {
			t.Fatalf("second page starts at %s after %s", next.Shipments.Edges[0].Node.Reference, p.Shipments.Edges[49].Node.Reference)
		}
		var last page
		e.do(`{ shipments(last: 3, orderBy: {field: REFERENCE}) { edges { node { reference } } } }`, nil, &last)
		// the last three by reference, in ascending order: SH-P-058, SH-P-059, SH-TEST-n
		if got := last.Shipments.Edges; len(got) != 3 || got[0].Node.Reference != "SH-P-058" || got[1].Node.Reference != "SH-P-059" || !strings.HasPrefix(got[2].Node.Reference, "SH-TEST-") {
			t.Fatalf("last page: %+v", got)
		}
		// nested connections get the default page as well
		var nestedPage struct {
			Node struct{ Shipments struct{ Edges []any } }
		}
		e.do(`query($id: ID!) { node(id: $id) { ... on Client { shipments { edges { node { id } } } } } }`, map[string]any{"id": f.client}, &nestedPage)
		if len(nestedPage.Node.Shipments.Edges) != 50 {
			t.Fatalf("nested default page: %d", len(nestedPage.Node.Shipments.Edges))
		}

		contains(t, e.fail("BAD_USER_INPUT", `{ shipments(first: 1001) { totalCount } }`, nil), "at most 1000")
		contains(t, e.fail("BAD_USER_INPUT", `query($n: Int) { clients { edges { node { shipments(last: $n) { totalCount } } } } }`, map[string]any{"n": 5000}), "at most 1000")
		contains(t, e.fail("BAD_USER_INPUT", `{ shipments(first: -1) { totalCount } }`, nil), "negative")
		e.fail("BAD_USER_INPUT", `{ shipments(first: 2, last: 2) { totalCount } }`, nil)
		e.fail("BAD_USER_INPUT", `{ shipments(first: 2, after: "bm90IGEgY3Vyc29y") { totalCount } }`, nil)
		e.fail("BAD_USER_INPUT", `{ shipments(first: 99999999999) { totalCount } }`, nil)
	})
}

func TestFiltersAndOrder(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		air := e.createShipment("SH-AIR-9", f.client, f.om, "AIR")
		e.do(assignCarrier, map[string]any{"s": air, "c": f.air}, nil)
		var out struct {
			Unassigned struct{ TotalCount int }
			ByMode     struct {
				Edges []struct{ Node struct{ Reference string } }
			}
			Expensive struct{ TotalCount int }
			Carriers  struct {
				Edges []struct{ Node struct{ Name string } }
			}
			Open struct{ TotalCount int }
		}
		e.do(`query($c: ID!) {
		  unassigned: shipments(where: {hasCarrier: false, clientID: $c}) { totalCount }
		  byMode: shipments(where: {mode: AIR}, orderBy: {field: PRICE, direction: DESC}) { edges { node { reference } } }
		  expensive: shipments(where: {priceGTE: "150000", currency: RUB}) { totalCount }
		  carriers(serves: AIR, where: {active: true}, orderBy: {field: NAME}) { edges { node { name } } }
		  open: tenders(where: {stageNotIn: [WON, LOST, WITHDRAWN], hasClientWith: {nameContainsFold: "клиент"}}) { totalCount }
		}`, map[string]any{"c": f.client}, &out)
		if out.Unassigned.TotalCount != 1 || len(out.ByMode.Edges) != 1 || out.ByMode.Edges[0].Node.Reference != "SH-AIR-9" ||
			out.Expensive.TotalCount != 2 || len(out.Carriers.Edges) != 1 || out.Open.TotalCount != 1 {
			t.Fatalf("filters: %+v", out)
		}
	})
}

func TestOperationLimits(t *testing.T) {
	httpOnly(t, func(t *testing.T, e *env) {
		e.fixture()
		deep := "{ clients { edges { node { tenders { edges { node { client { tenders { edges { node { client { tenders { edges { node { client { name } } } } } } } } } } } } } } } }"
		contains(t, e.fail("QUERY_TOO_DEEP", deep, nil), "levels deep")
		wide := `{ clients(first: 1000) { edges { node { tenders(first: 1000) { edges { node { lanes(first: 1000) { totalCount } } } } } } } }`
		contains(t, e.fail("QUERY_TOO_COMPLEX", wide, nil), "cost")
		var b strings.Builder
		b.WriteString("{")
		for i := range 400 {
			fmt.Fprintf(&b, " a%d: shipments(first: 1000) { edges { node { id reference } } }", i)
		}
		b.WriteString(" }")
		e.fail("QUERY_TOO_COMPLEX", b.String(), nil)
		e.healthy()
	})
}

// The introspection query of graphql-js (what GraphiQL and codegen send)
// passes the depth and cost limits.
func TestIntrospection(t *testing.T) {
	e := newEnvWith(t, "sqlite", withApp)
	const typeRef = `fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } } }`
	q := `query IntrospectionQuery {
	  __schema {
	    queryType { name } mutationType { name } subscriptionType { name }
	    types { ...FullType }
	    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
	  }
	}
	fragment FullType on __Type {
	  kind name description specifiedByURL isOneOf
	  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
	  inputFields(includeDeprecated: true) { ...InputValue }
	  interfaces { ...TypeRef }
	  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
	  possibleTypes { ...TypeRef }
	}
	fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
	` + typeRef
	var out struct {
		Schema struct {
			Types []struct{ Name string }
		} `json:"__schema"`
	}
	e.do(q, nil, &out)
	names := map[string]bool{}
	for _, ty := range out.Schema.Types {
		names[ty.Name] = true
	}
	for _, want := range []string{"Client", "Tender", "Shipment", "Carrier", "Manager", "Feedback", "Decimal", "TransportMode", "ClientConnection", "CreateClientInput"} {
		if !names[want] {
			t.Errorf("the schema has no type %s", want)
		}
	}
	if names["Customer"] {
		t.Error("the ent name Customer leaks into the API")
	}
	res, err := http.Get(e.url + "/")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("index: %v %v", err, res)
	}
	res.Body.Close()
}

// Every row appears exactly once when a list is paged through, forwards and
// backwards, also when the order has many ties and zero or empty values.
func TestPagingVisitsEveryRowOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		if _, err := seed.Load(context.Background(), e.st.DB, e.st.Dialect, seed.Size{Clients: 20, Tenders: 40, Shipments: 400, Months: 6}, calendar.Now()); err != nil {
			t.Fatal(err)
		}
		f := e.fixture()
		for i := range 5 {
			e.createClient(fmt.Sprintf("ООО «Без отрасли %d»", i), f.am, f.om) // industry ""
			id := e.createTender(fmt.Sprintf("T-ZERO-%d", i), f.client, f.am)
			e.do(`mutation($id: ID!) { updateTender(id: $id, input: {winProbability: 0, estimatedValue: "0"}) { id } }`, map[string]any{"id": id}, nil)
			e.do(`mutation($t: ID!) { createLane(input: {tenderID: $t, origin: "Москва", destination: "Тула", mode: ROAD, currency: RUB, yearlyVolume: 0}) { id } }`, map[string]any{"t": id}, nil)
		}
		for _, c := range []struct{ root, field string }{
			{"shipments", "MODE"}, {"shipments", "STATUS"}, {"shipments", "PLANNED_PICKUP"}, {"shipments", "PRICE"},
			{"shipments", "WEIGHT_KG"}, {"tenders", "WIN_PROBABILITY"}, {"tenders", "ESTIMATED_VALUE"},
			{"clients", "INDUSTRY"}, {"lanes", "YEARLY_VOLUME"},
		} {
			total := e.count(c.root)
			for _, dir := range []string{"ASC", "DESC"} {
				for _, backwards := range []bool{false, true} {
					if seen := e.walk(c.root, c.field, dir, backwards, total); seen != total {
						t.Fatalf("%s by %s %s backwards=%v: saw %d of %d", c.root, c.field, dir, backwards, seen, total)
					}
				}
			}
		}
		// ordering by two fields pages correctly too
		if seen := e.walk("shipments", "MODE, direction: DESC}, {field: PLANNED_PICKUP", "ASC", false, e.count("shipments")); seen != e.count("shipments") {
			t.Fatalf("two-field order saw %d rows", seen)
		}
		// fields that may be empty are not offered for ordering
		e.fail("GRAPHQL_VALIDATION_FAILED", `{ shipments(orderBy: {field: COST}) { totalCount } }`, nil)
	})
}

// walk pages through root ordered by field in pages of 37 and returns how
// many distinct rows it saw, failing on a row seen twice.
func (e *env) walk(root, field, dir string, backwards bool, total int) int {
	e.t.Helper()
	seen := map[string]bool{}
	var cursor any
	for pages := 0; ; pages++ {
		if pages > total {
			e.t.Fatalf("%s by %s: paging does not end", root, field)
		}
		q := `query($c: Cursor) { x: ` + root + `(first: 37, after: $c, orderBy: [{field: ` + field + `, direction: ` + dir + `}]) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`
		if backwards {
			q = `query($c: Cursor) { x: ` + root + `(last: 37, before: $c, orderBy: [{field: ` + field + `, direction: ` + dir + `}]) { pageInfo { hasPreviousPage startCursor } edges { node { id } } } }`
		}
		var out struct {
			X struct {
				PageInfo struct {
					HasNextPage, HasPreviousPage bool
					EndCursor, StartCursor       string
				}
				Edges []struct{ Node struct{ ID string } }
			}
		}
		e.do(q, map[string]any{"c": cursor}, &out)
		for _, edge := range out.X.Edges {
			if seen[edge.Node.ID] {
				e.t.Fatalf("%s by %s %s backwards=%v: %s seen twice", root, field, dir, backwards, edge.Node.ID)
			}
			seen[edge.Node.ID] = true
		}
		p := out.X.PageInfo
		switch {
		case backwards && p.HasPreviousPage:
			cursor = p.StartCursor
		case !backwards && p.HasNextPage:
			cursor = p.EndCursor
		default:
			return len(seen)
		}
	}
}

func TestFilterAndListLimits(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.fixture()
		contains(t, e.fail("QUERY_TOO_COMPLEX", `{ shipments(where: {hasClientWith: {hasShipmentsWith: {hasClientWith: {name: "x"}}}}) { totalCount } }`, nil), "has...With", "at most 2")
		e.do(`{ shipments(where: {hasClientWith: {hasTendersWith: {stage: WON}}}) { totalCount } }`, nil, nil)
		deep := map[string]any{"name": "x"}
		for range 12 {
			deep = map[string]any{"not": deep}
		}
		contains(t, e.fail("BAD_USER_INPUT", `query($w: ClientWhereInput) { clients(where: $w) { totalCount } }`, map[string]any{"w": deep}), "levels deep")
		var b strings.Builder
		b.WriteString("{")
		for i := range 101 {
			fmt.Fprintf(&b, " a%d: shipments(first: 0) { totalCount }", i)
		}
		b.WriteString(" }")
		contains(t, e.fail("QUERY_TOO_COMPLEX", b.String(), nil), "101 lists")
		ids := make([]string, 1001)
		for i := range ids {
			ids[i] = fmt.Sprint(i + 1)
		}
		contains(t, e.fail("BAD_USER_INPUT", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids}), "list of 1001 values", "at most 1000")
		big := make([]string, 1500)
		for i := range big {
			big[i] = "Омск"
		}
		contains(t, e.fail("BAD_USER_INPUT", `query($c: [String!]) { clients(where: {cityIn: $c}) { totalCount } }`, map[string]any{"c": big}), "at most 1000")
		contains(t, e.fail("BAD_USER_INPUT", `{ clients(where: {nameContains: "\u0000"}) { totalCount } }`, nil), "NUL")
		contains(t, e.fail("BAD_USER_INPUT", `{ node(id: "12a") { id } }`, nil), "not an ID")
		contains(t, e.fail("BAD_USER_INPUT", `{ shipments(first: 2, after: "garbage") { totalCount } }`, nil), "not a cursor")
		e.healthy()
	})
}

// A request that runs past its deadline is cancelled, database work and
// all, and answered with TIMEOUT; the server goes on.
func TestRequestTimeout(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		// SQLite scans this filter for a second and is interrupted in the
		// middle; PostgreSQL needs some milliseconds, so its deadline is
		// shorter still: it passes while the viewer is found, before the
		// operation runs, or as the statement runs; each is a TIMEOUT
		timeout := 50 * time.Millisecond
		if e.name == "postgres" {
			timeout = time.Millisecond
		}
		slow := newEnvWith(t, e.name, func(c *server.Config) { c.RequestTimeout = timeout })
		size := seed.Size{Clients: 100, Tenders: 100, Shipments: 6000, Months: 24}
		if _, err := seed.Load(context.Background(), slow.st.DB, slow.st.Dialect, size, calendar.Now()); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		msg := slow.fail("TIMEOUT", `{ shipments(where: {hasClientWith: {hasShipmentsWith: {originContainsFold: "zz"}}}) { totalCount } }`, nil)
		contains(t, msg, "too long")
		if took := time.Since(start); took > 5*time.Second {
			t.Fatalf("the timed-out request took %s", took)
		}
		slow.healthy()
		// the same database, through a server with the default deadline,
		// answers normally: the cancelled work left nothing stuck
		rec := newRecorder()
		req, _ := http.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ managers { totalCount } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+slow.token)
		newHandler(slow.st, nil).ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"totalCount":14`) {
			t.Fatalf("after the timeout: %d %s", rec.Code, rec.Body)
		}
	})
}
