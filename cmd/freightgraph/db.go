package main

import (
	"context"
	"flag"
	"os"
	"path/filepath"

	"github.com/freightgraph/freightgraph/ent/store"
)

// dbFlags are the database flags every command shares.
type dbFlags struct {
	dsn     string
	dataDir string
}

func (d *dbFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.dsn, "db", os.Getenv("DATABASE_URL"), "PostgreSQL DSN (postgres://...) or SQLite file path; default: the SQLite file in --data-dir (env DATABASE_URL)")
	fs.StringVar(&d.dataDir, "data-dir", envOr("FREIGHTGRAPH_DATA_DIR", ".data"), "folder of the embedded SQLite database (env FREIGHTGRAPH_DATA_DIR)")
}

func (d *dbFlags) open(ctx context.Context, opts ...store.Option) (*store.Store, error) {
	dsn := d.dsn
	if dsn == "" {
		dsn = filepath.Join(d.dataDir, "freightgraph.db")
	}
	return store.Open(ctx, dsn, opts...)
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
