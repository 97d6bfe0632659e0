package server_test

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
)

func TestExpectedVersionRefusesLostUpdates(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		const upd = `mutation($id: ID!, $in: UpdateTenderInput!, $v: Int) { updateTender(id: $id, input: $in, expectedVersion: $v) { title version } }`
		var out struct {
			UpdateTender struct {
				Title   string
				Version int
			}
		}
		e.do(upd, map[string]any{"id": f.tender, "in": map[string]any{"title": "Первая правка"}, "v": 1}, &out)
		if out.UpdateTender.Version != 2 {
			t.Fatalf("version after one update: %d", out.UpdateTender.Version)
		}
		msg := e.fail("CONFLICT", upd, map[string]any{"id": f.tender, "in": map[string]any{"title": "Устаревшая правка"}, "v": 1})
		contains(t, msg, "changed by someone else", "reload")
		e.fail("CONFLICT", `mutation($id: ID!) { updateTender(id: $id, input: {title: "x"}, expectedVersion: 1) { id } }`, map[string]any{"id": f.tender})
		var read struct{ Node struct{ Title string } }
		e.do(`query($id: ID!) { node(id: $id) { ... on Tender { title } } }`, map[string]any{"id": f.tender}, &read)
		if read.Node.Title != "Первая правка" {
			t.Fatalf("a refused update changed the tender: %q", read.Node.Title)
		}
		// without expectedVersion the write simply applies
		e.do(upd, map[string]any{"id": f.tender, "in": map[string]any{"title": "Без версии"}}, &out)
		if out.UpdateTender.Version != 3 {
			t.Fatalf("version: %d", out.UpdateTender.Version)
		}
		e.fail("NOT_FOUND", upd, map[string]any{"id": f.client, "in": map[string]any{"title": "x"}, "v": 1})
		contains(t, e.fail("BAD_USER_INPUT", upd, map[string]any{"id": f.tender, "in": map[string]any{"title": "x"}, "v": 0}), "expectedVersion")
		contains(t, e.fail("BAD_USER_INPUT", upd, map[string]any{"id": f.tender, "in": map[string]any{"title": "x"}, "v": 9}), "expectedVersion", "does not exist")
		contains(t, e.fail("BAD_USER_INPUT", moveTender, map[string]any{"id": f.tender, "stage": "QUALIFYING", "v": 9}), "expectedVersion", "does not exist")
	})
}

// Of many simultaneous writes that carry one version, exactly one succeeds.
// The writers are as many people (one request at a time each is all a
// person's share allows past a few: inflight.go).
func TestConcurrentWritesWithOneVersion(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		const writers = 16
		people := make([]*env, writers)
		for i := range people {
			people[i] = e.as(e.tokenFor(e.newManager(enum.RoleAdmin, fmt.Sprintf("Writer %d", i))))
		}
		run := func(query func(i int) (string, map[string]any)) (ok, conflicts int) {
			var wg sync.WaitGroup
			results := make(chan string, writers)
			for i := range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					q, v := query(i)
					r := people[i].post(q, v)
					if len(r.Errors) == 0 {
						results <- "ok"
					} else {
						results <- r.Errors[0].code() + ": " + r.Errors[0].Message
					}
				}()
			}
			wg.Wait()
			close(results)
			for r := range results {
				switch {
				case r == "ok":
					ok++
				case len(r) >= 8 && r[:8] == "CONFLICT":
					conflicts++
				default:
					t.Errorf("unexpected outcome: %s", r)
				}
			}
			return ok, conflicts
		}
		ok, conflicts := run(func(i int) (string, map[string]any) {
			// selecting only the ID: the conflict is still told apart from a
			// version that never existed
			return `mutation($id: ID!, $t: String!) { updateTender(id: $id, input: {title: $t}, expectedVersion: 1) { id } }`,
				map[string]any{"id": f.tender, "t": fmt.Sprintf("Правка %d", i)}
		})
		if ok != 1 || conflicts != writers-1 {
			t.Fatalf("updateTender: %d succeeded, %d conflicts; want 1 and %d", ok, conflicts, writers-1)
		}
		carriers := []string{f.road, f.air}
		ok, conflicts = run(func(i int) (string, map[string]any) {
			return `mutation($s: ID!, $c: ID!) { assignCarrier(shipmentID: $s, carrierID: $c, expectedVersion: 1) { version } }`,
				map[string]any{"s": f.shipment, "c": carriers[i%2]}
		})
		if ok != 1 || conflicts != writers-1 {
			t.Fatalf("assignCarrier: %d succeeded, %d conflicts; want 1 and %d", ok, conflicts, writers-1)
		}
		var s struct {
			Node struct {
				Version int
				Events  struct{ TotalCount int }
			}
		}
		e.do(`query($id: ID!) { node(id: $id) { ... on Shipment { version events { totalCount } } } }`, map[string]any{"id": f.shipment}, &s)
		if s.Node.Version != 2 || s.Node.Events.TotalCount != 1 {
			t.Fatalf("after the race: version %d with %d events; want 2 and 1", s.Node.Version, s.Node.Events.TotalCount)
		}
	})
}

