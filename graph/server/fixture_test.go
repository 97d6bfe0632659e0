package server_test

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
)

// fixture is a small world built through the API: one matrix pair with a
// client, carriers of several kinds, a tender and a shipment.
type fixture struct {
	am, om, am2, om2, analyst string // manager IDs
	client                    string
	road, air, inactive       string // carrier IDs
	tender                    string
	shipment                  string
	seq                       int64 // the number in its names
}

func (e *env) mutate(field, query string, vars map[string]any) map[string]any {
	e.t.Helper()
	var out map[string]map[string]any
	e.do(query, vars, &out)
	return out[field]
}

func (e *env) createManager(name, email, role string) string {
	e.t.Helper()
	return e.mutate("createManager", `mutation($in: CreateManagerInput!) { createManager(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"name": name, "email": email, "role": role}})["id"].(string)
}

func (e *env) createCarrier(name string, modes []string, active bool) string {
	e.t.Helper()
	return e.mutate("createCarrier", `mutation($in: CreateCarrierInput!) { createCarrier(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"name": name, "modes": modes, "country": "RU", "active": active}})["id"].(string)
}

func (e *env) createClient(name, am, om string) string {
	e.t.Helper()
	in := map[string]any{"name": name, "country": "RU", "city": "Москва", "industry": "Металлургия", "status": "ACTIVE"}
	if am != "" {
		in["accountManagerID"] = am
	}
	if om != "" {
		in["operationsManagerID"] = om
	}
	return e.mutate("createClient", `mutation($in: CreateClientInput!) { createClient(input: $in) { id } }`,
		map[string]any{"in": in})["id"].(string)
}

func (e *env) createTender(ref, client, owner string) string {
	e.t.Helper()
	return e.mutate("createTender", `mutation($in: CreateTenderInput!) { createTender(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"reference": ref, "title": "Годовой контракт", "clientID": client, "ownerID": owner,
			"estimatedValue": "12500000.50", "currency": "RUB", "winProbability": 40,
			"submissionDeadline": calendar.Now().Add(14 * 24 * time.Hour).UTC().Format(time.RFC3339)}})["id"].(string)
}

func (e *env) createShipment(ref, client, om, mode string) string {
	e.t.Helper()
	pickup := calendar.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	return e.mutate("createShipment", `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"reference": ref, "clientID": client, "operationsManagerID": om, "mode": mode,
			"origin": "Москва", "destination": "Казань", "plannedPickup": pickup.Format(time.RFC3339),
			"plannedDelivery": pickup.Add(72 * time.Hour).Format(time.RFC3339), "currency": "RUB",
			"price": "150000.00", "cost": "120000.00", "weightKg": 1200.5}})["id"].(string)
}

// fixtureSeq numbers fixtures, so that their names and emails never meet
// (tests run in parallel).
var fixtureSeq atomic.Int64

func (e *env) fixture() fixture {
	e.t.Helper()
	n := fixtureSeq.Add(1)
	f := fixture{
		seq:     n,
		am:      e.createManager("Анна Смирнова", fmt.Sprintf("anna%d@example.com", n), "ACCOUNT_MANAGER"),
		om:      e.createManager("Олег Новиков", fmt.Sprintf("oleg%d@example.com", n), "OPERATIONS_MANAGER"),
		am2:     e.createManager("Дмитрий Волков", fmt.Sprintf("dmitry%d@example.com", n), "ACCOUNT_MANAGER"),
		om2:     e.createManager("Татьяна Попова", fmt.Sprintf("tatiana%d@example.com", n), "OPERATIONS_MANAGER"),
		analyst: e.createManager("Ирина Павлова", fmt.Sprintf("irina%d@example.com", n), "ANALYST"),
	}
	f.client = e.createClient(fmt.Sprintf("ООО «Клиент %d»", n), f.am, f.om)
	f.road = e.createCarrier(fmt.Sprintf("Дорога %d", n), []string{"ROAD"}, true)
	f.air = e.createCarrier(fmt.Sprintf("Небо %d", n), []string{"AIR", "ROAD"}, true)
	f.inactive = e.createCarrier(fmt.Sprintf("Бывший %d", n), []string{"ROAD"}, false)
	f.tender = e.createTender(fmt.Sprintf("T-TEST-%d", n), f.client, f.am)
	f.shipment = e.createShipment(fmt.Sprintf("SH-TEST-%d", n), f.client, f.om, "ROAD")
	return f
}
