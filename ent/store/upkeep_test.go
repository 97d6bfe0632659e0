package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// Records written before search keys existed get theirs when the database
// is opened, and are not changed otherwise (no version, no audit entry).
func TestOpenGivesOlderRecordsTheirSearchKeys(t *testing.T) {
	onBothDatabases(t, "fg_search_", func(t *testing.T, dsn string) {
		ctx := rule.System(context.Background(), "test")
		st, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		c, err := st.Client.Customer.Create().SetName("ООО «Северный Лён»").SetIndustry("Текстиль").SetCountry("RU").SetCity("Вологда").Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.SearchKey != "ooo severni len" {
			t.Fatalf("key on create: %q", c.SearchKey)
		}
		// as a database from before the keys
		if _, err := st.DB.ExecContext(ctx, "UPDATE customers SET search_key = ''"); err != nil {
			t.Fatal(err)
		}
		st.Close()
		if st, err = Open(ctx, dsn); err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		got, err := st.Client.Customer.Query().Where(customer.ID(c.ID)).Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.SearchKey != "ooo severni len" || got.Version != c.Version || !got.UpdatedAt.Equal(c.UpdatedAt) {
			t.Fatalf("after opening: key %q, version %d → %d, updated %s → %s", got.SearchKey, c.Version, got.Version, c.UpdatedAt, got.UpdatedAt)
		}
	})
}

// An assignment's English note from an earlier build becomes the carrier it
// replaced, by reference, when the database is opened.
func TestOpenTurnsAssignmentNotesIntoReferences(t *testing.T) {
	onBothDatabases(t, "fg_notes_", func(t *testing.T, dsn string) {
		ctx := rule.System(context.Background(), "test")
		st, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		c := st.Client
		om, err := c.Manager.Create().SetName("Олег Новиков").SetEmail("oleg@example.com").SetRole("OPERATIONS_MANAGER").Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cl, err := c.Customer.Create().SetName("ООО «Ромашка»").SetIndustry("Розница").SetCountry("RU").SetCity("Тверь").Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		volga, _ := c.Carrier.Create().SetName("Волга Карго").SetCountry("RU").SetModes([]enum.TransportMode{"ROAD"}).Save(ctx)
		baltic, _ := c.Carrier.Create().SetName("Балтик Лайн").SetCountry("RU").SetModes([]enum.TransportMode{"ROAD"}).Save(ctx)
		at := time.Now().UTC().Truncate(time.Second)
		s, err := c.Shipment.Create().SetReference("SH-1").SetClientID(cl.ID).SetOperationsManagerID(om.ID).SetMode("ROAD").
			SetOrigin("Москва").SetDestination("Тверь").SetPlannedPickup(at).SetPlannedDelivery(at.Add(time.Hour)).SetCurrency("RUB").SetPrice(1).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		first, err := c.ShipmentEvent.Create().SetShipmentID(s.ID).SetKind("CARRIER_ASSIGNED").SetAt(at).SetCarrierID(baltic.ID).SetNote("Assigned Балтик Лайн").Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		second, err := c.ShipmentEvent.Create().SetShipmentID(s.ID).SetKind("CARRIER_ASSIGNED").SetAt(at.Add(time.Hour)).SetCarrierID(volga.ID).SetNote("Assigned Волга Карго instead of Балтик Лайн").Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// renamed since the note was written: the earlier assignment says who it was
		if err := c.Carrier.UpdateOne(baltic).SetName("Балтик Лайн Групп").Exec(ctx); err != nil {
			t.Fatal(err)
		}
		st.Close()
		if st, err = Open(ctx, dsn); err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for _, want := range []struct {
			id       int
			replaced *int
		}{{first.ID, nil}, {second.ID, &baltic.ID}} {
			e, err := st.Client.ShipmentEvent.Get(ctx, want.id)
			if err != nil {
				t.Fatal(err)
			}
			if e.Note != "" || (want.replaced == nil) != (e.ReplacedCarrierID == nil) || want.replaced != nil && *e.ReplacedCarrierID != *want.replaced {
				t.Errorf("event %d after opening: note %q, replaced %v", e.ID, e.Note, e.ReplacedCarrierID)
			}
		}
	})
}

// A SQLite file named by a file: URI is opened at its path, not in a
// folder called "file:" beside the working directory.
func TestOpenTakesASQLiteURI(t *testing.T) {
	dir := t.TempDir()
	ctx := rule.System(context.Background(), "test")
	st, err := Open(ctx, "file:"+filepath.Join(dir, "uri.db")+"?mode=rwc")
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := os.Stat(filepath.Join(dir, "uri.db")); err != nil {
		t.Fatalf("no database at the URI's path: %v", err)
	}
	if _, err := os.Stat("file:"); !os.IsNotExist(err) {
		t.Fatalf("a folder called file: was made: %v", err)
	}
}
