// Package seed writes demo data and benchmark data: deterministic for a given
// day, realistic enough that every screen and every number has something
// true to show. It writes through its own ent client without the rule hooks
// (ent/rule): the data is consistent by construction, and per-row checks
// would make a 100k-shipment load take minutes instead of seconds.
package seed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	entdialect "entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/money"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/secret"
)

// Size is how much data to write.
type Size struct {
	Clients   int // beyond the named ones, numbered variants are made
	Tenders   int
	Shipments int
	Months    int // how far back shipments and tenders go
}

// Demo is the size of `serve --demo`.
var Demo = Size{Clients: 80, Tenders: 200, Shipments: 5000, Months: 24}

// Scaled is a size for benchmarks: shipments as asked, the rest in proportion.
func Scaled(shipments int) Size {
	return Size{Clients: max(80, shipments/60), Tenders: max(200, shipments/25), Shipments: shipments, Months: 24}
}

// Summary counts what was written.
type Summary struct {
	Managers, Clients, Contacts, Tenders, Lanes, StageChanges, Carriers, Shipments, Events, Feedback int
}

func (s Summary) String() string {
	return fmt.Sprintf("%d managers, %d clients (%d contacts), %d tenders (%d lanes, %d stage changes), %d carriers, %d shipments (%d events), %d feedback",
		s.Managers, s.Clients, s.Contacts, s.Tenders, s.Lanes, s.StageChanges, s.Carriers, s.Shipments, s.Events, s.Feedback)
}

// DemoPassword is the password of every demo manager.
const DemoPassword = "demo-password"

// Empty reports whether the database holds no managers and no clients.
func Empty(ctx context.Context, c *ent.Client) (bool, error) {
	ctx = rule.System(ctx, "seed")
	n, err := c.Manager.Query().Count(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	n, err = c.Customer.Query().Count(ctx)
	return n == 0, err
}

// Load writes data of the given size into the (empty) database, in one
// transaction, as of the day of now (UTC). The same size and day give the
// same data.
func Load(ctx context.Context, db *sql.DB, dialect string, size Size, now time.Time) (Summary, error) {
	// one connection of its own, and its own transaction under ent, so
	// that the bulk steps reach the transaction and what they set on the
	// connection is put back on it, however the load ends
	sum, err := load(ctx, db, dialect, size, now)
	if err != nil {
		return Summary{}, err
	}
	return sum, Analyze(ctx, db, dialect)
}

// load is Load without the statistics, on a connection it gives back.
func load(ctx context.Context, db *sql.DB, dialect string, size Size, now time.Time) (Summary, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return Summary{}, err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return Summary{}, err
	}
	g := &gen{
		sqlTx:   tx,
		dialect: dialect,
		tx:      ent.NewClient(ent.Driver(inTx{entsql.NewDriver(dialect, entsql.Conn{ExecQuerier: tx})})),
		r:       rand.New(rand.NewPCG(20261127, uint64(size.Shipments))),
		// its own stream: drawn as each batch is written, interleaved
		// with the making of the next
		recorded: rand.New(rand.NewPCG(20261207, uint64(size.Shipments))),
		size:     size,
		now:      now.UTC().Truncate(24 * time.Hour),
	}
	err = g.run(ctx)
	if err != nil {
		_ = tx.Rollback()
	} else {
		err = tx.Commit()
	}
	if g.bulk != nil {
		err = errors.Join(err, g.bulk.reset(context.WithoutCancel(ctx), conn))
	}
	if err != nil {
		return Summary{}, err
	}
	return g.sum, nil
}

// inTx is ent's driver on the load's transaction: what ent would run in a
// transaction of its own (an update, an edge kept in another table) runs
// in the load's, instead of failing for want of a *sql.DB to begin one.
type inTx struct{ *entsql.Driver }

func (d inTx) Tx(context.Context) (entdialect.Tx, error) { return entdialect.NopTx(d), nil }

