package store

import (
	"context"
	"testing"

	"github.com/freightgraph/freightgraph/ent/customer"
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
