package server_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
)

// The operations managers' lists and the carrier picker: which shipments
// are late, and how each carrier has served.

func num(t testing.TB, id string) int {
	t.Helper()
	n, err := strconv.Atoi(id)
	if err != nil {
		t.Fatalf("ID %q is not a number", id)
	}
	return n
}

// shipmentAt writes a shipment in any state directly, as the seed does: the
// domain moves that reach these states are tested in shipment_test.go.
func (e *env) shipmentAt(ref string, f fixture, carrier string, status enum.ShipmentStatus, planned time.Time, eta, delivered *time.Time) *ent.Shipment {
	e.t.Helper()
	b := e.st.Client.Shipment.Create().SetReference(ref).SetClientID(num(e.t, f.client)).
		SetOperationsManagerID(num(e.t, f.om)).SetMode(enum.ModeRoad).SetOrigin("Москва").SetDestination("Казань").
		SetPlannedPickup(planned.Add(-72 * time.Hour)).SetPlannedDelivery(planned).SetCurrency(enum.RUB).
		SetPrice(100).SetStatus(status).SetNillableEstimatedDelivery(eta).SetNillableActualDelivery(delivered)
	if carrier != "" {
		b.SetCarrierID(num(e.t, carrier))
	}
	if delivered != nil || status == enum.ShipmentInTransit {
		b.SetActualPickup(planned.Add(-70 * time.Hour))
	}
	s, err := b.Save(system())
	if err != nil {
		e.t.Fatalf("shipment %s: %v", ref, err)
	}
	return s
}

func at(d time.Duration) *time.Time {
	t := calendar.Now().Add(d).UTC().Truncate(time.Second)
	return &t
}

func TestLateShipmentsFilter(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		h := time.Hour
		e.shipmentAt("LATE-DELIVERED", f, f.road, enum.ShipmentDelivered, *at(-100 * h), nil, at(-90*h))
		e.shipmentAt("ON-TIME-DELIVERED", f, f.road, enum.ShipmentDelivered, *at(-100 * h), nil, at(-101*h))
		e.shipmentAt("LATE-ETA", f, f.road, enum.ShipmentInTransit, *at(10 * h), at(30*h), nil)
		e.shipmentAt("EARLY-ETA-BUT-PAST", f, f.road, enum.ShipmentInTransit, *at(-2 * h), at(-3*h), nil)
		e.shipmentAt("PAST-NO-ETA", f, f.road, enum.ShipmentBooked, *at(-1 * h), nil, nil)
		e.shipmentAt("ON-TIME-ETA", f, f.road, enum.ShipmentInTransit, *at(10 * h), at(5*h), nil)
		e.shipmentAt("CANCELLED-PAST", f, "", enum.ShipmentCancelled, *at(-100 * h), nil, nil)
		// the fixture's own shipment is PLANNED for the days ahead: on time

		list := func(late bool) (refs []string) {
			var out struct {
				Shipments struct {
					Edges []struct {
						Node struct {
							Reference string
							IsLate    bool
						}
					}
				}
			}
			e.do(`query($c: ID!, $late: Boolean) { shipments(first: 50, where: {clientID: $c, isLate: $late}, orderBy: {field: REFERENCE}) {
				edges { node { reference isLate } } } }`, map[string]any{"c": f.client, "late": late}, &out)
			for _, ed := range out.Shipments.Edges {
				if ed.Node.IsLate != late {
					t.Errorf("%s: isLate %v under the filter isLate: %v", ed.Node.Reference, ed.Node.IsLate, late)
				}
				refs = append(refs, ed.Node.Reference)
			}
			return refs
		}
		if got, want := list(true), []string{"EARLY-ETA-BUT-PAST", "LATE-DELIVERED", "LATE-ETA", "PAST-NO-ETA"}; !slices.Equal(got, want) {
			t.Errorf("late: got %v, want %v", got, want)
		}
		if got := list(false); len(got) != 4 || !slices.Contains(got, "CANCELLED-PAST") || !slices.Contains(got, "ON-TIME-ETA") {
			t.Errorf("on time: got %v", got)
		}
	})
}