// Analyze refreshes the planner's statistics after a bulk load, so that
// the first queries on the new data are planned on what is there (on
// PostgreSQL autovacuum would get to it only later, or never where it is
// off). The write path does not depend on it (its statements are bounded
// by the record written whatever the statistics, TestWritePathPlans), the
// figures' grouped reads do.
//
// On PostgreSQL it is VACUUM (ANALYZE): besides the statistics, the vacuum
// marks the freshly written pages all-visible, without which an index-only
// scan (the exceptions' index, the client months read from the index of
// shipments) still fetches every row from the table; autovacuum would do
// it in time, and on this cluster it is off.
func Analyze(ctx context.Context, db *sql.DB, dialect string) error {
	stmts := []string{"VACUUM (ANALYZE)"}
	if dialect == entdialect.SQLite {
		stmts = []string{"ANALYZE", "PRAGMA optimize"}
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("analyze after the load: %w", err)
		}
	}
	return nil
}

type gen struct {
	sqlTx   *sql.Tx
	dialect string
	tx      *ent.Client // on sqlTx
	bulk    *bulkLoad   // what the bulk load took off, once it has
	r       *rand.Rand
	// recorded draws the minutes between an event and its recording
	recorded *rand.Rand
	size     Size
	now      time.Time
	sum      Summary

	ams, oms []*ent.Manager
	clients  []*clientPlan
	carriers []*carrierPlan
}

// clientPlan is a client and how it behaves over time.
type clientPlan struct {
	*ent.Customer
	weight      float64   // relative number of shipments
	from, until time.Time // when it ships
	happiness   float64   // mean feedback score
	markup      float64   // price over cost
	lanes       []int     // indexes into lanes
	wonTenders  []*ent.Tender
	shipments   []int
	currency    enum.Currency
}

type carrierPlan struct {
	*ent.Carrier
	onTime float64
}

