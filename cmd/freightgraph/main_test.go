package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/ent/store/storetest"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestMain runs the tests, or, started by a test as a server process of
// its own (testSpawn), serves.
func TestMain(m *testing.M) {
	if args := os.Getenv("FREIGHTGRAPH_TEST_SERVE"); args != "" {
		var argv []string
		if err := json.Unmarshal([]byte(args), &argv); err != nil {
			panic(err)
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		if err := serve(ctx, slog.New(slog.NewTextHandler(os.Stderr, nil)), argv); err != nil {
			fmt.Fprintln(os.Stderr, "serve:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	storetest.Main(m)
}

// testSpawn starts this test binary as `freightgraph serve` args.
func testSpawn(ctx context.Context, args []string) *exec.Cmd {
	argv, _ := json.Marshal(args)
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FREIGHTGRAPH_TEST_SERVE="+string(argv))
	return cmd
}

// Two server processes on one PostgreSQL database: subscriptions on each
// hear the writes made through either (LISTEN/NOTIFY), every one of them,
// and nobody reads what they may not. The live benchmark itself, at a
// small size (make bench-live runs it at 200 subscriptions).
func TestTwoProcessesShareChanges(t *testing.T) {
	dsn := storetest.EmptyPostgres(t)
	var out bytes.Buffer
	err := liveBenchCmd(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)),
		[]string{"--db", dsn, "--processes", "2", "--subscribers", "24", "--checked", "8", "--writes", "20", "--rate", "20"}, &out, testSpawn)
	t.Log(out.String())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "0 lost") {
		t.Fatalf("the report does not say nothing was lost:\n%s", out.String())
	}
}

// The README's first command: serve --demo on a fresh data directory loads
// the demo, answers the example query, and shuts down cleanly; and the same
// on an empty PostgreSQL database, which serve migrates itself. The race
// pass of .ci/test runs the PostgreSQL half: the server's start and
// shutdown are where its goroutines meet.
func TestServeDemo(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		testServeDemo(t, []string{"--data-dir", t.TempDir(), "--db", ""})
	})
	t.Run("postgres", func(t *testing.T) {
		testServeDemo(t, []string{"--db", storetest.EmptyPostgres(t)})
	})
}

func testServeDemo(t *testing.T, db []string) {
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, log, append([]string{"--demo", "--addr", "127.0.0.1:0"}, db...))
	}()

	// loading the demo takes about 2 s, but 30 s or more under the race
	// detector on two busy cores: this waits for serving, not for speed
	url := ""
	for deadline := time.Now().Add(3 * time.Minute); url == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := regexp.MustCompile(`graphql=(http://\S+)`).FindStringSubmatch(logs.String()); m != nil {
			url = m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, logs)
		default:
		}
	}
	if url == "" {
		t.Fatalf("serve did not listen:\n%s", logs)
	}
	for _, want := range []string{"demo data loaded", "role=ACCOUNT_MANAGER email=anna.smirnova@freightgraph.example password=demo-password", "role=ADMIN"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log does not say %q:\n%s", want, logs)
		}
	}
	// the README's example query: refused until signed in, answered after
	body := `{"query":"{ tenders(first: 3, where: {stageIn: [SUBMITTED, NEGOTIATION]}, orderBy: {field: SUBMISSION_DEADLINE}) { totalCount edges { node { reference stage estimatedValue currency client { name } } } } }"}`
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the graph answered %d without sign-in", res.StatusCode)
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	base := strings.TrimSuffix(url, "/graphql")
	res, err = client.Post(base+"/auth/sign-in", "application/json", strings.NewReader(`{"email":"anna.smirnova@freightgraph.example","password":"demo-password"}`))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("demo sign-in: %v %v", err, res)
	}
	res.Body.Close()
	res, err = client.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var out struct {
		Data struct {
			Tenders struct {
				TotalCount int
				Edges      []any
			}
		}
		Errors []any
	}
	if err := json.Unmarshal(raw, &out); err != nil || len(out.Errors) > 0 || out.Data.Tenders.TotalCount == 0 || len(out.Data.Tenders.Edges) != 3 {
		t.Fatalf("example query answered %s", raw)
	}
	health, err := http.Get(strings.TrimSuffix(url, "/graphql") + "/healthz")
	if err != nil || health.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", err, health)
	}
	health.Body.Close()

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}

	// a second start leaves the non-empty database alone
	logs2 := &syncBuffer{}
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() {
		for !strings.Contains(logs2.String(), "listening") {
			time.Sleep(20 * time.Millisecond)
		}
		cancel2()
	}()
	if err := serve(ctx2, slog.New(slog.NewTextHandler(logs2, nil)), append([]string{"--demo", "--addr", "127.0.0.1:0"}, db...)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs2.String(), "demo data left alone") {
		t.Fatalf("second start:\n%s", logs2)
	}
}

