package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/freightgraph/freightgraph/ent/seed"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/graph/loadtest"
	"github.com/freightgraph/freightgraph/graph/server"
)

// loadtestCmd serves the database on a loopback port of its own and puts
// writers on it (graph/loadtest), seeding an empty database first. It fails
// when a write got INTERNAL_SERVER_ERROR, or, with --strict, any error,
// or when the rollups no longer equal a recount. With --hostile it runs the
// hostile viewer among --others people instead (graph/loadtest/hostile.go),
// and fails when a target is missed.
func loadtestCmd(ctx context.Context, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	var db dbFlags
	db.register(fs)
	writers := fs.Int("writers", 10, "concurrent writers")
	duration := fs.Duration("duration", 30*time.Second, "how long they write")
	target := fs.String("target", string(loadtest.Random), "what they write: random (open shipments of their own operations manager; every fifth writer an account manager), own (one shipment each, of different clients, carriers and lanes), hot (one shipment each, all of one month, carrier and lane)")
	shipments := fs.Int("shipments", 100_000, "shipments to seed an empty database with first")
	strict := fs.Bool("strict", true, "fail on any error a writer got, not only INTERNAL_SERVER_ERROR")
	profile := fs.String("cpuprofile", "", "write a CPU profile of this process (server and writers) to this file")
	url := fs.String("url", "", "write to the server already running at this base URL (on the same database) instead of one of its own on 127.0.0.1")
	hostile := fs.Bool("hostile", false, "run the hostile viewer: one analyst sending --parallel of the costliest requests the limits let through, without pause, among --others people at work")
	others := fs.Int("others", 20, "with --hostile: the people at work beside the hostile viewer, half writing, half reading the screens")
	parallel := fs.Int("parallel", 20, "with --hostile: the hostile viewer's requests in flight")
	timeout := fs.Duration("request-timeout", 15*time.Second, "the deadline of a request, on the server of its own")
	slots := fs.Int("slots", 0, "GraphQL operations run at once on the server of its own, shared fairly between viewers (0: the server's default)")
	perViewer := fs.Int("slots-per-viewer", 0, "of those, how many one viewer's may take (0: the server's default)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	opts := []store.Option{store.StatementTimeout(*timeout)} // as serve has it
	external := *url != ""
	if external {
		// the running server owns the schema: leave it as that server has it
		opts = append(opts, store.Migrated())
	}
	st, err := db.open(ctx, opts...)
	if err != nil {
		return err
	}
	defer st.Close()
	empty, err := seed.Empty(ctx, st.Client)
	if err != nil {
		return err
	}
	if empty {
		if err := load(ctx, log, st, *shipments); err != nil {
			return err
		}
	}
	if *url == "" {
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		handler, err := server.New(server.Config{Client: st.Client, Writes: st.Writes(), Ping: st.Ping, Sizes: st.Sizes, Logger: quiet, RequestTimeout: *timeout, Slots: *slots, SlotsPerViewer: *perViewer})
		if err != nil {
			return err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = srv.Serve(ln) }()
		defer srv.Close()
		*url = "http://" + ln.Addr().String()
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *hostile {
		log.Info("hostile viewer", "dialect", st.Dialect, "others", *others, "parallel", *parallel, "for", duration.String(), "server", *url)
		cfg := loadtest.HostileConfig{Client: st.Client, URL: *url, Others: *others,
			Parallel: *parallel, Duration: *duration, Deadline: *timeout, Seed: 20261207}
		if external {
			// another process's memory is not this one's to read
			cfg.RSS = func() (uint64, error) { return 0, errors.New("the server runs apart") }
		}
		rep, err := loadtest.RunHostile(ctx, cfg)
		if rep != nil {
			fmt.Fprintf(stdout, "%s: %s", st.Dialect, rep)
		}
		if err != nil {
			return err
		}
		if f := rep.Failures(); len(f) > 0 {
			return fmt.Errorf("missed: %s", strings.Join(f, "; "))
		}
		return nil
	}
	log.Info("writing", "dialect", st.Dialect, "writers", *writers, "target", *target, "for", duration.String(), "server", *url)
	rep, err := loadtest.Run(ctx, loadtest.Config{Client: st.Client, URL: *url,
		Writers: *writers, Duration: *duration, Target: loadtest.Target(*target), Seed: 20261204})
	if rep != nil {
		fmt.Fprintf(stdout, "%s: %s", st.Dialect, rep)
	}
	if err != nil {
		return err
	}
	switch {
	case len(rep.RollupDiffs) > 0:
		return fmt.Errorf("the rollups differ from a recount in %d places", len(rep.RollupDiffs))
	case rep.Outcomes[server.CodeInternal] > 0:
		return fmt.Errorf("%d writes got %s", rep.Outcomes[server.CodeInternal], server.CodeInternal)
	case *strict && rep.Errors() > 0:
		return fmt.Errorf("%d writes were refused (--strict)", rep.Errors())
	case rep.Acknowledged == 0:
		return errors.New("no write was acknowledged")
	}
	return nil
}
