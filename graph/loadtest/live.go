package loadtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The live benchmark: subscriptions spread over several server processes
// on one database, writes made through each of them, and for every write
// the time from when it was sent to when each subscriber got it. It checks
// that every subscriber got every write (nothing lost) and that no
// subscriber read what it may not (a client's audit trail is its pair's,
// ADMIN's and ANALYST's to read: another pair's operations manager must
// read it empty).

// LiveConfig is what the live benchmark does.
type LiveConfig struct {
	// URLs are the base URLs of the server processes, all on one database
	// that holds the demo data (every manager's password is Password).
	URLs []string
	// AdminEmail and Password sign in the administrator who lists the
	// managers; every active manager then signs in with Password.
	AdminEmail, Password string
	// Subscribers is how many subscriptions are opened, round robin over
	// the URLs and the managers; Checked of them select the client's
	// audit trail, to check what each may read.
	Subscribers, Checked int
	// Writes is how many writes are made, Rate a second, round robin over
	// the URLs, by the account managers on tenders of their own.
	Writes int
	Rate   float64
	// SignedIn, when set, is called once every manager has signed in on
	// every process, before any subscription opens.
	SignedIn func()
	// Opened, when set, is called once every subscription is open and
	// heard a change, before the writes (to weigh the processes' memory).
	Opened func()
}

// LiveReport is what the live benchmark saw.
type LiveReport struct {
	Processes, Subscribers, Writes int
	// Expected deliveries (writes × subscribers) and those Received;
	// Lost = Expected − Received, after waiting for stragglers.
	Expected, Received, Lost int
	// CrossProcess counts deliveries to a subscriber of another process
	// than the one the write went through.
	CrossProcess int
	// Forbidden counts deliveries in which a subscriber read what it may
	// not (another pair's client's audit trail).
	Forbidden int
	// Latency percentiles, from the write sent to the change received.
	P50, P90, P99, Max time.Duration
	// WriteP50 is the writes' own median round trip, for comparison.
	WriteP50 time.Duration
}

func (r LiveReport) String() string {
	return fmt.Sprintf("%d processes, %d subscriptions, %d writes: %d of %d deliveries received (%d lost, %d across processes, %d forbidden reads); write sent → change received p50 %v, p90 %v, p99 %v, max %v (a write alone: p50 %v)",
		r.Processes, r.Subscribers, r.Writes, r.Received, r.Expected, r.Lost, r.CrossProcess, r.Forbidden,
		r.P50.Round(time.Millisecond), r.P90.Round(time.Millisecond), r.P99.Round(time.Millisecond), r.Max.Round(time.Millisecond), r.WriteP50.Round(time.Millisecond))
}

// liveClient is one signed-in manager on one process.
type liveClient struct {
	base   string
	http   *http.Client
	cookie string
	id     string
	role   string
}

func signIn(ctx context.Context, base, email, password string) (*liveClient, error) {
	jar, _ := cookiejar.New(nil)
	c := &liveClient{base: strings.TrimSuffix(base, "/"), http: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/auth/sign-in", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		raw, _ := io.ReadAll(res.Body)
		return nil, fmt.Errorf("sign-in of %s: %d %s", email, res.StatusCode, raw)
	}
	for _, ck := range res.Cookies() {
		if ck.Name == "fg_session" {
			c.cookie = ck.Value
		}
	}
	var v struct{ Viewer struct{ ID, Role string } }
	if err := c.do(ctx, `{ viewer { id role } }`, nil, &v); err != nil {
		return nil, err
	}
	c.id, c.role = v.Viewer.ID, v.Viewer.Role
	return c, nil
}

func (c *liveClient) do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var r struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		return fmt.Errorf("%d: %w", res.StatusCode, err)
	}
	if len(r.Errors) > 0 {
		return errors.New(r.Errors[0].Message)
	}
	if out != nil {
		return json.Unmarshal(r.Data, out)
	}
	return nil
}

const (
	liveLean    = `subscription { tenderChanged { id tender { title } } }`
	liveChecked = `subscription { tenderChanged { id tender { title client { accountManager { id } operationsManager { id } history(first: 1) { totalCount } } } } }`
)