// A mutation operation is one transaction: when one part fails, nothing of
// it is written.
func TestMutationOperationIsAtomic(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		carriers, tenders := e.count("carriers"), e.count("tenderStageChanges")
		r := e.post(`mutation($t: ID!) {
		  a: createCarrier(input: {name: "Новый перевозчик", modes: [ROAD], country: "RU"}) { id }
		  b: moveTender(id: $t, stage: QUALIFYING) { stage }
		  c: createCarrier(input: {name: "Плохой", modes: [], country: "RU"}) { id }
		}`, map[string]any{"t": f.tender})
		if len(r.Errors) != 1 || r.Errors[0].code() != "BAD_USER_INPUT" {
			t.Fatalf("errors: %+v", r.Errors)
		}
		contains(t, r.Errors[0].Message, "modes")
		if n := e.count("carriers"); n != carriers {
			t.Fatalf("carriers: %d, want %d", n, carriers)
		}
		if n := e.count("tenderStageChanges"); n != tenders || e.tenderVersion(f.tender) != 1 {
			t.Fatalf("the tender moved although the operation failed")
		}
		// after a failed mutation the rest of the operation is not run
		e.createCarrier("Уже есть", []string{"ROAD"}, true)
		r = e.post(`mutation($t: ID!) {
		  a: createCarrier(input: {name: "Уже есть", modes: [ROAD], country: "RU"}) { id }
		  b: moveTender(id: $t, stage: QUALIFYING) { stage }
		}`, map[string]any{"t": f.tender})
		if len(r.Errors) != 2 || r.Errors[0].code() != "CONFLICT" || r.Errors[1].code() != "NOT_RUN" {
			t.Fatalf("errors: %+v", r.Errors)
		}
		contains(t, r.Errors[1].Message, "a failed before it")
		e.healthy()
	})
}