func (g *gen) run(ctx context.Context) error {
	steps := []func(context.Context) error{g.managers, g.clientsAndContacts, g.carriersStep, g.tenders,
		func(ctx context.Context) (err error) {
			g.bulk, err = startBulkLoad(ctx, g.sqlTx, g.dialect, "shipments", "shipment_events")
			return err
		},
		g.shipments, g.feedback,
		func(ctx context.Context) error { return g.bulk.putBack(ctx, g.sqlTx) },
		g.statistics,
		// written in bulk, without the hooks that keep the monthly rollup
		func(ctx context.Context) error { return report.RebuildTotals(ctx, g.tx) }}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// statistics gives the planner the shape of what was just written, inside
// the load's transaction (ANALYZE counts the rows its own transaction
// inserted), before the rollups are counted from it: without, PostgreSQL
// took the empty tables' statistics and joined a million shipments to
// their events row by row (23 of the 43 minutes of seeding a million).
func (g *gen) statistics(ctx context.Context) error {
	for _, table := range []string{"shipments", "shipment_events", "customers", "carriers", "managers"} {
		if _, err := g.tx.ExecContext(ctx, "ANALYZE "+table); err != nil {
			return fmt.Errorf("analyze %s: %w", table, err)
		}
	}
	return nil
}

func (g *gen) pick(n int) int { return g.r.IntN(n) }

func (g *gen) between(a, b time.Time) time.Time {
	if !b.After(a) {
		return a
	}
	return a.Add(time.Duration(g.r.Int64N(int64(b.Sub(a))))).Truncate(time.Minute)
}

func (g *gen) monthsAgo(m float64) time.Time {
	return g.now.Add(-time.Duration(m * 30.4 * 24 * float64(time.Hour))).Truncate(time.Minute)
}

// amount converts roubles to the currency (roughly) and rounds to whole units.
func amount(roubles float64, c enum.Currency) money.Amount {
	rate := map[enum.Currency]float64{enum.RUB: 1, enum.EUR: 100, enum.USD: 92, enum.CNY: 12.7}[c]
	if rate == 0 {
		rate = 1
	}
	return money.Amount(int64(roubles/rate) * 100)
}

func (g *gen) managers(ctx context.Context) error {
	// one hash for every demo account: they share a published password, so
	// separate salts would protect nothing, and each hash costs ~30 ms
	hash, err := secret.HashPassword(DemoPassword)
	if err != nil {
		return err
	}
	var builders []*ent.ManagerCreate
	add := func(p person, role enum.ManagerRole, active bool) {
		builders = append(builders, g.tx.Manager.Create().SetName(p.name).SetEmail(p.email+"@"+EmailDomain).
			SetRole(role).SetActive(active).SetPasswordHash(hash).SetCreatedAt(g.monthsAgo(36)).SetUpdatedAt(g.monthsAgo(1)))
	}
	for i, p := range accountManagers {
		add(p, enum.RoleAccountManager, i != len(accountManagers)-1)
	}
	for _, p := range operationsManagers {
		add(p, enum.RoleOperationsManager, true)
	}
	add(analyst, enum.RoleAnalyst, true)
	add(admin, enum.RoleAdmin, true)
	ms, err := g.tx.Manager.CreateBulk(builders...).Save(ctx)
	if err != nil {
		return fmt.Errorf("managers: %w", err)
	}
	g.ams, g.oms = ms[:len(accountManagers)], ms[len(accountManagers):len(accountManagers)+len(operationsManagers)]
	g.sum.Managers = len(ms)
	return nil
}

func (g *gen) clientName(i int) (name string, p place, foreign bool) {
	nf := len(foreignClients)
	nr := len(russianStems)
	switch {
	case i%4 == 3 && i/4 < nf:
		fc := foreignClients[i/4]
		return fc.name, fc.place, true
	case i < nr*len(russianForms):
		stem := russianStems[i%nr]
		round := i / nr
		name = fmt.Sprintf("%s «%s»", russianForms[(i+round)%len(russianForms)], stem)
		if round > 0 {
			name = fmt.Sprintf("%s «%s-%d»", russianForms[(i+round)%len(russianForms)], stem, round+1)
		}
		return name, russianPlaces[g.pick(len(russianPlaces))], false
	default:
		return fmt.Sprintf("ООО «Клиент %05d»", i), russianPlaces[g.pick(len(russianPlaces))], false
	}
}

func (g *gen) clientsAndContacts(ctx context.Context) error {
	n := g.size.Clients
	var builders []*ent.CustomerCreate
	for i := 0; i < n; i++ {
		name, p, foreign := g.clientName(i)
		pair := i % len(g.oms)
		status := enum.ClientActive
		switch r := g.r.Float64(); {
		case r < 0.12:
			status = enum.ClientProspect
		case r < 0.24:
			status = enum.ClientDormant
		case r < 0.30:
			status = enum.ClientLost
		}
		created := g.monthsAgo(26 + g.r.Float64()*24)
		b := g.tx.Customer.Create().SetName(name).SetIndustry(industries[g.pick(len(industries))]).
			SetCountry(p.country).SetCity(p.city).SetStatus(status).
			SetCreatedAt(created).SetUpdatedAt(g.between(created, g.now))
		am := g.ams[pair]
		if i%17 == 5 {
			am = g.ams[len(g.ams)-1] // the account manager who left
		}
		if !(i%23 == 7) { // a few clients lack an account manager
			b.SetAccountManagerID(am.ID)
		}
		if !(i%19 == 11) { // and a few an operations manager
			b.SetOperationsManagerID(g.oms[pair].ID)
		}
		plan := &clientPlan{weight: 0.2 + g.r.ExpFloat64(), happiness: 3.2 + g.r.Float64()*1.8, markup: 1.08 + g.r.Float64()*0.25, currency: enum.RUB}
		if foreign {
			plan.currency = []enum.Currency{enum.EUR, enum.USD, enum.EUR, enum.CNY}[g.pick(4)]
		}
		if i%11 == 4 { // a good margin with an unhappy client: the manual's bad compromise
			plan.happiness, plan.markup = 1.8, 1.45
		}
		for range 1 + g.pick(3) {
			plan.lanes = append(plan.lanes, g.pick(len(lanes)))
		}
		switch status {
		case enum.ClientProspect:
			plan.weight = 0
		case enum.ClientActive:
			plan.from, plan.until = g.monthsAgo(float64(g.size.Months)*g.r.Float64()*0.8), g.now.AddDate(0, 1, 0)
		case enum.ClientDormant:
			plan.from, plan.until = g.monthsAgo(float64(g.size.Months)), g.monthsAgo(4+g.r.Float64()*5)
		case enum.ClientLost:
			plan.from, plan.until = g.monthsAgo(float64(g.size.Months)), g.monthsAgo(6+g.r.Float64()*10)
			plan.happiness = 1.5 + g.r.Float64()
		}
		builders = append(builders, b)
		g.clients = append(g.clients, plan)
	}
	for start := 0; start < len(builders); start += 1000 {
		cs, err := g.tx.Customer.CreateBulk(builders[start:min(start+1000, len(builders))]...).Save(ctx)
		if err != nil {
			return fmt.Errorf("clients: %w", err)
		}
		for i, cu := range cs {
			g.clients[start+i].Customer = cu
		}
	}
	g.sum.Clients = len(g.clients)
	var contacts []*ent.ContactCreate
	for _, cl := range g.clients {
		for range 1 + g.pick(3) {
			first, last := contactFirst[g.pick(len(contactFirst))], contactLast[g.pick(len(contactLast))]
			contacts = append(contacts, g.tx.Contact.Create().SetClientID(cl.ID).SetName(first+" "+last).
				SetPosition(positions[g.pick(len(positions))]).
				SetEmail(fmt.Sprintf("contact%d.%d@client.example", cl.ID%100000, len(contacts))).
				SetPhone(fmt.Sprintf("+7 9%02d %03d-%02d-%02d", g.pick(100), g.pick(1000), g.pick(100), g.pick(100))).
				SetCreatedAt(cl.CreatedAt).SetUpdatedAt(cl.CreatedAt))
		}
	}
	n, err := bulk(ctx, contacts, 2000, func(b []*ent.ContactCreate) (int, error) {
		cs, err := g.tx.Contact.CreateBulk(b...).Save(ctx)
		return len(cs), err
	})
	g.sum.Contacts = n
	return err
}

// bulk saves builders in batches and counts what was saved.
func bulk[B any](ctx context.Context, builders []B, batch int, save func([]B) (int, error)) (int, error) {
	total := 0
	for start := 0; start < len(builders); start += batch {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		n, err := save(builders[start:min(start+batch, len(builders))])
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

func (g *gen) carriersStep(ctx context.Context) error {
	var builders []*ent.CarrierCreate
	for i, spec := range carriers {
		builders = append(builders, g.tx.Carrier.Create().SetName(spec.name).SetCountry(spec.country).
			SetModes(spec.modes).SetActive(!inactiveCarriers[spec.name]).
			SetContactName(contactFirst[i%len(contactFirst)]+" "+contactLast[(i*7)%len(contactLast)]).
			SetContactEmail(fmt.Sprintf("dispatch%d@carrier.example", i+1)).
			SetContactPhone(fmt.Sprintf("+7 495 %03d-%02d-%02d", 100+i*13, i*3%100, i*7%100)).
			SetCreatedAt(g.monthsAgo(40)).SetUpdatedAt(g.monthsAgo(2)))
	}
	cs, err := g.tx.Carrier.CreateBulk(builders...).Save(ctx)
	if err != nil {
		return fmt.Errorf("carriers: %w", err)
	}
	for i, c := range cs {
		onTime := 0.80 + g.r.Float64()*0.17
		if i%6 == 2 {
			onTime = 0.6 + g.r.Float64()*0.1 // the unreliable ones
		}
		g.carriers = append(g.carriers, &carrierPlan{Carrier: c, onTime: onTime})
	}
	g.sum.Carriers = len(cs)
	return nil
}