func TestCarrierRecord(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		h, d := time.Hour, 24*time.Hour
		e.shipmentAt("R-ONTIME-1", f, f.road, enum.ShipmentDelivered, *at(-10 * d), nil, at(-10*d-h))
		e.shipmentAt("R-ONTIME-2", f, f.road, enum.ShipmentDelivered, *at(-200 * d), nil, at(-200*d))
		e.shipmentAt("R-LATE", f, f.road, enum.ShipmentDelivered, *at(-20 * d), nil, at(-19*d))
		e.shipmentAt("R-LAST-YEAR", f, f.road, enum.ShipmentDelivered, *at(-400 * d), nil, at(-400*d))
		moving := e.shipmentAt("R-MOVING", f, f.road, enum.ShipmentInTransit, *at(2 * d), nil, nil)
		for _, ev := range []struct {
			kind enum.ShipmentEventKind
			ago  time.Duration
		}{{enum.EventException, 10 * d}, {enum.EventException, 100 * d}, {enum.EventDelayed, 5 * d}, {enum.EventCheckpoint, d}} {
			e.st.Client.ShipmentEvent.Create().SetShipmentID(moving.ID).SetKind(ev.kind).SetAt(*at(-ev.ago)).
				SetNote("test").SetCarrierID(num(t, f.road)).SaveX(system())
		}

		type record struct {
			Delivered, OnTime, RecentExceptions, RecentDelays, InHand int
			OnTimeShare                                               *float64
		}
		query := func(withRecord bool) (map[string]record, int64) {
			sel := "name"
			if withRecord {
				sel = "name record { delivered onTime onTimeShare recentExceptions recentDelays inHand }"
			}
			var out struct {
				Carriers struct {
					Edges []struct {
						Node struct {
							Name   string
							Record record
						}
					}
				}
			}
			before := e.stmts.Load()
			e.do(`{ carriers(first: 100, serves: ROAD) { edges { node { `+sel+` } } } }`, nil, &out)
			used := e.stmts.Load() - before
			byID := map[string]record{}
			for _, ed := range out.Carriers.Edges {
				byID[ed.Node.Name] = ed.Node.Record
			}
			return byID, used
		}
		plain, without := query(false)
		got, with := query(true)
		if len(plain) < 2 {
			t.Fatalf("want several ROAD carriers, got %d", len(plain))
		}
		// one batch of three grouped statements, however many carriers
		if with-without != 3 {
			t.Errorf("records of %d carriers took %d more statements, want 3", len(got), with-without)
		}
		road := got["Дорога "+strconv.FormatInt(f.seq, 10)]
		share := 2.0 / 3.0
		want := record{Delivered: 3, OnTime: 2, RecentExceptions: 1, RecentDelays: 1, InHand: 1, OnTimeShare: &share}
		if road.OnTimeShare == nil || *road.OnTimeShare-share > 1e-9 || share-*road.OnTimeShare > 1e-9 {
			t.Errorf("on-time share: got %v, want %v", road.OnTimeShare, share)
		}
		road.OnTimeShare, want.OnTimeShare = nil, nil
		if road != want {
			t.Errorf("road carrier's record: got %+v, want %+v", road, want)
		}
		if air := got["Небо "+strconv.FormatInt(f.seq, 10)]; air.Delivered != 0 || air.OnTimeShare != nil {
			t.Errorf("a carrier without deliveries: %+v", air)
		}
	})
}

func TestClientSatisfaction(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		calm := e.createClient("ООО «Спокойный»", f.am, f.om)
		d := 24 * time.Hour
		for _, fb := range []struct {
			client string
			score  int
			ago    time.Duration
		}{{f.client, 4, 3 * d}, {f.client, 2, 40 * d}, {f.client, 5, 120 * d}, {f.client, 5, 400 * d}, {calm, 4, 10 * d}} {
			e.mutate("createFeedback", `mutation($in: CreateFeedbackInput!) { createFeedback(input: $in) { id } }`,
				map[string]any{"in": map[string]any{"clientID": fb.client, "score": fb.score, "receivedAt": *at(-fb.ago)}})
		}
		type sat struct {
			RecentAverage, PreviousAverage *float64
			RecentCount, PreviousCount     int
			RecentLowest                   *int
			Unhappy                        bool
		}
		var out struct {
			Clients struct {
				Edges []struct {
					Node struct {
						ID           string
						Satisfaction sat
					}
				}
			}
		}
		e.do(`query($ids: [ID!]) { clients(where: {idIn: $ids}) { edges { node { id satisfaction {
			recentAverage recentCount recentLowest previousAverage previousCount unhappy } } } } }`,
			map[string]any{"ids": []string{f.client, calm}}, &out)
		got := map[string]sat{}
		for _, ed := range out.Clients.Edges {
			got[ed.Node.ID] = ed.Node.Satisfaction
		}
		s := got[f.client]
		if s.RecentCount != 2 || *s.RecentAverage != 3 || *s.RecentLowest != 2 || s.PreviousCount != 1 || *s.PreviousAverage != 5 || !s.Unhappy {
			raw, _ := json.Marshal(s)
			t.Errorf("a client who gave a 2 last month: %s", raw)
		}
		if c := got[calm]; c.Unhappy || c.RecentCount != 1 || c.PreviousAverage != nil {
			raw, _ := json.Marshal(c)
			t.Errorf("a content client: %s", raw)
		}
	})
}