func TestCreateManagerAndSeed(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fg.db")
	ctx := context.Background()
	if err := createManager(ctx, []string{"--db", db, "--name", "Виктор Алексеев", "--email", "Admin@Example.com", "--password-stdin"}, strings.NewReader("first admin pass\n")); err != nil {
		t.Fatal(err)
	}
	err := createManager(ctx, []string{"--db", db, "--name", "Второй", "--email", "admin@example.com"}, nil)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("a second manager with the same e-mail: %v", err)
	}
	if err := createManager(ctx, []string{"--db", db, "--name", "X", "--email", "x@example.com", "--role", "BOSS"}, nil); err == nil {
		t.Fatal("an unknown role was accepted")
	}
	err = createManager(ctx, []string{"--db", db, "--name", "X", "--email", "x@example.com", "--password-stdin"}, strings.NewReader("short\n"))
	if err == nil || !strings.Contains(err.Error(), "at least 10") {
		t.Fatalf("a short password: %v", err)
	}
	signIn := func(password string) bool {
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		_, _, err = rule.SignIn(ctx, st.Client, "admin@example.com", password, "test", time.Hour)
		return err == nil
	}
	if !signIn("first admin pass") {
		t.Fatal("the created admin cannot sign in with the password from stdin")
	}
	if err := setPassword(ctx, []string{"--db", db, "--email", "ADMIN@example.com", "--password-stdin"}, strings.NewReader("second admin pass")); err != nil {
		t.Fatal(err)
	}
	if signIn("first admin pass") || !signIn("second admin pass") {
		t.Fatal("set-password did not replace the password")
	}
	if err := setPassword(ctx, []string{"--db", db, "--email", "nobody@example.com", "--password-stdin"}, strings.NewReader("second admin pass")); err == nil || !strings.Contains(err.Error(), "no manager") {
		t.Fatalf("set-password for nobody: %v", err)
	}
	if err := seedCmd(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)), []string{"--db", db, "--shipments", "100"}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("seed into a non-empty database: %v", err)
	}
	fresh := filepath.Join(t.TempDir(), "seed.db")
	if err := seedCmd(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)), []string{"--db", fresh, "--shipments", "500"}); err != nil {
		t.Fatal(err)
	}
}

func TestAllowedHosts(t *testing.T) {
	for _, c := range []struct {
		list, addr string
		want       []string
	}{
		{"", "127.0.0.1:8080", []string{"localhost", "127.0.0.1", "::1"}},
		{"", "localhost:0", []string{"localhost", "127.0.0.1", "::1"}},
		{"", "[::1]:8080", []string{"localhost", "127.0.0.1", "::1"}},
		{"", "127.0.0.2:8080", []string{"localhost", "127.0.0.1", "::1", "127.0.0.2"}},
		{"", "0.0.0.0:8080", nil},
		{"", ":8080", nil},
		{"Freight.example, api.freight.example", "0.0.0.0:8080", []string{"freight.example", "api.freight.example"}},
	} {
		if got := allowedHosts(c.list, c.addr); !slices.Equal(got, c.want) {
			t.Errorf("allowedHosts(%q, %q) = %v, want %v", c.list, c.addr, got, c.want)
		}
	}
}

func TestServeRefusesAnyOrigin(t *testing.T) {
	err := serve(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)), []string{"--cors-origins", "https://a.example,*", "--data-dir", t.TempDir(), "--db", ""})
	if err == nil || !strings.Contains(err.Error(), "list the origins") {
		t.Fatalf("serve with --cors-origins '*': %v", err)
	}
}