type liveDelivery struct {
	TenderChanged struct {
		ID     string
		Tender *struct {
			Title  string
			Client *struct {
				AccountManager    *struct{ ID string }
				OperationsManager *struct{ ID string }
				History           struct{ TotalCount int }
			}
		}
	}
}

// RunLive runs the live benchmark.
func RunLive(ctx context.Context, cfg LiveConfig) (LiveReport, error) {
	rep := LiveReport{Processes: len(cfg.URLs), Subscribers: cfg.Subscribers, Writes: cfg.Writes}
	admin, err := signIn(ctx, cfg.URLs[0], cfg.AdminEmail, cfg.Password)
	if err != nil {
		return rep, err
	}
	var ms struct {
		Managers struct {
			Edges []struct{ Node struct{ Email, Role string } }
		}
	}
	if err := admin.do(ctx, `{ managers(first: 100, where: {active: true}) { edges { node { email role } } } }`, nil, &ms); err != nil {
		return rep, err
	}
	// every active manager signed in on every process
	var viewers [][]*liveClient // [process][manager]
	for _, u := range cfg.URLs {
		var on []*liveClient
		for _, e := range ms.Managers.Edges {
			c, err := signIn(ctx, u, e.Node.Email, cfg.Password)
			if err != nil {
				return rep, err
			}
			on = append(on, c)
		}
		viewers = append(viewers, on)
	}
	if cfg.SignedIn != nil {
		cfg.SignedIn()
	}
	// the writers: the account managers, each on open tenders of their
	// own, one tender per write while there are enough: a subscriber reads
	// the tender when the change arrives, so two writes to one tender in
	// quick succession would both read as the second
	type target struct {
		by     []*liveClient // the same manager on each process
		tender string
	}
	var each [][]target
	for i, c := range viewers[0] {
		if c.role != "ACCOUNT_MANAGER" {
			continue
		}
		var ts struct {
			Tenders struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		if err := c.do(ctx, `query($me: ID!) { tenders(first: 50, where: {hasOwnerWith: {id: $me}, stageIn: [IDENTIFIED, QUALIFYING, PREPARING, SUBMITTED, NEGOTIATION]}) { edges { node { id } } } }`, map[string]any{"me": c.id}, &ts); err != nil {
			return rep, err
		}
		var by []*liveClient
		for p := range viewers {
			by = append(by, viewers[p][i])
		}
		var mine []target
		for _, e := range ts.Tenders.Edges {
			mine = append(mine, target{by: by, tender: e.Node.ID})
		}
		each = append(each, mine)
	}
	var targets []target // interleaved: one manager after another
	for k := 0; ; k++ {
		added := false
		for _, mine := range each {
			if k < len(mine) {
				targets = append(targets, mine[k])
				added = true
			}
		}
		if !added {
			break
		}
	}
	if len(targets) == 0 {
		return rep, errors.New("no account manager has an open tender to write")
	}

	// the subscriptions, and what each received: write title → time
	type sub struct {
		viewer  *liveClient
		process int
		stream  *Stream
		mu      sync.Mutex
		got     map[string]time.Time
	}
	subs := make([]*sub, cfg.Subscribers)
	var forbidden atomic.Int64
	var wg sync.WaitGroup
	for i := range subs {
		p := i % len(cfg.URLs)
		v := viewers[p][(i/len(cfg.URLs))%len(viewers[p])]
		q := liveLean
		if i < cfg.Checked {
			q = liveChecked
		}
		s, err := Subscribe(ctx, v.base, http.Header{"Cookie": {"fg_session=" + v.cookie}}, q, nil)
		if err != nil {
			for _, o := range subs[:i] {
				o.stream.Close()
			}
			return rep, fmt.Errorf("subscription %d: %w", i, err)
		}
		subs[i] = &sub{viewer: v, process: p, stream: s, got: map[string]time.Time{}}
		wg.Add(1)
		go func(sb *sub) {
			defer wg.Done()
			for ev := range sb.stream.Events {
				var d liveDelivery
				if json.Unmarshal(ev.Data, &d) != nil || d.TenderChanged.Tender == nil {
					continue
				}
				t := d.TenderChanged.Tender
				if cl := t.Client; cl != nil && sb.viewer.role != "ADMIN" && sb.viewer.role != "ANALYST" &&
					(cl.AccountManager == nil || cl.AccountManager.ID != sb.viewer.id) &&
					(cl.OperationsManager == nil || cl.OperationsManager.ID != sb.viewer.id) && cl.History.TotalCount > 0 {
					forbidden.Add(1)
				}
				sb.mu.Lock()
				if _, seen := sb.got[t.Title]; !seen {
					sb.got[t.Title] = ev.Received
				}
				sb.mu.Unlock()
			}
		}(subs[i])
	}
	defer func() {
		for _, s := range subs {
			s.stream.Close()
		}
		wg.Wait()
	}()
	// a warm-up write until every subscription hears it: they are all
	// taken, on every process
	received := func(title string) int {
		n := 0
		for _, s := range subs {
			s.mu.Lock()
			if _, ok := s.got[title]; ok {
				n++
			}
			s.mu.Unlock()
		}
		return n
	}
	const update = `mutation($id: ID!, $title: String!) { updateTender(id: $id, input: {title: $title}) { id } }`
	for attempt := 0; ; attempt++ {
		title := fmt.Sprintf("live warm-up %d %d", time.Now().UnixNano(), attempt)
		if err := targets[0].by[0].do(ctx, update, map[string]any{"id": targets[0].tender, "title": title}, nil); err != nil {
			return rep, err
		}
		deadline := time.Now().Add(2 * time.Second)
		for received(title) < len(subs) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if received(title) == len(subs) {
			break
		}
		if attempt == 10 {
			return rep, fmt.Errorf("after 10 warm-up writes only %d of %d subscriptions hear them", received(title), len(subs))
		}
	}

	if cfg.Opened != nil {
		cfg.Opened()
	}

	// the writes, at Rate a second
	type write struct {
		title   string
		process int
		sent    time.Time
		took    time.Duration
	}
	writes := make([]write, cfg.Writes)
	tick := time.NewTicker(time.Duration(float64(time.Second) / cfg.Rate))
	defer tick.Stop()
	var wwg sync.WaitGroup
	var werr atomic.Pointer[error]
	run := fmt.Sprintf("%d", time.Now().UnixNano())
	for i := range writes {
		<-tick.C
		t := targets[i%len(targets)]
		p := i % len(cfg.URLs)
		writes[i] = write{title: fmt.Sprintf("live %s %d", run, i), process: p, sent: time.Now()}
		wwg.Add(1)
		go func(i int) {
			defer wwg.Done()
			if err := t.by[p].do(ctx, update, map[string]any{"id": t.tender, "title": writes[i].title}, nil); err != nil {
				werr.Store(&err)
			}
			writes[i].took = time.Since(writes[i].sent)
		}(i)
	}
	wwg.Wait()
	if err := werr.Load(); err != nil {
		return rep, fmt.Errorf("a write failed: %w", *err)
	}
	// stragglers
	rep.Expected = len(writes) * len(subs)
	deadline := time.Now().Add(10 * time.Second)
	var lat []time.Duration
	for {
		lat, rep.Received, rep.CrossProcess = lat[:0], 0, 0
		for _, s := range subs {
			s.mu.Lock()
			for _, w := range writes {
				if at, ok := s.got[w.title]; ok {
					rep.Received++
					lat = append(lat, at.Sub(w.sent))
					if s.process != w.process {
						rep.CrossProcess++
					}
				}
			}
			s.mu.Unlock()
		}
		if rep.Received == rep.Expected || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	rep.Lost = rep.Expected - rep.Received
	rep.Forbidden = int(forbidden.Load())
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	rep.P50, rep.P90, rep.P99 = pct(0.50), pct(0.90), pct(0.99)
	if len(lat) > 0 {
		rep.Max = lat[len(lat)-1]
	}
	took := make([]time.Duration, len(writes))
	for i, w := range writes {
		took[i] = w.took
	}
	slices.Sort(took)
	rep.WriteP50 = took[len(took)/2]
	return rep, nil
}
