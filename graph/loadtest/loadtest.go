// Package loadtest puts a whole office's writes on a running server: N
// writers, each an operations or account manager with their own API token,
// doing what those people do all day (tracking events through a shipment's
// life, carrier assignments, tender moves, client edits, feedback), over
// HTTP, for a set time. It reports acknowledged writes per second, latency,
// every outcome by error code, the retries the server made, and whether the
// rollups still equal a recount from the shipments. It sends traffic only to
// the URL it is given (freightgraph loadtest gives it a server of its own on
// 127.0.0.1) and stops by itself.
package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/carrier"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/tender"
)

// Target is what the writers write.
type Target string

// The targets.
const (
	// Random: each writer works on random open shipments of its
	// operations manager (never one another writer has in hand at that
	// moment); every fifth writer is an account manager moving tenders,
	// editing clients and recording feedback.
	Random Target = "random"
	// Own: each writer on one shipment of its own, of different clients,
	// carriers and lanes where the data has them.
	Own Target = "own"
	// Hot: each writer on its own shipment, all of one month, carrier and
	// lane (and so, mostly, one rollup row): the rollup's worst case.
	Hot Target = "hot"
)

// Config is one run.
type Config struct {
	// Client reads the database the server serves (to plan the run and
	// to check the rollups afterwards) and mints the writers' tokens.
	Client *ent.Client
	// URL is the server's base URL, such as http://127.0.0.1:8080.
	URL      string
	Writers  int
	Duration time.Duration
	Target   Target
	// Seed makes the writers' choices repeatable.
	Seed uint64
}

// Report is what a run measured.
type Report struct {
	Target  Target
	Writers int
	Elapsed time.Duration
	// Acknowledged writes, and per second of the run.
	Acknowledged int
	PerSecond    float64
	// Latency of the writes, acknowledged or not.
	P50, P99, Max time.Duration
	// Outcomes counts every write by its result: "ok" or an error code
	// (HTTP status and code where the answer had no GraphQL error).
	Outcomes map[string]int
	// Samples holds the first message of each code other than ok.
	Samples map[string]string
	// Retries are the server's own further attempts (extensions.attempts
	// minus one, summed); RetriedWrites the writes that needed any.
	Retries, RetriedWrites int
	// RollupDiffs are the differences between the rollups and a recount
	// after the run (report.Check): none when they agree.
	RollupDiffs []string
}

// Errors counts the writes that did not succeed.
func (r *Report) Errors() int {
	n := 0
	for code, c := range r.Outcomes {
		if code != "ok" {
			n += c
		}
	}
	return n
}

func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %d writers, %s: %d writes acknowledged, %.1f/s; latency p50 %s, p99 %s, max %s\n",
		r.Target, r.Writers, r.Elapsed.Round(time.Millisecond), r.Acknowledged, r.PerSecond,
		r.P50.Round(100*time.Microsecond), r.P99.Round(100*time.Microsecond), r.Max.Round(100*time.Microsecond))
	codes := slices.Sorted(func(yield func(string) bool) {
		for c := range r.Outcomes {
			if !yield(c) {
				return
			}
		}
	})
	for _, c := range codes {
		fmt.Fprintf(&b, "  %-24s %d", c, r.Outcomes[c])
		if s := r.Samples[c]; s != "" {
			fmt.Fprintf(&b, "  (%s)", s)
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "  server retries: %d, in %d writes\n", r.Retries, r.RetriedWrites)
	if len(r.RollupDiffs) == 0 {
		b.WriteString("  rollups equal a recount from the shipments\n")
	} else {
		fmt.Fprintf(&b, "  rollups differ from a recount in %d places, first: %s\n", len(r.RollupDiffs), r.RollupDiffs[0])
	}
	return b.String()
}