const reassign = `mutation($ids: [ID!]!, $am: ID, $om: ID, $hand: Boolean) {
  reassignClients(clientIDs: $ids, accountManagerID: $am, operationsManagerID: $om, handOver: $hand) {
    id accountManager { id } operationsManager { id }
  }
}`

func TestReassignClients(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		second := e.createClient("ООО «Второй»", f.am, f.om)
		kept := e.createTender("T-KEPT", second, f.am2) // a colleague's tender stays theirs
		owner := func(tender string) string {
			var out struct {
				Node struct{ Owner struct{ ID string } }
			}
			e.do(`query($id: ID!) { node(id: $id) { ... on Tender { owner { id } } } }`, map[string]any{"id": tender}, &out)
			return out.Node.Owner.ID
		}
		runner := func(s string) string {
			var out struct {
				Node struct{ OperationsManager struct{ ID string } }
			}
			e.do(`query($id: ID!) { node(id: $id) { ... on Shipment { operationsManager { id } } } }`, map[string]any{"id": s}, &out)
			return out.Node.OperationsManager.ID
		}
		ids := []string{f.client, second}

		e.as(a["am"]).fail("FORBIDDEN", reassign, map[string]any{"ids": ids, "am": f.am2})
		contains(t, e.fail("BAD_USER_INPUT", reassign, map[string]any{"ids": ids}), "name a new account manager")
		contains(t, e.fail("BAD_USER_INPUT", reassign, map[string]any{"ids": []string{}, "am": f.am2}), "at least one client")
		// the second client's refusal undoes the first client's change
		gone := e.createManager("Ушедший", "gone@example.com", "ACCOUNT_MANAGER")
		e.mutate("updateManager", `mutation($id: ID!) { updateManager(id: $id, input: {active: false}) { id } }`, map[string]any{"id": gone})
		contains(t, e.fail("BAD_USER_INPUT", reassign, map[string]any{"ids": ids, "am": gone}), "no longer works here")
		contains(t, e.fail("BAD_USER_INPUT", reassign, map[string]any{"ids": []string{f.client, f.tender}, "am": f.am2}), "no client with ID")
		if owner(f.tender) != f.am {
			t.Fatal("a refused reassignment changed a tender")
		}

		// the preview lists what the reassignment then hands over, and writes nothing
		const preview = `query($ids: [ID!]!, $am: ID, $om: ID) { reassignPreview(clientIDs: $ids, accountManagerID: $am, operationsManagerID: $om) {
  clients { id } tenders { id } shipments { id } } }`
		e.as(a["am"]).fail("FORBIDDEN", preview, map[string]any{"ids": ids, "am": f.am2})
		var p struct {
			ReassignPreview struct{ Clients, Tenders, Shipments []struct{ ID string } }
		}
		e.do(preview, map[string]any{"ids": ids, "am": f.am2, "om": f.om2}, &p)
		idsOf := func(xs []struct{ ID string }) []string {
			var out []string
			for _, x := range xs {
				out = append(out, x.ID)
			}
			slices.Sort(out)
			return out
		}
		if got := idsOf(p.ReassignPreview.Tenders); !slices.Equal(got, []string{f.tender}) {
			// the colleague's tender (kept) is theirs, not the former account manager's
			t.Errorf("the preview hands over tenders %v, want %s", got, f.tender)
		}
		if got := idsOf(p.ReassignPreview.Shipments); !slices.Equal(got, []string{f.shipment}) || len(p.ReassignPreview.Clients) != 2 {
			t.Errorf("the preview: %+v", p.ReassignPreview)
		}
		if owner(f.tender) != f.am {
			t.Fatal("the preview changed a tender")
		}

		before := e.count("auditTrail")
		var out struct {
			ReassignClients []struct {
				ID                                string
				AccountManager, OperationsManager struct{ ID string }
			}
		}
		e.do(reassign, map[string]any{"ids": ids, "am": f.am2, "om": f.om2}, &out)
		if len(out.ReassignClients) != 2 || out.ReassignClients[0].ID != f.client || out.ReassignClients[1].AccountManager.ID != f.am2 ||
			out.ReassignClients[1].OperationsManager.ID != f.om2 {
			t.Fatalf("reassigned: %+v", out.ReassignClients)
		}
		if owner(f.tender) != f.am2 || runner(f.shipment) != f.om2 || owner(kept) != f.am2 {
			t.Errorf("open work not handed over: tender %s, shipment %s", owner(f.tender), runner(f.shipment))
		}
		// two clients, one tender and one shipment: one entry each
		if n := e.count("auditTrail") - before; n != 4 {
			t.Errorf("reassignment wrote %d audit entries, want 4", n)
		}

		// without the hand-over, the work stays where it is
		e.do(reassign, map[string]any{"ids": []string{f.client}, "am": f.am, "hand": false}, nil)
		if owner(f.tender) != f.am2 {
			t.Error("handOver: false moved a tender")
		}
	})
}

