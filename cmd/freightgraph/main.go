// Command freightgraph is the system of record of a client-first freight
// forwarder: one binary that serves the GraphQL graph, creates managers and
// generates data.
//
//	freightgraph serve [--demo] [--db DSN] [--addr HOST:PORT]
//	freightgraph create-manager --name NAME --email EMAIL --role ROLE [--password-stdin] [--db DSN]
//	freightgraph set-password --email EMAIL [--password-stdin] [--db DSN]
//	freightgraph seed --shipments N [--db DSN]
//	freightgraph loadtest [--writers N] [--duration D] [--target random|own|hot] [--db DSN]
//	freightgraph schema [-o FILE]
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	shifted, err := calendar.Clock()
	if err != nil {
		fmt.Fprintln(os.Stderr, "freightgraph:", err)
		os.Exit(2)
	}
	if shifted {
		log.Warn("the clock is moved: every record and figure goes by it (unset "+calendar.ClockVariable+" to use the system's)",
			"now", calendar.Now().UTC().Format(time.RFC3339))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "serve":
		err = serve(ctx, log, args)
	case "create-manager":
		err = createManager(ctx, args, os.Stdin)
	case "set-password":
		err = setPassword(ctx, args, os.Stdin)
	case "seed":
		err = seedCmd(ctx, log, args)
	case "loadtest":
		err = loadtestCmd(ctx, log, args, os.Stdout)
	case "livebench":
		err = liveBenchCmd(ctx, log, args, os.Stdout, spawnSelf)
	case "schema":
		err = schemaCmd(args, os.Stdout)
	case "help", "-h", "--help":
		usage()
		return
	default:
		fmt.Fprintf(os.Stderr, "freightgraph: unknown command %q\n\n", cmd)
		usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "freightgraph:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprint(os.Stderr, `usage: freightgraph COMMAND [flags]

commands:
  serve           serve the GraphQL API (add --demo for demo data)
  create-manager  create a manager, such as the first ADMIN of a deployment
  set-password    set a manager's password (from stdin or FREIGHTGRAPH_PASSWORD)
  seed            fill an empty database with generated data at scale
  loadtest        put concurrent writers on the database (seeded if empty) and report
  livebench       start server processes on one PostgreSQL and measure their subscriptions
  schema          print the GraphQL schema (SDL)

Run "freightgraph COMMAND -h" for a command's flags. The database is the
SQLite file .data/freightgraph.db unless --db or DATABASE_URL names a
PostgreSQL database (postgres://...).
`)
}