// Run plans the writers, runs them for cfg.Duration and checks the rollups.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Writers < 1 || cfg.Duration <= 0 {
		return nil, errors.New("loadtest: at least one writer and a duration")
	}
	sys := rule.System(ctx, "loadtest")
	p, err := plan(sys, cfg)
	if err != nil {
		return nil, err
	}
	defer p.revoke(sys)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: len(p.writers) + 4}, Timeout: time.Minute}
	defer client.CloseIdleConnections()
	rep := &Report{Target: cfg.Target, Writers: len(p.writers), Outcomes: map[string]int{}, Samples: map[string]string{}}
	var mu sync.Mutex
	var latencies []time.Duration
	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	p.startWriters(ctx, runCtx, &wg, client, cfg.URL, cfg.Seed, func(res result) {
		mu.Lock()
		defer mu.Unlock()
		latencies = append(latencies, res.took)
		rep.Outcomes[res.code]++
		if res.code != "ok" && rep.Samples[res.code] == "" {
			rep.Samples[res.code] = res.message
		}
		if res.attempts > 1 {
			rep.Retries += res.attempts - 1
			rep.RetriedWrites++
		}
	})
	wg.Wait()
	rep.Elapsed = time.Since(start)
	rep.Acknowledged = rep.Outcomes["ok"]
	rep.PerSecond = float64(rep.Acknowledged) / rep.Elapsed.Seconds()
	if len(latencies) > 0 {
		slices.Sort(latencies)
		at := func(q float64) time.Duration { return latencies[min(len(latencies)-1, int(q*float64(len(latencies))))] }
		rep.P50, rep.P99, rep.Max = at(0.50), at(0.99), latencies[len(latencies)-1]
	}
	if rep.RollupDiffs, err = report.Check(sys, cfg.Client); err != nil {
		return rep, fmt.Errorf("check the rollups: %w", err)
	}
	return rep, nil
}

// startWriters sets every writer to work until runCtx ends, each on a
// goroutine of its own that wg waits for, and hands each write's result to
// done (from those goroutines at once). A write under way when the time is
// up is let finish.
func (p *planned) startWriters(ctx, runCtx context.Context, wg *sync.WaitGroup, c *http.Client, url string, seed uint64, done func(result)) {
	for i, w := range p.writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(i)))
			for runCtx.Err() == nil {
				res, ok := w.step(ctx, r, p, &caller{http: c, url: url, token: w.token})
				if !ok {
					idle()
					continue
				}
				done(res)
			}
		}()
	}
}

// idle is a writer's pause when its pick had nothing to do (another writer
// had the record in hand): without it the writers spun on their shared
// bookkeeping and took a sixth of the cores from the server they measure.
func idle() { time.Sleep(time.Millisecond) }

// result is one write's outcome.
type result struct {
	code, message string
	attempts      int
	took          time.Duration
}

// caller speaks GraphQL to the server as one writer.
type caller struct {
	http  *http.Client
	url   string
	token string
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	Extensions map[string]any `json:"extensions"`
}