const saveQuery = `mutation($name: String!, $q: String!, $vars: String) {
  saveQuery(name: $name, query: $q, variables: $vars) { id name query variables }
}`

func TestSavedQueries(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		a := e.actors(f)
		irina, oleg := e.as(a["analyst"]), e.as(a["om"])
		type saved struct{ ID, Name, Query, Variables string }
		mine := func(as *env) []saved {
			var out struct {
				SavedQueries struct {
					TotalCount int
					Edges      []struct{ Node saved }
				}
			}
			as.do(`{ savedQueries { totalCount edges { node { id name query variables } } } }`, nil, &out)
			var list []saved
			for _, e := range out.SavedQueries.Edges {
				list = append(list, e.Node)
			}
			if len(list) != out.SavedQueries.TotalCount {
				t.Errorf("%d saved queries listed of %d", len(list), out.SavedQueries.TotalCount)
			}
			return list
		}
		var first struct{ SaveQuery saved }
		irina.do(saveQuery, map[string]any{"name": " Late ", "q": "{ shipments { totalCount } }"}, &first)
		irina.do(saveQuery, map[string]any{"name": "Late", "q": "{ shipments(where: {isLate: true}) { totalCount } }", "vars": "{}"}, nil)
		irina.do(saveQuery, map[string]any{"name": "Clients", "q": "{ clients { totalCount } }"}, nil)
		got := mine(irina)
		if len(got) != 2 || got[0].Name != "Clients" || got[1].ID != first.SaveQuery.ID || got[1].Variables != "{}" ||
			got[1].Query != "{ shipments(where: {isLate: true}) { totalCount } }" {
			t.Fatalf("saved queries: %+v", got)
		}
		if others := mine(oleg); len(others) != 0 {
			t.Errorf("another manager sees %+v", others)
		}
		// not even ADMIN reads or deletes someone's saved query
		if admins := mine(e); len(admins) != 0 {
			t.Errorf("admin sees %+v", admins)
		}
		del := `mutation($id: ID!) { deleteSavedQuery(id: $id) }`
		e.fail("NOT_FOUND", del, map[string]any{"id": first.SaveQuery.ID})
		e.fail("NOT_FOUND", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": first.SaveQuery.ID})
		contains(t, irina.fail("BAD_USER_INPUT", saveQuery, map[string]any{"name": "Empty", "q": "  "}), "query")
		contains(t, irina.fail("BAD_USER_INPUT", saveQuery, map[string]any{"name": " ", "q": "{ viewer { id } }"}), "name")
		irina.do(del, map[string]any{"id": first.SaveQuery.ID}, nil)
		if got := mine(irina); len(got) != 1 {
			t.Errorf("after delete: %+v", got)
		}
	})
}
