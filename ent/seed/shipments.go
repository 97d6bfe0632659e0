package seed

import (
	"context"
	"fmt"
	"github.com/freightgraph/freightgraph/ent/text"
	"slices"
	"time"

	entdialect "entgo.io/ent/dialect"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmentevent"
)

type event struct {
	kind    enum.ShipmentEventKind
	at      time.Time
	note    string
	eta     *time.Time
	carrier *int
}

func (g *gen) pickClient(cum []float64, at time.Time) *clientPlan {
	for range 8 {
		x := g.r.Float64() * cum[len(cum)-1]
		i, _ := slices.BinarySearch(cum, x)
		c := g.clients[min(i, len(g.clients)-1)]
		if c.weight > 0 && !at.Before(c.from) && at.Before(c.until) {
			return c
		}
	}
	return nil
}

func (g *gen) carrierFor(mode enum.TransportMode, current bool) *carrierPlan {
	var fit []*carrierPlan
	for _, c := range g.carriers {
		if slices.Contains(c.Modes, mode) && (c.Active || !current) {
			fit = append(fit, c)
		}
	}
	return fit[g.pick(len(fit))]
}

func (g *gen) shipments(ctx context.Context) error {
	cum := make([]float64, len(g.clients))
	total := 0.0
	for i, c := range g.clients {
		total += c.weight
		cum[i] = total
	}
	start := g.monthsAgo(float64(g.size.Months))
	end := g.now.AddDate(0, 0, 21)
	// made and written a batch at a time, so that memory stays flat
	// however many (a million held at once took 4 GB)
	var batch shipmentBatch
	made := 0
	for made < g.size.Shipments {
		pickup := g.between(start, end)
		cl := g.pickClient(cum, pickup)
		if cl == nil {
			continue
		}
		made++
		spec := lanes[cl.lanes[g.pick(len(cl.lanes))]]
		planDelivery := pickup.Add(time.Duration(spec.days)*24*time.Hour + time.Duration(g.pick(8))*time.Hour)
		currency := cl.currency
		price := amount(float64(spec.base)*(0.85+g.r.Float64()*0.4), currency)
		cost := price - price*money.Amount(cl.markupPercent())/100
		opsID := g.oms[0].ID
		if cl.OperationsManagerID != nil {
			opsID = *cl.OperationsManagerID
		}
		ref := fmt.Sprintf("SH-%s-%06d", pickup.Format("0601"), made)
		b := g.tx.Shipment.Create().
			// the search key is the hook's on SQLite; COPY writes it as given
			SetReference(ref).SetSearchKey(text.SearchKey(ref)).
			SetClientID(cl.ID).SetOperationsManagerID(opsID).SetMode(spec.mode).
			SetOrigin(spec.origin).SetDestination(spec.destination).
			SetPlannedPickup(pickup).SetPlannedDelivery(planDelivery).
			SetCurrency(currency).SetPrice(price).
			SetWeightKg(float64(500 + g.pick(19500))).
			SetCreatedAt(pickup.AddDate(0, 0, -7-g.pick(14))).SetUpdatedAt(pickup).
			// what ent's defaults and hook would set, for COPY (copy.go)
			SetVersion(shipment.DefaultVersion).SetStatus(shipment.DefaultStatus).
			SetPickupMonth(int(calendar.MonthOf(pickup)))
		for _, t := range cl.wonTenders {
			if t.DecidedAt != nil && pickup.After(*t.DecidedAt) && g.r.Float64() < 0.5 {
				b.SetTenderID(t.ID)
				break
			}
		}
		evs := g.lifecycle(b, spec, pickup, planDelivery)
		if len(evs) > 0 && evs[0].kind == enum.EventCarrierAssigned {
			b.SetCost(cost)
		}
		batch.builders = append(batch.builders, b)
		batch.events = append(batch.events, evs)
		batch.owners = append(batch.owners, cl)
		if len(batch.builders) == shipmentsPerBatch {
			if err := g.write(ctx, &batch); err != nil {
				return err
			}
		}
	}
	return g.write(ctx, &batch)
}

