package seed_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"testing"
	"time"

	entdialect "entgo.io/ent/dialect"

	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/seed"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/shipmentevent"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/ent/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

var (
	size = seed.Size{Clients: 30, Tenders: 60, Shipments: 1500, Months: 12}
	day  = time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
)

// open opens a migrated database of the test's own of kind.
func open(t *testing.T, kind string) *store.Store {
	t.Helper()
	dsn := storetest.SQLite(t)
	if kind == "postgres" {
		dsn = storetest.Postgres(t)
	}
	st, err := store.Open(context.Background(), dsn, store.Migrated())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// The bulk load takes the shipments' indexes and foreign keys off and puts
// them back from the catalogue: afterwards the schema is the migration's,
// to the letter, and the foreign keys hold again.
func TestLoadLeavesTheSchemaAsMigrated(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			st := open(t, kind)
			before := catalogue(t, st)
			if _, err := seed.Load(context.Background(), st.DB, st.Dialect, size, day); err != nil {
				t.Fatal(err)
			}
			after := catalogue(t, st)
			if !slices.Equal(before, after) {
				t.Errorf("the schema changed with the load:\nbefore %q\nafter  %q", before, after)
			}
			if len(after) < 20 {
				t.Fatalf("the catalogue lists %d indexes and keys: the query misses them", len(after))
			}
			// a reference to no shipment is refused again
			_, err := st.DB.Exec(`INSERT INTO shipment_events (shipment_id, kind, at, note, recorded_at) VALUES (1, 'BOOKED', $1, '', $1)`, day)
			if err == nil {
				t.Error("an event of no shipment was written after the load: its foreign key is gone")
			}
		})
	}
}

// The load raises SQLite's page cache on its connection for the index
// builds; the connection goes back to the pool with the cache it had.
func TestLoadPutsTheConnectionBack(t *testing.T) {
	db, err := sql.Open("sqlite", store.SQLiteDSN(storetest.SQLite(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // the load's connection is the one asked after
	cache := func() (pages int) {
		if err := db.QueryRow("PRAGMA cache_size").Scan(&pages); err != nil {
			t.Fatal(err)
		}
		return pages
	}
	before := cache()
	if _, err := seed.Load(context.Background(), db, entdialect.SQLite, size, day); err != nil {
		t.Fatal(err)
	}
	if after := cache(); after != before {
		t.Errorf("PRAGMA cache_size is %d after the load, %d before", after, before)
	}
}

// catalogue lists the definitions of the shipments' and their events'
// indexes and foreign keys.
func catalogue(t *testing.T, st *store.Store) []string {
	t.Helper()
	q := `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('shipments', 'shipment_events')
	      UNION ALL
	      SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('shipments'::regclass, 'shipment_events'::regclass)`
	if st.Dialect == entdialect.SQLite {
		// a table's foreign keys are in its own definition
		q = `SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE tbl_name IN ('shipments', 'shipment_events')`
	}
	rows, err := st.DB.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var defs []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			t.Fatal(err)
		}
		defs = append(defs, d)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(defs)
	return defs
}

// PostgreSQL takes the shipments and events by COPY, SQLite through ent's
// builders with their defaults, hooks and validators: the same size and
// day write the same rows, ids included, on both.
func TestLoadWritesTheSameRowsOnBothDatabases(t *testing.T) {
	var got [2][]string
	for i, kind := range []string{"sqlite", "postgres"} {
		st := open(t, kind)
		sum, err := seed.Load(context.Background(), st.DB, st.Dialect, size, day)
		if err != nil {
			t.Fatal(err)
		}
		got[i] = rowsOf(t, st)
		if len(got[i]) != sum.Shipments+sum.Events || sum.Shipments != size.Shipments || sum.Events < sum.Shipments {
			t.Fatalf("%s: %d rows read back, the load says %s", kind, len(got[i]), sum)
		}
	}
	for j := range max(len(got[0]), len(got[1])) {
		if j >= len(got[0]) || j >= len(got[1]) || got[0][j] != got[1][j] {
			t.Fatalf("row %d differs:\nsqlite   %s\npostgres %s", j, at(got[0], j), at(got[1], j))
		}
	}
}

func at(rows []string, i int) string {
	if i < len(rows) {
		return rows[i]
	}
	return "(none)"
}

// rowsOf reads every shipment and event back through ent, each as JSON
// with its times in UTC.
func rowsOf(t *testing.T, st *store.Store) []string {
	t.Helper()
	ctx := rule.System(context.Background(), "test")
	c := st.Client
	ss, err := c.Shipment.Query().Order(shipment.ByID()).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rel := relativeIDs(t, st)
	var out []string
	for _, s := range ss {
		s.ID, s.ClientID, s.OperationsManagerID, s.TenderID, s.CarrierID = rel(s.ID), rel(s.ClientID), rel(s.OperationsManagerID), relp(rel, s.TenderID), relp(rel, s.CarrierID)
		s.CreatedAt, s.UpdatedAt, s.PlannedPickup, s.PlannedDelivery = s.CreatedAt.UTC(), s.UpdatedAt.UTC(), s.PlannedPickup.UTC(), s.PlannedDelivery.UTC()
		s.EstimatedDelivery, s.ActualPickup, s.ActualDelivery = utc(s.EstimatedDelivery), utc(s.ActualPickup), utc(s.ActualDelivery)
		out = append(out, asJSON(t, s))
	}
	es, err := c.ShipmentEvent.Query().Order(shipmentevent.ByID()).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		e.ID, e.ShipmentID, e.CarrierID = rel(e.ID), rel(e.ShipmentID), relp(rel, e.CarrierID)
		e.At, e.RecordedAt, e.EstimatedDelivery = e.At.UTC(), e.RecordedAt.UTC(), utc(e.EstimatedDelivery)
		out = append(out, asJSON(t, e))
	}
	return out
}

// relativeIDs makes ids comparable across the databases: each type has
// its own range of ids, which PostgreSQL starts at the range's first and
// SQLite at the one after; an id becomes its distance from the first id of
// its table.
func relativeIDs(t *testing.T, st *store.Store) func(int) int {
	t.Helper()
	first := map[int]int{}
	for _, table := range []string{"shipments", "shipment_events", "customers", "managers", "carriers", "tenders"} {
		var id int
		if err := st.DB.QueryRow("SELECT MIN(id) FROM " + table).Scan(&id); err != nil {
			t.Fatalf("first id of %s: %v", table, err)
		}
		first[id>>32] = id
	}
	return func(id int) int {
		f, ok := first[id>>32]
		if !ok {
			t.Fatalf("id %d is of no table read", id)
		}
		return id - f
	}
}

func relp(rel func(int) int, id *int) *int {
	if id == nil {
		return nil
	}
	r := rel(*id)
	return &r
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func asJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