func (c *caller) post(ctx context.Context, query string, vars map[string]any) (*gqlResponse, result) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/graphql", bytes.NewReader(body))
	if err != nil {
		return nil, result{code: "REQUEST", message: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	res, err := c.http.Do(req)
	if err != nil {
		return nil, result{code: "TRANSPORT", message: err.Error(), took: time.Since(start)}
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	took := time.Since(start)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, result{code: "HTTP_" + strconv.Itoa(res.StatusCode), message: string(raw), took: took}
	}
	r := result{code: "ok", attempts: 1, took: took}
	if n, ok := out.Extensions["attempts"].(float64); ok {
		r.attempts = int(n)
	}
	if len(out.Errors) > 0 {
		code, _ := out.Errors[0].Extensions["code"].(string)
		if code == "" {
			code = "HTTP_" + strconv.Itoa(res.StatusCode)
		}
		r.code, r.message = code, out.Errors[0].Message
	}
	return &out, r
}

// state is what a writer knows of a shipment, from the server's answers.
type state struct {
	ID      string `json:"id"`
	Status  enum.ShipmentStatus
	Version int
	Mode    enum.TransportMode
	Carrier *string `json:"carrierID"`
}

const shipmentFields = `id status version mode carrierID`

// stateOf is what a writer's list shows of a shipment.
func stateOf(s *ent.Shipment) *state {
	st := &state{ID: gid(s.ID), Status: s.Status, Version: s.Version, Mode: s.Mode}
	if s.CarrierID != nil {
		id := gid(*s.CarrierID)
		st.Carrier = &id
	}
	return st
}

// writer is one person at work.
type writer struct {
	token string
	// an operations manager's shipments to pick from (Random), or the one
	// shipment of its own (Own, Hot)
	shipments []int
	// an account manager's clients and tenders (Random)
	clients, tenders []int
	// own: the writer's shipment is nobody else's; hotOnly: it records
	// only exceptions, which all count in one rollup row
	own, hotOnly bool
}

// step does one write; ok is false when there was nothing to do this time.
func (w *writer) step(ctx context.Context, r *rand.Rand, p *planned, c *caller) (result, bool) {
	if len(w.clients) > 0 {
		return w.accountWork(ctx, r, p, c)
	}
	id := w.shipments[r.IntN(len(w.shipments))]
	if !w.own {
		if !p.take(id) {
			return result{}, false
		}
		defer p.give(id)
	}
	s := p.known(id)
	if s == nil {
		var out struct{ Node *state }
		rsp, res := c.post(ctx, `query($id: ID!) { node(id: $id) { ... on Shipment { `+shipmentFields+` } } }`, map[string]any{"id": gid(id)})
		if rsp == nil || res.code != "ok" || json.Unmarshal(rsp.Data, &out) != nil || out.Node == nil {
			return result{}, false
		}
		s = out.Node
		p.learn(id, s)
	}
	now := calendar.Now().UTC().Format(time.RFC3339Nano)
	event := func(kind enum.ShipmentEventKind, extra map[string]any) (string, map[string]any) {
		vars := map[string]any{"s": s.ID, "k": kind, "at": now, "v": s.Version, "note": "Нагрузочный тест: " + strings.ToLower(string(kind))}
		for k, v := range extra {
			vars[k] = v
		}
		return `mutation($s: ID!, $k: ShipmentEventKind!, $at: Time!, $v: Int, $note: String, $eta: Time) {
			m: recordShipmentEvent(shipmentID: $s, kind: $k, at: $at, note: $note, estimatedDelivery: $eta, expectedVersion: $v) { ` + shipmentFields + ` } }`, vars
	}
	var query string
	var vars map[string]any
	switch {
	case w.hotOnly:
		query, vars = event(enum.EventException, nil)
	case w.own:
		// a shipment of one's own stays open: what happens on the road
		switch n := r.IntN(10); {
		case n < 5:
			query, vars = event(enum.EventCheckpoint, nil)
		case n < 8:
			query, vars = event(enum.EventException, nil)
		default:
			query, vars = event(enum.EventDelayed, map[string]any{"eta": calendar.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)})
		}
	case s.Status == enum.ShipmentPlanned && (s.Carrier == nil || r.IntN(4) == 0):
		carriers := p.carriers[s.Mode]
		if len(carriers) == 0 {
			return result{}, false
		}
		cid := gid(carriers[r.IntN(len(carriers))])
		if s.Carrier != nil && *s.Carrier == cid {
			return result{}, false
		}
		query = `mutation($s: ID!, $c: ID!, $v: Int) { m: assignCarrier(shipmentID: $s, carrierID: $c, expectedVersion: $v) { ` + shipmentFields + ` } }`
		vars = map[string]any{"s": s.ID, "c": cid, "v": s.Version}
	case s.Status == enum.ShipmentPlanned:
		query, vars = event(enum.EventBooked, nil)
	case s.Status == enum.ShipmentBooked:
		query, vars = event(enum.EventPickedUp, nil)
	case s.Status == enum.ShipmentInTransit:
		// most of a shipment's life on the road is checkpoints; one step
		// in twenty delivers it, so that a run does not use up the data
		switch n := r.IntN(20); {
		case n < 10:
			query, vars = event(enum.EventCheckpoint, nil)
		case n < 15:
			query, vars = event(enum.EventException, nil)
		case n < 19:
			query, vars = event(enum.EventDelayed, map[string]any{"eta": calendar.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)})
		default:
			query, vars = event(enum.EventDelivered, nil)
		}
	default:
		// delivered or cancelled: another one
		w.drop(id)
		return result{}, false
	}
	rsp, res := c.post(ctx, query, vars)
	var out struct{ M *state }
	if rsp != nil && res.code == "ok" && json.Unmarshal(rsp.Data, &out) == nil && out.M != nil {
		p.learn(id, out.M)
	} else {
		p.learn(id, nil) // read it again next time
	}
	return res, true
}

// drop takes a finished shipment out of a writer's hands.
func (w *writer) drop(id int) {
	if i := slices.Index(w.shipments, id); i >= 0 && !w.own && len(w.shipments) > 1 {
		w.shipments = slices.Delete(w.shipments, i, i+1)
	}
}