// shipmentsPerBatch is how many shipments go in one INSERT, their events
// right after.
const shipmentsPerBatch = 1000

// shipmentBatch is shipments made and not yet written, with their events
// and clients.
type shipmentBatch struct {
	builders []*ent.ShipmentCreate
	events   [][]event
	owners   []*clientPlan
}

// write inserts the batch's shipments, then their events, and empties it.
func (g *gen) write(ctx context.Context, batch *shipmentBatch) error {
	if len(batch.builders) == 0 {
		return nil
	}
	ids, err := g.saveShipments(ctx, batch.builders)
	if err != nil {
		return fmt.Errorf("shipments: %w", err)
	}
	var eventBuilders []*ent.ShipmentEventCreate
	for i, id := range ids {
		batch.owners[i].shipments = append(batch.owners[i].shipments, id)
		for _, e := range batch.events[i] {
			eventBuilders = append(eventBuilders, g.tx.ShipmentEvent.Create().SetShipmentID(id).SetKind(e.kind).
				SetAt(e.at).SetNote(e.note).SetNillableEstimatedDelivery(e.eta).SetNillableCarrierID(e.carrier).
				SetRecordedAt(e.at.Add(time.Duration(g.recorded.IntN(90))*time.Minute)))
		}
	}
	g.sum.Shipments += len(ids)
	n, err := g.saveEvents(ctx, eventBuilders)
	if err != nil {
		return fmt.Errorf("shipment events: %w", err)
	}
	g.sum.Events += n
	*batch = shipmentBatch{builders: batch.builders[:0], events: batch.events[:0], owners: batch.owners[:0]}
	return nil
}

// saveShipments writes the shipments and returns their ids in order: on
// PostgreSQL with COPY, elsewhere through ent.
func (g *gen) saveShipments(ctx context.Context, bs []*ent.ShipmentCreate) ([]int, error) {
	if g.dialect != entdialect.Postgres {
		ss, err := g.tx.Shipment.CreateBulk(bs...).Save(ctx)
		ids := make([]int, len(ss))
		for i, s := range ss {
			ids[i] = s.ID
		}
		return ids, err
	}
	ids, err := nextIDs(ctx, g.sqlTx, shipment.Table, len(bs))
	if err != nil {
		return nil, err
	}
	ms := make([]ent.Mutation, len(bs))
	for i, b := range bs {
		ms[i] = b.Mutation()
	}
	return ids, copyIn(ctx, g.sqlTx, shipment.Table, shipment.Columns, ids, ms)
}

// saveEvents writes the events and counts them: on PostgreSQL with COPY,
// elsewhere through ent.
func (g *gen) saveEvents(ctx context.Context, bs []*ent.ShipmentEventCreate) (int, error) {
	if g.dialect != entdialect.Postgres {
		return bulk(ctx, bs, 3000, func(b []*ent.ShipmentEventCreate) (int, error) {
			es, err := g.tx.ShipmentEvent.CreateBulk(b...).Save(ctx)
			return len(es), err
		})
	}
	ms := make([]ent.Mutation, len(bs))
	for i, b := range bs {
		ms[i] = b.Mutation()
	}
	return len(bs), copyIn(ctx, g.sqlTx, shipmentevent.Table, shipmentevent.Columns, nil, ms)
}

func (c *clientPlan) markupPercent() int64 {
	// cost = price * (1 - 1/markup), in whole percent of the price
	return int64(100 - 100/c.markup)
}