// Rules that read one record and write another hold when the two race: of a
// role change and a client created with that manager never both land, and
// two read-modify-writes of one record never lose one.
func TestRulesHoldUnderConcurrency(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		e.fixture()
		race := func(a, b func() response) (okA, okB bool) {
			var wg sync.WaitGroup
			var ra, rb response
			wg.Add(2)
			go func() { defer wg.Done(); ra = a() }()
			go func() { defer wg.Done(); rb = b() }()
			wg.Wait()
			for _, r := range []response{ra, rb} {
				if len(r.Errors) > 0 && r.Errors[0].code() != "CONFLICT" && r.Errors[0].code() != "BAD_USER_INPUT" {
					t.Fatalf("unexpected refusal: %+v", r.Errors)
				}
			}
			return len(ra.Errors) == 0, len(rb.Errors) == 0
		}
		for i := range 10 {
			am := e.createManager("Гонка", fmt.Sprintf("race%d-%s@example.com", i, e.name), "ACCOUNT_MANAGER")
			roleChanged, clientMade := race(
				func() response {
					return e.post(`mutation($id: ID!) { updateManager(id: $id, input: {role: ANALYST}) { id } }`, map[string]any{"id": am})
				},
				func() response {
					return e.post(`mutation($am: ID!, $n: String!) { createClient(input: {name: $n, country: "RU", city: "Омск", accountManagerID: $am}) { id } }`,
						map[string]any{"am": am, "n": fmt.Sprintf("ООО «Гонка %d»", i)})
				})
			if roleChanged && clientMade {
				t.Fatalf("round %d: the manager became an analyst and got a client as account manager", i)
			}
			// two read-modify-writes of one carrier: both land, or one is
			// refused; none is lost
			carrier := e.createCarrier(fmt.Sprintf("Гонка %d", i), []string{"ROAD"}, true)
			addAir, addSea := race(
				func() response {
					return e.post(`mutation($id: ID!) { updateCarrier(id: $id, input: {appendModes: [AIR]}) { id } }`, map[string]any{"id": carrier})
				},
				func() response {
					return e.post(`mutation($id: ID!) { updateCarrier(id: $id, input: {appendModes: [SEA]}) { id } }`, map[string]any{"id": carrier})
				})
			var c struct{ Node struct{ Modes []string } }
			e.do(`query($id: ID!) { node(id: $id) { ... on Carrier { modes } } }`, map[string]any{"id": carrier}, &c)
			if want := 1 + btoi(addAir) + btoi(addSea); len(c.Node.Modes) != want {
				t.Fatalf("round %d: modes %v after appends that succeeded: AIR %v, SEA %v", i, c.Node.Modes, addAir, addSea)
			}
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// An update that changes nothing writes nothing: the version stays, the
// trail gets no entry, and the next writer's expectedVersion still holds. A
// stale expectedVersion is still refused.
func TestUnchangedUpdate(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		before := e.count("auditTrail")
		var out struct{ UpdateClient struct{ Version int } }
		for _, input := range []string{`{}`, `{industry: "Металлургия", country: "RU"}`, `{accountManagerID: "` + f.am + `", operationsManagerID: "` + f.om + `"}`} {
			e.do(`mutation($id: ID!) { updateClient(id: $id, input: `+input+`, expectedVersion: 1) { version } }`, map[string]any{"id": f.client}, &out)
			if out.UpdateClient.Version != 1 {
				t.Fatalf("an update with %s moved the version to %d", input, out.UpdateClient.Version)
			}
		}
		if n := e.count("auditTrail"); n != before {
			t.Fatalf("updates that changed nothing wrote %d entries", n-before)
		}
		e.do(`mutation($id: ID!) { updateClient(id: $id, input: {industry: "Химия"}, expectedVersion: 1) { version } }`, map[string]any{"id": f.client}, &out)
		if out.UpdateClient.Version != 2 {
			t.Fatalf("a real change left version %d", out.UpdateClient.Version)
		}
		contains(t, e.fail("CONFLICT", `mutation($id: ID!) { updateClient(id: $id, input: {}, expectedVersion: 1) { version } }`, map[string]any{"id": f.client}), "version 2")
		// nobody but ADMIN touches a manager, however emptily
		analyst, _ := strconv.Atoi(f.analyst)
		e.as(e.tokenFor(analyst)).fail("FORBIDDEN", `mutation($id: ID!) { updateManager(id: $id, input: {}) { version } }`, map[string]any{"id": f.analyst})
	})
}

// The domain moves always write: two tracking events recorded from the same
// version, neither of which changes a field, are one too many.
func TestEventsAlwaysWrite(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		record := `mutation($s: ID!, $k: ShipmentEventKind!, $at: Time!) { recordShipmentEvent(shipmentID: $s, kind: $k, at: $at, note: "Сканирование", expectedVersion: 1) { version } }`
		at := calendar.Now().UTC().Format(time.RFC3339Nano)
		var out struct{ RecordShipmentEvent struct{ Version int } }
		e.do(record, map[string]any{"s": f.shipment, "k": "CHECKPOINT", "at": at}, &out)
		if out.RecordShipmentEvent.Version != 2 {
			t.Fatalf("a checkpoint left version %d", out.RecordShipmentEvent.Version)
		}
		e.fail("CONFLICT", record, map[string]any{"s": f.shipment, "k": "EXCEPTION", "at": at})
		// and an empty edit naming a record of another kind is not found
		e.fail("NOT_FOUND", `mutation($id: ID!) { updateClient(id: $id, input: {}) { id } }`, map[string]any{"id": f.om})
	})
}
