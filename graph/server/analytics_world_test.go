package server_test

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/money"
)

// world builds the records the analytics tests need directly, as the seed
// does: what they count is tested here, the moves that make them elsewhere.
type world struct {
	e   *env
	seq int
	// om runs the shipments that name nobody else.
	om int
}

func (e *env) world() *world {
	w := &world{e: e}
	w.om = w.manager(enum.RoleOperationsManager)
	return w
}

func (w *world) next() int { w.seq++; return w.seq }

func (w *world) manager(role enum.ManagerRole) int {
	return w.e.newManager(role, fmt.Sprintf("Manager %s %d", role, w.next()))
}

// clientsShipping makes n clients, each with one road shipment with its
// own carrier, picked up 1 to n days ago: rows for the figures of clients
// and carriers.
func (w *world) clientsShipping(n int) {
	for i := range n {
		c := w.client(0, 0)
		w.ship(ship{client: c, carrier: w.carrier(enum.ModeRoad), pickup: calendar.Now().Add(-time.Duration(i+1) * 24 * time.Hour), price: amount(100), cost: cost(80)})
	}
}

func (w *world) client(am, om int) int {
	w.e.t.Helper()
	b := w.e.st.Client.Customer.Create().SetName(fmt.Sprintf("Client %d", w.next())).SetCountry("RU").SetCity("Москва").SetStatus(enum.ClientActive)
	if am != 0 {
		b.SetAccountManagerID(am)
	}
	if om != 0 {
		b.SetOperationsManagerID(om)
	}
	c, err := b.Save(system())
	if err != nil {
		w.e.t.Fatal(err)
	}
	return c.ID
}

func (w *world) carrier(modes ...enum.TransportMode) int {
	w.e.t.Helper()
	c, err := w.e.st.Client.Carrier.Create().SetName(fmt.Sprintf("Carrier %d", w.next())).SetModes(modes).SetCountry("RU").Save(system())
	if err != nil {
		w.e.t.Fatal(err)
	}
	return c.ID
}

// ship is a shipment as the test describes it; zero fields get defaults.
type ship struct {
	client, om, carrier int
	status              enum.ShipmentStatus
	mode                enum.TransportMode
	origin, destination string
	pickup, delivery    time.Time // planned
	delivered           *time.Time
	currency            enum.Currency
	price               money.Amount
	cost                *money.Amount
}

func (w *world) ship(s ship) *ent.Shipment {
	w.e.t.Helper()
	if s.status == "" {
		s.status = enum.ShipmentPlanned
		if s.delivered != nil {
			s.status = enum.ShipmentDelivered
		}
	}
	if s.mode == "" {
		s.mode = enum.ModeRoad
	}
	if s.origin == "" {
		s.origin, s.destination = "Москва", "Казань"
	}
	if s.delivery.IsZero() {
		s.delivery = s.pickup.Add(48 * time.Hour)
	}
	if s.currency == "" {
		s.currency = enum.RUB
	}
	if s.om == 0 {
		s.om = w.om
	}
	b := w.e.st.Client.Shipment.Create().SetReference(fmt.Sprintf("SH-%d", w.next())).SetClientID(s.client).
		SetOperationsManagerID(s.om).SetMode(s.mode).SetOrigin(s.origin).SetDestination(s.destination).SetStatus(s.status).
		SetPlannedPickup(s.pickup).SetPlannedDelivery(s.delivery).SetCurrency(s.currency).SetPrice(s.price).
		SetNillableCost(s.cost).SetNillableActualDelivery(s.delivered)
	if s.carrier != 0 {
		b.SetCarrierID(s.carrier)
	}
	if s.delivered != nil || s.status == enum.ShipmentInTransit {
		b.SetActualPickup(s.pickup)
	}
	out, err := b.Save(system())
	if err != nil {
		w.e.t.Fatal(err)
	}
	return out
}

func (w *world) event(shipment *ent.Shipment, kind enum.ShipmentEventKind, at time.Time) {
	w.e.t.Helper()
	b := w.e.st.Client.ShipmentEvent.Create().SetShipmentID(shipment.ID).SetKind(kind).SetAt(at)
	if shipment.CarrierID != nil {
		b.SetCarrierID(*shipment.CarrierID)
	}
	if _, err := b.Save(system()); err != nil {
		w.e.t.Fatal(err)
	}
}

// bid is a tender as the test describes it.
type bid struct {
	client, owner      int
	stage              enum.TenderStage
	currency           enum.Currency
	value              money.Amount
	created, deadline  time.Time
	submitted, decided *time.Time
	lostReason         string
}

func (w *world) tender(b bid) int {
	w.e.t.Helper()
	if b.stage == "" {
		b.stage = enum.StageIdentified
	}
	if b.currency == "" {
		b.currency = enum.RUB
	}
	if b.created.IsZero() {
		b.created = calendar.Now().Add(-24 * time.Hour)
	}
	if b.deadline.IsZero() {
		b.deadline = b.created.Add(30 * 24 * time.Hour)
	}
	c := w.e.st.Client.Tender.Create().SetReference(fmt.Sprintf("T-%d", w.next())).SetTitle("Контракт").SetClientID(b.client).
		SetOwnerID(b.owner).SetStage(b.stage).SetCurrency(b.currency).SetEstimatedValue(b.value).SetSubmissionDeadline(b.deadline).
		SetNillableSubmittedAt(b.submitted).SetNillableDecidedAt(b.decided).SetCreatedAt(b.created).SetUpdatedAt(b.created)
	if b.lostReason != "" {
		c.SetLostReason(b.lostReason)
	}
	t, err := c.Save(system())
	if err != nil {
		w.e.t.Fatal(err)
	}
	return t.ID
}

func (w *world) feedback(client, score int, at time.Time) {
	w.e.t.Helper()
	_, err := w.e.st.Client.Feedback.Create().SetClientID(client).SetScore(score).SetReceivedAt(at).Save(system())
	if err != nil {
		w.e.t.Fatal(err)
	}
}

func id(n int) string { return strconv.Itoa(n) }

func amount(major float64) money.Amount { return money.Amount(math.Round(major * 100)) }

func cost(major float64) *money.Amount { a := amount(major); return &a }

func utc(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

func tp(t time.Time) *time.Time { return &t }