// lifecycle decides what has happened to a shipment by now, sets its status,
// carrier and times on b, and returns its tracking events.
func (g *gen) lifecycle(b *ent.ShipmentCreate, spec laneSpec, pickup, planDelivery time.Time) []event {
	now := g.now
	var evs []event
	if pickup.After(now.AddDate(0, 0, 10)) || (pickup.After(now) && g.r.Float64() < 0.45) {
		return nil // no carrier yet: the operations managers' to-do list
	}
	cr := g.carrierFor(spec.mode, pickup.After(now.AddDate(0, -2, 0)))
	id := cr.ID
	b.SetCarrierID(id)
	assigned := pickup.Add(-time.Duration(48+g.pick(200)) * time.Hour)
	// the event names its carrier by reference: no words of one language
	evs = append(evs, event{kind: enum.EventCarrierAssigned, at: assigned, carrier: &id})
	booked := pickup.Add(-time.Duration(6+g.pick(40)) * time.Hour)
	if booked.After(now) {
		b.SetStatus(enum.ShipmentPlanned)
		return evs
	}
	evs = append(evs, event{kind: enum.EventBooked, at: booked, carrier: &id})
	if g.r.Float64() < 0.02 {
		b.SetStatus(enum.ShipmentCancelled)
		return append(evs, event{kind: enum.EventCancelled, at: booked.Add(3 * time.Hour), note: "Клиент перенёс отгрузку", carrier: &id})
	}
	actualPickup := pickup.Add(time.Duration(g.pick(6)) * time.Hour)
	if actualPickup.After(now) {
		b.SetStatus(enum.ShipmentBooked)
		return evs
	}
	b.SetActualPickup(actualPickup)
	evs = append(evs, event{kind: enum.EventPickedUp, at: actualPickup, carrier: &id})
	delivery := planDelivery.Add(-time.Duration(g.pick(10)) * time.Hour)
	if g.r.Float64() > cr.onTime {
		delay := time.Duration(12+g.pick(100)) * time.Hour
		delivery = planDelivery.Add(delay)
		eta := delivery
		noticed := actualPickup.Add(planDelivery.Sub(actualPickup) / 2)
		if noticed.Before(now) {
			b.SetEstimatedDelivery(eta)
			evs = append(evs, event{kind: enum.EventDelayed, at: noticed, note: "Задержка на границе / в пути", eta: &eta, carrier: &id})
		}
	}
	if g.r.Float64() < 0.03 {
		at := actualPickup.Add(delivery.Sub(actualPickup) / 3)
		if at.Before(now) {
			evs = append(evs, event{kind: enum.EventException, at: at, note: "Повреждение упаковки при перегрузке", carrier: &id})
		}
	}
	if delivery.After(now) {
		b.SetStatus(enum.ShipmentInTransit)
		return evs
	}
	b.SetStatus(enum.ShipmentDelivered).SetActualDelivery(delivery)
	return append(evs, event{kind: enum.EventDelivered, at: delivery, carrier: &id})
}

func (g *gen) feedback(ctx context.Context) error {
	var builders []*ent.FeedbackCreate
	for _, cl := range g.clients {
		if len(cl.shipments) == 0 {
			continue
		}
		for m := float64(g.size.Months); m > 0; m-- {
			at := g.monthsAgo(m - g.r.Float64())
			if at.Before(cl.from) || at.After(cl.until) || g.r.Float64() > 0.35 {
				continue
			}
			score := int(cl.happiness + g.r.NormFloat64()*0.7 + 0.5)
			score = min(5, max(1, score))
			comments := feedbackComments[score]
			b := g.tx.Feedback.Create().SetClientID(cl.ID).SetScore(score).
				SetComment(comments[g.pick(len(comments))]).SetReceivedAt(at).SetCreatedAt(at).SetUpdatedAt(at)
			if g.r.Float64() < 0.5 {
				b.SetShipmentID(cl.shipments[g.pick(len(cl.shipments))])
			}
			builders = append(builders, b)
		}
	}
	n, err := bulk(ctx, builders, 2000, func(b []*ent.FeedbackCreate) (int, error) {
		fs, err := g.tx.Feedback.CreateBulk(b...).Save(ctx)
		return len(fs), err
	})
	g.sum.Feedback = n
	return err
}
