package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/seed"
	"github.com/freightgraph/freightgraph/ent/store"
)

// seedCmd fills an empty database with generated data at scale, for
// benchmarks and load runs.
func seedCmd(ctx context.Context, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	var db dbFlags
	db.register(fs)
	shipments := fs.Int("shipments", 100_000, "number of shipments; clients, tenders and the rest scale with it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	empty, err := seed.Empty(ctx, st.Client)
	if err != nil {
		return err
	}
	if !empty {
		return errors.New("the database is not empty: seed writes only into an empty one")
	}
	return load(ctx, log, st, *shipments)
}

// load fills the (empty) database with the generated data of that many
// shipments and says what it wrote.
func load(ctx context.Context, log *slog.Logger, st *store.Store, shipments int) error {
	start := time.Now()
	sum, err := seed.Load(ctx, st.DB, st.Dialect, seed.Scaled(shipments), calendar.Now())
	if err != nil {
		return err
	}
	log.Info("seeded", "took", time.Since(start).Round(time.Millisecond), "what", sum.String())
	return nil
}
