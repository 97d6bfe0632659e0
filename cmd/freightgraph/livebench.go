package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/freightgraph/freightgraph/ent/seed"
	"github.com/freightgraph/freightgraph/graph/loadtest"
)

// spawner starts `freightgraph serve` with args as a process of its own:
// this binary, or (in the tests) the test binary standing in for it.
type spawner func(ctx context.Context, args []string) *exec.Cmd

func spawnSelf(ctx context.Context, args []string) *exec.Cmd {
	self, err := os.Executable()
	if err != nil {
		self = os.Args[0]
	}
	return exec.CommandContext(ctx, self, append([]string{"serve"}, args...)...)
}

// liveBenchCmd starts --processes server processes on one database (the
// demo loaded into it when it is empty), opens --subscribers subscriptions
// spread over them, writes through each of them, and reports what arrived
// and how fast (graph/loadtest/live.go), with each process's memory per
// subscription. It fails when a change was lost or a subscriber read what
// it may not.
func liveBenchCmd(ctx context.Context, log *slog.Logger, args []string, stdout io.Writer, spawn spawner) error {
	fs := flag.NewFlagSet("livebench", flag.ContinueOnError)
	var db dbFlags
	db.register(fs)
	processes := fs.Int("processes", 2, "server processes to start on the database")
	subscribers := fs.Int("subscribers", 200, "subscriptions to open, spread over the processes and the demo's managers")
	checked := fs.Int("checked", 20, "of those, how many read the changed tender's client's audit trail, to check that nobody reads another pair's")
	writes := fs.Int("writes", 100, "writes to make, spread over the processes")
	rate := fs.Float64("rate", 5, "writes a second")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if db.dsn == "" {
		return errors.New("--db: name a PostgreSQL database: on SQLite the process is the unit, and one process cannot share its subscriptions")
	}
	var procs []*benchProcess
	defer func() {
		for _, p := range procs {
			p.stop()
		}
	}()
	for i := range *processes {
		p, err := startProcess(ctx, spawn, []string{"--demo", "--db", db.dsn, "--addr", "127.0.0.1:0"})
		if err != nil {
			return fmt.Errorf("process %d: %w", i+1, err)
		}
		procs = append(procs, p)
	}
	var urls []string
	for _, p := range procs {
		urls = append(urls, p.url)
	}
	weigh := func() map[int]int64 {
		m := map[int]int64{}
		for _, p := range procs {
			m[p.cmd.Process.Pid], _ = rss(p.cmd.Process.Pid)
		}
		return m
	}
	var idle, open map[int]int64
	cfg := loadtest.LiveConfig{URLs: urls, AdminEmail: seed.AdminEmail(), Password: seed.DemoPassword,
		Subscribers: *subscribers, Checked: *checked, Writes: *writes, Rate: *rate,
		SignedIn: func() { idle = weigh() },
		Opened:   func() { open = weigh() }}
	log.Info("live benchmark", "processes", *processes, "subscribers", *subscribers, "writes", *writes, "rate", *rate)
	rep, err := loadtest.RunLive(ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, rep)
	for _, p := range procs {
		pid := p.cmd.Process.Pid
		per := *subscribers / len(procs)
		if per > 0 && open != nil && idle != nil {
			fmt.Fprintf(stdout, "process %d: resident memory %.1f MiB signed in, %.1f MiB with %d subscriptions open: %.1f KiB each\n",
				pid, float64(idle[pid])/(1<<20), float64(open[pid])/(1<<20), per, float64(open[pid]-idle[pid])/1024/float64(per))
		}
	}
	switch {
	case rep.Lost > 0:
		return fmt.Errorf("%d of %d changes were lost", rep.Lost, rep.Expected)
	case rep.Forbidden > 0:
		return fmt.Errorf("%d deliveries read another pair's audit trail", rep.Forbidden)
	case len(procs) > 1 && rep.CrossProcess == 0:
		return errors.New("no change crossed from one process to another")
	}
	return nil
}

// benchProcess is a server process the benchmark started.
type benchProcess struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{}
	logs *syncLines
}

var listening = regexp.MustCompile(`url=(http://\S+?)/? `)

func startProcess(ctx context.Context, spawn spawner, args []string) (*benchProcess, error) {
	cmd := spawn(ctx, args)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &benchProcess{cmd: cmd, done: make(chan struct{}), logs: &syncLines{}}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.logs.add(sc.Text())
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
	}()
	go func() {
		_ = cmd.Wait()
		close(p.done)
	}()
	select {
	case p.url = <-found:
		return p, nil
	case <-p.done:
		return nil, fmt.Errorf("the server stopped: %s", p.logs)
	case <-time.After(3 * time.Minute):
		p.stop()
		return nil, fmt.Errorf("the server did not listen: %s", p.logs)
	}
}

func (p *benchProcess) stop() {
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// rss is a process's resident memory in bytes, from /proc (Linux).
func rss(pid int) (int64, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmRSS")
}

// syncLines keeps a process's log lines for an error message.
type syncLines struct {
	mu    sync.Mutex
	lines []string
}

func (s *syncLines) add(l string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.lines) < 200 {
		s.lines = append(s.lines, l)
	}
}

func (s *syncLines) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.lines, "\n")
}