// accountWork is an account manager's write: a tender moved on, a client's
// details edited, a client's feedback recorded.
func (w *writer) accountWork(ctx context.Context, r *rand.Rand, p *planned, c *caller) (result, bool) {
	switch n := r.IntN(3); {
	case n == 0 && len(w.tenders) > 0:
		i := r.IntN(len(w.tenders))
		id := w.tenders[i]
		if !p.take(id) {
			return result{}, false
		}
		defer p.give(id)
		var out struct {
			Node *struct{ Stage enum.TenderStage }
		}
		rsp, res := c.post(ctx, `query($id: ID!) { node(id: $id) { ... on Tender { stage } } }`, map[string]any{"id": gid(id)})
		if rsp == nil || res.code != "ok" || json.Unmarshal(rsp.Data, &out) != nil || out.Node == nil {
			return result{}, false
		}
		next := map[enum.TenderStage]enum.TenderStage{enum.StageIdentified: enum.StageQualifying, enum.StageQualifying: enum.StagePreparing,
			enum.StagePreparing: enum.StageSubmitted, enum.StageSubmitted: enum.StageNegotiation}[out.Node.Stage]
		if next == "" {
			w.tenders = slices.Delete(w.tenders, i, i+1)
			return result{}, false
		}
		_, res = c.post(ctx, `mutation($id: ID!, $s: TenderStage!) { moveTender(id: $id, stage: $s) { id stage version } }`,
			map[string]any{"id": gid(id), "s": next})
		return res, true
	case n == 1:
		id := w.clients[r.IntN(len(w.clients))]
		if !p.take(id) {
			return result{}, false
		}
		defer p.give(id)
		cities := []string{"Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск"}
		_, res := c.post(ctx, `mutation($id: ID!, $city: String!) { updateClient(id: $id, input: {city: $city}) { id version } }`,
			map[string]any{"id": gid(id), "city": cities[r.IntN(len(cities))]})
		return res, true
	default:
		id := w.clients[r.IntN(len(w.clients))]
		_, res := c.post(ctx, `mutation($in: CreateFeedbackInput!) { createFeedback(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"clientID": gid(id), "score": 3 + r.IntN(3),
				"comment": "Оценка по итогам недели", "receivedAt": calendar.Now().UTC().Format(time.RFC3339)}})
		return res, true
	}
}

// planned is the run's cast and what it works on.
type planned struct {
	writers  []*writer
	carriers map[enum.TransportMode][]int
	tokens   []int // API tokens minted for the run, revoked after it
	client   *ent.Client

	mu    sync.Mutex
	busy  map[int]bool
	state map[int]*state // what the writers last saw of each shipment
}

func (p *planned) known(id int) *state {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state[id]
}

func (p *planned) learn(id int, s *state) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if s == nil {
		delete(p.state, id)
		return
	}
	p.state[id] = s
}

// take reserves a record (IDs are global) for one writer's step: two
// people do not type into the same shipment or tender at the same instant,
// and this test is of writes to different records.
func (p *planned) take(id int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.busy[id] {
		return false
	}
	p.busy[id] = true
	return true
}

func (p *planned) give(id int) {
	p.mu.Lock()
	delete(p.busy, id)
	p.mu.Unlock()
}

func (p *planned) revoke(ctx context.Context) {
	for _, id := range p.tokens {
		_, _ = p.client.APIToken.UpdateOneID(id).SetRevokedAt(calendar.Now().UTC().Truncate(time.Microsecond)).Save(ctx)
	}
}

// gid is record id's ID in the API: ent's IDs are global already (each
// table has its own range), written as decimal strings.
func gid(id int) string { return strconv.Itoa(id) }

func plan(ctx context.Context, cfg Config) (*planned, error) {
	c := cfg.Client
	p := &planned{carriers: map[enum.TransportMode][]int{}, busy: map[int]bool{}, state: map[int]*state{}, client: c}
	carriers, err := c.Carrier.Query().Where(carrier.Active(true)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, cr := range carriers {
		for _, m := range cr.Modes {
			p.carriers[m] = append(p.carriers[m], cr.ID)
		}
	}
	// a token of their own for each writer, as each person's script or
	// browser has: the server gives a sign-in or token its own share
	token := func(managerID int) (string, error) {
		m, err := c.Manager.Get(ctx, managerID)
		if err != nil {
			return "", err
		}
		vctx := rule.WithViewer(context.Background(), &rule.Viewer{ID: m.ID, Name: m.Name, Role: m.Role})
		expires := calendar.Now().Add(cfg.Duration + time.Hour)
		t, secret, err := rule.CreateAPIToken(vctx, c, "loadtest", &expires)
		if err != nil {
			return "", fmt.Errorf("a token for %s: %w", m.Email, err)
		}
		p.tokens = append(p.tokens, t.ID)
		return secret, nil
	}
	now := calendar.Now()
	open := []enum.ShipmentStatus{enum.ShipmentPlanned, enum.ShipmentBooked, enum.ShipmentInTransit}
	// events may come at most 30 days before the planned pickup
	workable := c.Shipment.Query().Where(shipment.PlannedPickupLT(now.Add(25*24*time.Hour)), shipment.PlannedPickupGT(now.Add(-120*24*time.Hour)))
	switch cfg.Target {
	case Random:
		oms, err := c.Manager.Query().Where(manager.RoleEQ(enum.RoleOperationsManager), manager.Active(true)).Order(manager.ByID()).IDs(ctx)
		if err != nil {
			return nil, err
		}
		ams, err := c.Manager.Query().Where(manager.RoleEQ(enum.RoleAccountManager), manager.Active(true)).Order(manager.ByID()).IDs(ctx)
		if err != nil {
			return nil, err
		}
		if len(oms) == 0 {
			return nil, errors.New("loadtest: no active operations managers: seed the database first (freightgraph seed)")
		}
		// the operations managers with open shipments to work on
		var pools [][]int
		var poolOM []int
		for _, om := range oms {
			ss, err := workable.Clone().Where(shipment.OperationsManagerID(om), shipment.StatusIn(open...)).Limit(5000).All(ctx)
			if err != nil {
				return nil, err
			}
			ids := make([]int, len(ss))
			for i, s := range ss {
				// what the writer's list shows before the run starts
				ids[i] = s.ID
				p.state[s.ID] = stateOf(s)
			}
			if len(ids) > 0 {
				pools, poolOM = append(pools, ids), append(poolOM, om)
			}
		}
		if len(pools) == 0 {
			return nil, errors.New("loadtest: no open shipment to work on: seed the database first (freightgraph seed)")
		}
		for i := range cfg.Writers {
			if i%5 == 4 && len(ams) > 0 {
				am := ams[(i/5)%len(ams)]
				clients, err := c.Customer.Query().Where(customer.AccountManagerID(am)).Limit(200).IDs(ctx)
				if err != nil {
					return nil, err
				}
				tenders, err := c.Tender.Query().Where(tender.ClientIDIn(clients...), tender.StageIn(enum.StageIdentified, enum.StageQualifying, enum.StagePreparing, enum.StageSubmitted)).Limit(500).IDs(ctx)
				if err != nil {
					return nil, err
				}
				if len(clients) > 0 {
					t, err := token(am)
					if err != nil {
						return nil, err
					}
					p.writers = append(p.writers, &writer{token: t, clients: clients, tenders: tenders})
					continue
				}
			}
			k := i % len(pools)
			t, err := token(poolOM[k])
			if err != nil {
				return nil, err
			}
			// writers of one operations manager work on the same
			// shipments (take keeps them apart), each from its own list
			p.writers = append(p.writers, &writer{token: t, shipments: slices.Clone(pools[k])})
		}
	case Own, Hot:
		candidates, err := workable.Clone().Where(shipment.StatusIn(open...), shipment.CarrierIDNotNil()).
			Order(shipment.ByID()).Limit(50000).All(ctx)
		if err != nil {
			return nil, err
		}
		var chosen []*ent.Shipment
		if cfg.Target == Own {
			// different clients, carriers and lanes, as far as they go
			seen := map[string]bool{}
			for _, s := range candidates {
				keys := []string{"c" + strconv.Itoa(s.ClientID), "k" + strconv.Itoa(*s.CarrierID), "l" + s.Origin + "→" + s.Destination}
				if slices.ContainsFunc(keys, func(k string) bool { return seen[k] }) {
					continue
				}
				for _, k := range keys {
					seen[k] = true
				}
				if chosen = append(chosen, s); len(chosen) == cfg.Writers {
					break
				}
			}
		} else {
			groups := map[string][]*ent.Shipment{}
			for _, s := range candidates {
				k := fmt.Sprintf("%d|%d|%s|%s", s.PickupMonth, *s.CarrierID, s.Origin, s.Destination)
				groups[k] = append(groups[k], s)
			}
			keys := make([]string, 0, len(groups))
			for k := range groups {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool {
				if len(groups[keys[i]]) != len(groups[keys[j]]) {
					return len(groups[keys[i]]) > len(groups[keys[j]])
				}
				return keys[i] < keys[j]
			})
			if len(keys) > 0 {
				chosen = groups[keys[0]][:min(cfg.Writers, len(groups[keys[0]]))]
			}
		}
		if len(chosen) == 0 {
			return nil, errors.New("loadtest: no open shipment with a carrier to work on: seed the database first (freightgraph seed)")
		}
		for _, s := range chosen {
			p.state[s.ID] = stateOf(s)
			t, err := token(s.OperationsManagerID)
			if err != nil {
				return nil, err
			}
			p.writers = append(p.writers, &writer{token: t, shipments: []int{s.ID}, own: true, hotOnly: cfg.Target == Hot})
		}
	default:
		return nil, fmt.Errorf("loadtest: no target %q: random, own or hot", cfg.Target)
	}
	if len(p.writers) == 0 {
		return nil, errors.New("loadtest: nobody has anything to do: seed the database first (freightgraph seed)")
	}
	return p, nil
}
