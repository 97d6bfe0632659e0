package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/seed"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/frontend"
	"github.com/freightgraph/freightgraph/graph/server"
)

func serve(ctx context.Context, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var db dbFlags
	db.register(fs)
	addr := fs.String("addr", envOr("FREIGHTGRAPH_ADDR", "127.0.0.1:8080"), "address to listen on (env FREIGHTGRAPH_ADDR)")
	demo := fs.Bool("demo", false, "load the demo data into an empty database before listening")
	origins := fs.String("cors-origins", os.Getenv("FREIGHTGRAPH_CORS_ORIGINS"), "comma-separated origins allowed to call the API from a browser; empty: same-origin only (env FREIGHTGRAPH_CORS_ORIGINS)")
	timeout := fs.Duration("request-timeout", 15*time.Second, "longest a GraphQL request may take, database work included")
	sessionTTL := fs.Duration("session-ttl", 12*time.Hour, "how long a sign-in lasts")
	hosts := fs.String("hosts", os.Getenv("FREIGHTGRAPH_HOSTS"), "comma-separated host names the server answers for; empty: localhost, 127.0.0.1 and ::1 when it listens on a loopback address, any otherwise (env FREIGHTGRAPH_HOSTS)")
	secure := fs.Bool("secure-cookies", os.Getenv("FREIGHTGRAPH_SECURE_COOKIES") == "true", "mark the session cookie Secure: set it when HTTPS ends in a proxy in front of the server (env FREIGHTGRAPH_SECURE_COOKIES=true)")
	regularMonths := fs.String("regular-months", envOr("FREIGHTGRAPH_REGULAR_MONTHS", strconv.Itoa(report.DefaultSettings.RegularMonths)), "a regular client has shipments in at least this many of the --regular-window months before (env FREIGHTGRAPH_REGULAR_MONTHS)")
	regularWindow := fs.String("regular-window", envOr("FREIGHTGRAPH_REGULAR_WINDOW", strconv.Itoa(report.DefaultSettings.RegularWindow)), "complete calendar months looked back at for a regular client (env FREIGHTGRAPH_REGULAR_WINDOW)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	figures, err := figureSettings(*regularMonths, *regularWindow)
	if err != nil {
		return err
	}
	server.TuneGC()
	if slices.Contains(splitList(*origins), "*") {
		return errors.New(`--cors-origins "*" would let every site act for a signed-in browser: list the origins of your apps (patterns such as https://*.example.com work)`)
	}
	// the request's deadline cancels its statements; statement_timeout
	// stops, on PostgreSQL, any that a lost cancellation would leave running
	st, err := db.open(ctx, store.StatementTimeout(*timeout))
	if err != nil {
		return err
	}
	defer st.Close()
	log.Info("database ready", "dialect", st.Dialect)
	for _, w := range st.Warnings {
		log.Warn(w)
	}
	if *demo {
		if err := loadDemo(ctx, log, st); err != nil {
			return err
		}
	}
	handler, err := server.New(server.Config{
		Client:         st.Client,
		Writes:         st.Writes(),
		Ping:           st.Ping,
		Sizes:          st.Sizes,
		AllowedOrigins: splitList(*origins),
		AllowedHosts:   allowedHosts(*hosts, *addr),
		RequestTimeout: *timeout,
		SessionTTL:     *sessionTTL,
		SecureCookies:  *secure,
		Figures:        figures,
		App:            frontend.Dist(),
		Logger:         log,
		Live:           st.Live,
	})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// live streams are requests that do not end by themselves: ending
	// their subscriptions ends them, so that the shutdown does not wait
	srv.RegisterOnShutdown(st.Live.Close)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	log.Info("listening", "url", "http://"+ln.Addr().String()+"/", "graphql", "http://"+ln.Addr().String()+"/graphql")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// loadDemo fills an empty database with the demo data and leaves a
// non-empty one alone, then says whom to try the demo as.
func loadDemo(ctx context.Context, log *slog.Logger, st *store.Store) error {
	ctx = rule.System(ctx, "cli:serve-demo")
	empty, err := seed.Empty(ctx, st.Client)
	if err != nil {
		return err
	}
	if empty {
		start := time.Now()
		sum, err := seed.Load(ctx, st.DB, st.Dialect, seed.Demo, calendar.Now())
		if err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		log.Info("demo data loaded", "took", time.Since(start).Round(time.Millisecond), "what", sum.String())
	} else {
		log.Info("database not empty: demo data left alone")
	}
	for _, role := range []enum.ManagerRole{enum.RoleAccountManager, enum.RoleOperationsManager, enum.RoleAnalyst, enum.RoleAdmin} {
		m, err := st.Client.Manager.Query().Where(manager.RoleEQ(role), manager.Active(true)).Order(manager.ByID()).First(ctx)
		if err == nil {
			log.Info("demo account", "role", role, "email", m.Email, "password", seed.DemoPassword, "name", m.Name)
		}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// allowedHosts are the names of --hosts, or, for a server listening on a
// loopback address (a developer's or a demo's), the loopback names: a web
// page must not reach it under a name of its own (DNS rebinding).
func allowedHosts(list, addr string) []string {
	if hosts := splitList(strings.ToLower(list)); len(hosts) > 0 {
		return hosts
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil
	}
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		hosts := []string{"localhost", "127.0.0.1", "::1"}
		if !slices.Contains(hosts, host) {
			hosts = append(hosts, host) // 127.0.0.2 and the like
		}
		return hosts
	}
	return nil
}

// figureSettings reads the definition of a regular client.
func figureSettings(months, window string) (report.Settings, error) {
	n, err := strconv.Atoi(months)
	if err != nil {
		return report.Settings{}, fmt.Errorf("--regular-months: %q is not a whole number", months)
	}
	w, err := strconv.Atoi(window)
	if err != nil {
		return report.Settings{}, fmt.Errorf("--regular-window: %q is not a whole number", window)
	}
	s := report.Settings{RegularMonths: n, RegularWindow: w}
	return s, s.Validate()
}
