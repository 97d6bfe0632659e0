package loadtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/savedquery"
	"github.com/freightgraph/freightgraph/ent/schema"
	"github.com/freightgraph/freightgraph/graph/guard"
)

// The hostile viewer: one signed-in ANALYST sends the most costly requests
// the limits let through, many at once and without pause, while the others
// work as usual (half of them writing as Run's writers do, half reading the
// app's screens and figures), and /healthz is asked every tenth of a
// second. The server must keep its promises to the others: their answers
// quick, /healthz quick and ok, the hostile requests each refused or
// answered by their deadline, and the process's memory bounded.

// Targets of the hostile run, as the issue set them.
const (
	OthersP95Target = time.Second
	HealthTarget    = time.Second
	RSSTarget       = 300 << 20
)

// HostileConfig is one run of the hostile scenario.
type HostileConfig struct {
	// Client reads the database the server serves, to plan the run, and
	// mints the tokens.
	Client *ent.Client
	// URL is the server's base URL, such as http://127.0.0.1:8080.
	URL string
	// Others is how many people work beside the hostile viewer: half of
	// them write (as Run's writers do), half read the screens.
	Others int
	// Parallel is how many requests the hostile viewer keeps in flight;
	// none runs the others alone, the baseline to compare with.
	Parallel int
	Duration time.Duration
	// Deadline is the server's request deadline: a hostile request
	// answered later than it (and a second to spare) is late.
	Deadline time.Duration
	Seed     uint64
	// RSS reads the server's resident memory in bytes; nil reads this
	// process's (a server of its own, as freightgraph loadtest runs it).
	RSS func() (uint64, error)
}

// Latencies sums up a set of answers.
type Latencies struct {
	N                  int
	P50, P95, P99, Max time.Duration
	// Outcomes counts the answers by "ok" or their error code; Samples
	// holds the first message of each code.
	Outcomes map[string]int
	Samples  map[string]string
}

func summarize(took []time.Duration, outcomes map[string]int, samples map[string]string) Latencies {
	l := Latencies{N: len(took), Outcomes: outcomes, Samples: samples}
	if len(took) > 0 {
		slices.Sort(took)
		at := func(q float64) time.Duration { return took[min(len(took)-1, int(q*float64(len(took))))] }
		l.P50, l.P95, l.P99, l.Max = at(0.50), at(0.95), at(0.99), took[len(took)-1]
	}
	return l
}

func (l Latencies) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d answers; p50 %s, p95 %s, p99 %s, max %s\n", l.N, l.P50.Round(100*time.Microsecond),
		l.P95.Round(100*time.Microsecond), l.P99.Round(100*time.Microsecond), l.Max.Round(100*time.Microsecond))
	for _, c := range slices.Sorted(func(yield func(string) bool) {
		for c := range l.Outcomes {
			if !yield(c) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "    %-26s %d", c, l.Outcomes[c])
		if s := l.Samples[c]; s != "" {
			if len(s) > 140 {
				s = s[:140] + "…"
			}
			fmt.Fprintf(&b, "  (%s)", s)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// HostileReport is what a hostile run measured.
type HostileReport struct {
	Elapsed time.Duration
	// Others are the answers of the people at work, reads and writes;
	// OthersByKind the same, per screen read and for the writes.
	Others       Latencies
	OthersByKind map[string]Latencies
	// Hostile are the hostile viewer's answers, by kind of request in
	// ByKind; Late counts those answered past the deadline and a second.
	Hostile Latencies
	ByKind  map[string]map[string]int
	Late    int
	// EdgeTerms is the most terms through the shipments' events the
	// server let through for this data, found before the run.
	EdgeTerms int
	// Health is /healthz, asked every 100 ms; HealthFailures the answers
	// that were not 200.
	Health         Latencies
	HealthFailures int
	// PeakRSS is the most resident memory seen, sampled every 100 ms (0:
	// unknown).
	PeakRSS uint64
}

// Failures says which of the targets the run missed: none when it met them.
func (r *HostileReport) Failures() []string {
	var out []string
	if r.Others.N == 0 {
		out = append(out, "the others got no answer at all")
	}
	if r.Others.P95 >= OthersP95Target {
		out = append(out, fmt.Sprintf("the others' p95 is %s, not under %s", r.Others.P95, OthersP95Target))
	}
	if r.Health.Max >= HealthTarget || r.HealthFailures > 0 {
		out = append(out, fmt.Sprintf("/healthz took up to %s and failed %d times", r.Health.Max, r.HealthFailures))
	}
	if r.Late > 0 {
		out = append(out, fmt.Sprintf("%d hostile requests were answered past their deadline", r.Late))
	}
	for name, l := range map[string]Latencies{"others": r.Others, "hostile": r.Hostile} {
		for _, bad := range []string{"INTERNAL_SERVER_ERROR", "TRANSPORT"} {
			if n := l.Outcomes[bad]; n > 0 {
				out = append(out, fmt.Sprintf("%d of the %s' requests got %s", n, name, bad))
			}
		}
	}
	if n := r.Others.Outcomes["TOO_MANY_REQUESTS"] + r.Others.Outcomes["TIMEOUT"]; n > 0 {
		out = append(out, fmt.Sprintf("%d of the others' requests were refused for the hostile viewer's load", n))
	}
	if r.PeakRSS >= RSSTarget {
		out = append(out, fmt.Sprintf("the resident memory reached %d MB", r.PeakRSS>>20))
	}
	return out
}

func (r *HostileReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "hostile viewer for %s\n  others: %s  hostile: %s", r.Elapsed.Round(time.Millisecond), r.Others, r.Hostile)
	if r.Hostile.N == 0 {
		b.WriteString("    (none: the others alone)\n")
	}
	b.WriteString("  the others by what they did:\n")
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range r.OthersByKind {
			if !yield(k) {
				return
			}
		}
	}) {
		l := r.OthersByKind[k]
		fmt.Fprintf(&b, "    %-22s %5d, p50 %s, p95 %s, max %s\n", k, l.N, l.P50.Round(100*time.Microsecond),
			l.P95.Round(100*time.Microsecond), l.Max.Round(100*time.Microsecond))
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range r.ByKind {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "    %-24s %v\n", k, r.ByKind[k])
	}
	fmt.Fprintf(&b, "  the costliest filter let through: %d terms through the shipments' events, matching text\n", r.EdgeTerms)
	fmt.Fprintf(&b, "  answered past the deadline: %d\n  /healthz: %s    not 200: %d\n", r.Late, r.Health, r.HealthFailures)
	if r.PeakRSS > 0 {
		fmt.Fprintf(&b, "  peak resident memory: %d MB\n", r.PeakRSS>>20)
	}
	if f := r.Failures(); len(f) > 0 {
		fmt.Fprintf(&b, "  MISSED: %s\n", strings.Join(f, "; "))
	} else {
		b.WriteString("  every target met\n")
	}
	return b.String()
}

// edgeText is a term of the costliest filter: through the shipments'
// events, matching text.
func edgeText(r *rand.Rand, _ int) map[string]any {
	return map[string]any{"hasEventsWith": []any{map[string]any{"noteContainsFold": fmt.Sprintf("zz%d", r.IntN(1_000_000))}}}
}

// edgeFilter is a count of the shipments through n terms of edgeText.
func edgeFilter(n int) []byte {
	terms := make([]any, n)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range terms {
		terms[i] = edgeText(r, i)
	}
	b, _ := json.Marshal(map[string]any{"query": `query($w: ShipmentWhereInput) { shipments(where: $w) { totalCount } }`,
		"variables": map[string]any{"w": map[string]any{"or": terms}}})
	return b
}

// mostEdgeTerms asks the server, before the run, for the longest filter of
// edgeText it lets through, as a hostile caller would find it: the limit
// grows and shrinks with the tables (graph/guard/filter.go).
func mostEdgeTerms(ctx context.Context, c *http.Client, url, token string) int {
	lo, hi := 1, guard.MaxFilterTerms/2
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if res := hostilePost(ctx, c, url, token, edgeFilter(mid)); res.code == guard.CodeTooComplex {
			hi = mid - 1
		} else {
			lo = mid
		}
	}
	return lo
}

// hostileRequest is one kind of costly request the limits let through.
type hostileRequest struct {
	kind string
	body func(r *rand.Rand) []byte
}

// hostileRequests are the worst the limits let through: a filter at the
// cost limit through the events of every shipment, matching text; the
// longest list of terms; the largest nested page; figures that read every
// shipment; a document at the field limit; the saved queries at their
// budget; and the refusals that must stay cheap (a body with a tail, a
// flood of fields, a filter past the limits given as one object for a
// list).
func hostileRequests(edgeTerms int) []hostileRequest {
	op := func(query string, vars map[string]any) func(*rand.Rand) []byte {
		return func(*rand.Rand) []byte {
			b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
			return b
		}
	}
	or := func(n int, term func(r *rand.Rand, i int) map[string]any) func(*rand.Rand) []byte {
		return func(r *rand.Rand) []byte {
			terms := make([]any, n)
			for i := range terms {
				terms[i] = term(r, i)
			}
			b, _ := json.Marshal(map[string]any{"query": `query($w: ShipmentWhereInput) { shipments(where: $w) { totalCount } }`,
				"variables": map[string]any{"w": map[string]any{"or": terms}}})
			return b
		}
	}
	var fields strings.Builder
	fields.WriteString("{")
	for i := range 100 {
		fmt.Fprintf(&fields, " v%d: viewer { id name role email }", i)
	}
	fields.WriteString(" }")
	return []hostileRequest{
		{"edge-text-filter", or(edgeTerms, edgeText)},
		{"longest-list", or(guard.MaxFilterTerms, func(r *rand.Rand, i int) map[string]any {
			return map[string]any{"reference": fmt.Sprintf("SH-NONE-%d", r.IntN(1_000_000))}
		})},
		{"largest-page", op(`{ shipments(first: 1000, orderBy: {field: PLANNED_PICKUP, direction: DESC}) { totalCount edges { node {
			id reference status mode origin destination plannedPickup plannedDelivery price cost currency
			client { id name city } carrier { id name } operationsManager { id name }
			events(first: 10) { totalCount edges { node { kind at note } } } } } } }`, nil)},
		{"figures-from-shipments", op(`{ shipmentAggregates(groupBy: [CLIENT, MONTH], where: {hasEventsWith: [{kind: EXCEPTION}]}) {
			count price { sum average min max } margin { sum average } key { client { name } period } } }`, nil)},
		{"scorecard-from-a-day", op(`query($from: Time) { carrierScorecard(groupBy: [CARRIER, MODE, LANE], from: $from) {
			carrier { name } mode origin destination shipments delivered onTime exceptions } }`,
			map[string]any{"from": calendar.Now().AddDate(-1, 0, 3).UTC().Format(time.RFC3339)})},
		{"field-limit", op(fields.String(), nil)},
		{"saved-queries", op(`{ savedQueries(first: 200) { totalCount edges { node { name query variables } } } }`, nil)},
		{"one-object-for-a-list", func(r *rand.Rand) []byte {
			// GraphQL takes one object where a list is asked for: the or
			// inside the or is one object, its 300 terms past every limit
			terms := make([]any, 300)
			for i := range terms {
				terms[i] = edgeText(r, i)
			}
			b, _ := json.Marshal(map[string]any{"query": `query($w: ShipmentWhereInput) { shipments(where: $w) { totalCount } }`,
				"variables": map[string]any{"w": map[string]any{"or": map[string]any{"or": terms}}}})
			return b
		}},
		{"tail-after-the-body", func(*rand.Rand) []byte {
			return []byte(`{"query":"{ ` + strings.Repeat("__typename ", 9000) + `}"}` + "\n//")
		}},
	}
}

// screenNames name screens' reads, in order.
var screenNames = []string{"pipeline", "needs-a-carrier", "late", "client-page", "carriers", "dashboard-regular", "dashboard-carriers"}

// screens are what the others read: the app's screens and figures.
func screens(client string) []string {
	return []string{
		`{ tenders(first: 50, where: {stageIn: [IDENTIFIED, QUALIFYING, PREPARING, SUBMITTED, NEGOTIATION]}, orderBy: {field: SUBMISSION_DEADLINE}) {
			totalCount edges { node { id reference title stage estimatedValue currency winProbability submissionDeadline client { id name } owner { id name } } } }
		  tenderTotals(where: {stageIn: [IDENTIFIED, QUALIFYING, PREPARING, SUBMITTED, NEGOTIATION]}) { stage currency count value weightedValue } }`,
		`{ shipments(first: 50, where: {hasCarrier: false, status: PLANNED}, orderBy: {field: PLANNED_PICKUP}) {
			totalCount edges { node { id reference mode origin destination plannedPickup client { id name } operationsManager { id name } } } } }`,
		`{ shipments(first: 50, where: {isLate: true}) { totalCount edges { node { id reference status plannedDelivery estimatedDelivery carrier { name } } } } }`,
		`{ node(id: "` + client + `") { ... on Client { id name status isRegular accountManager { name } operationsManager { name }
			satisfaction { recentAverage recentCount unhappy } health { score }
			tenders(first: 20) { totalCount edges { node { reference stage estimatedValue currency } } }
			shipments(first: 20) { totalCount edges { node { reference status plannedPickup } } } } } }`,
		`{ carriers(first: 50) { totalCount edges { node { id name modes onTimeRate record { delivered onTime onTimeShare recentExceptions recentDelays } } } } }`,
		`{ regularClients { month count newlyRegular noLongerRegular } tenderTotals { stage currency count value } }`,
		`{ carrierScorecard { carrier { name } shipments delivered onTime onTimeRate exceptions } }`,
	}
}

// RunHostile plans the cast, runs it for cfg.Duration and reports.
func RunHostile(ctx context.Context, cfg HostileConfig) (*HostileReport, error) {
	if cfg.Others < 2 || cfg.Parallel < 0 || cfg.Duration <= 0 || cfg.Deadline <= 0 {
		return nil, errors.New("loadtest: at least two others, a duration and the server's deadline")
	}
	if cfg.RSS == nil {
		cfg.RSS = selfRSS
	}
	sys := rule.System(ctx, "loadtest")
	writers := cfg.Others / 2
	p, err := plan(sys, Config{Client: cfg.Client, URL: cfg.URL, Writers: writers, Duration: cfg.Duration, Target: Random, Seed: cfg.Seed})
	if err != nil {
		return nil, err
	}
	defer p.revoke(sys)
	readers, hostile, cleanup, err := castHostile(sys, cfg, p)
	defer cleanup()
	if err != nil {
		return nil, err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Others + cfg.Parallel + 4},
		Timeout: cfg.Deadline + 30*time.Second}
	defer client.CloseIdleConnections()

	rep := &HostileReport{ByKind: map[string]map[string]int{}}
	var mu sync.Mutex
	var others, bad, health []time.Duration
	byKind := map[string][]time.Duration{}
	otherOutcomes, otherSamples := map[string]int{}, map[string]string{}
	badOutcomes, badSamples := map[string]int{}, map[string]string{}
	healthOutcomes := map[string]int{}
	note := func(took *[]time.Duration, outcomes map[string]int, samples map[string]string, res result) {
		mu.Lock()
		defer mu.Unlock()
		*took = append(*took, res.took)
		outcomes[res.code]++
		if res.code != "ok" && samples != nil && samples[res.code] == "" {
			samples[res.code] = res.message
		}
	}
	rep.EdgeTerms = mostEdgeTerms(ctx, client, cfg.URL, hostile)
	kinds := hostileRequests(rep.EdgeTerms)
	runCtx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	// the others: writers as Run's, readers of the screens
	p.startWriters(ctx, runCtx, &wg, client, cfg.URL, cfg.Seed, func(res result) {
		note(&others, otherOutcomes, otherSamples, res)
		mu.Lock()
		byKind["writes"] = append(byKind["writes"], res.took)
		mu.Unlock()
	})
	for i, rd := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(cfg.Seed, uint64(1000+i)))
			c := &caller{http: client, url: cfg.URL, token: rd.token}
			for runCtx.Err() == nil {
				k := r.IntN(len(rd.screens))
				_, res := c.post(ctx, rd.screens[k], nil)
				note(&others, otherOutcomes, otherSamples, res)
				mu.Lock()
				byKind[screenNames[k]] = append(byKind[screenNames[k]], res.took)
				mu.Unlock()
				// a person reads what the screen shows before the next
				sleep(runCtx, time.Duration(50+r.IntN(150))*time.Millisecond)
			}
		}()
	}
	// the hostile viewer, without pause
	for i := range cfg.Parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(cfg.Seed, uint64(2000+i)))
			for n := i; runCtx.Err() == nil; n++ {
				k := kinds[n%len(kinds)]
				res := hostilePost(ctx, client, cfg.URL, hostile, k.body(r))
				note(&bad, badOutcomes, badSamples, res)
				mu.Lock()
				if rep.ByKind[k.kind] == nil {
					rep.ByKind[k.kind] = map[string]int{}
				}
				rep.ByKind[k.kind][res.code]++
				if res.took > cfg.Deadline+time.Second {
					rep.Late++
				}
				mu.Unlock()
				// and again at once, Retry-After or not
			}
		}()
	}
	// /healthz, and the resident memory
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for runCtx.Err() == nil {
			if rss, err := cfg.RSS(); err == nil {
				mu.Lock()
				rep.PeakRSS = max(rep.PeakRSS, rss)
				mu.Unlock()
			}
			res := healthz(ctx, client, cfg.URL)
			note(&health, healthOutcomes, nil, res)
			select {
			case <-runCtx.Done():
			case <-tick.C:
			}
		}
	}()
	wg.Wait()
	rep.Elapsed = time.Since(start)
	rep.Others = summarize(others, otherOutcomes, otherSamples)
	rep.OthersByKind = map[string]Latencies{}
	for k, took := range byKind {
		rep.OthersByKind[k] = summarize(took, nil, nil)
	}
	rep.Hostile = summarize(bad, badOutcomes, badSamples)
	rep.Health = summarize(health, healthOutcomes, nil)
	rep.HealthFailures = rep.Health.N - healthOutcomes["ok"]
	return rep, nil
}

// reader is one of the others, reading the screens.
type reader struct {
	token   string
	screens []string
}

// castHostile mints the readers' and the hostile viewer's tokens, and gives
// the hostile viewer saved queries at their budget (taken away after).
func castHostile(ctx context.Context, cfg HostileConfig, p *planned) ([]*reader, string, func(), error) {
	c := cfg.Client
	analysts, err := c.Manager.Query().Where(manager.RoleEQ(enum.RoleAnalyst), manager.Active(true)).Order(manager.ByID()).All(ctx)
	if err != nil {
		return nil, "", func() {}, err
	}
	if len(analysts) == 0 {
		return nil, "", func() {}, errors.New("loadtest: no active analyst to be the hostile viewer: seed the database first (freightgraph seed)")
	}
	people, err := c.Manager.Query().Where(manager.Active(true), manager.IDNEQ(analysts[0].ID),
		manager.RoleIn(enum.RoleAnalyst, enum.RoleAccountManager, enum.RoleOperationsManager)).Order(manager.ByID()).All(ctx)
	if err != nil || len(people) == 0 {
		return nil, "", func() {}, fmt.Errorf("loadtest: nobody to read the screens: %v", err)
	}
	client, err := c.Customer.Query().Where(customer.StatusEQ(enum.ClientActive)).Order(customer.ByID()).FirstID(ctx)
	if err != nil {
		return nil, "", func() {}, err
	}
	mint := func(m *ent.Manager) (string, error) {
		vctx := rule.WithViewer(context.Background(), &rule.Viewer{ID: m.ID, Name: m.Name, Role: m.Role})
		expires := calendar.Now().Add(cfg.Duration + time.Hour)
		t, secret, err := rule.CreateAPIToken(vctx, c, "loadtest", &expires)
		if err != nil {
			return "", fmt.Errorf("a token for %s: %w", m.Email, err)
		}
		p.tokens = append(p.tokens, t.ID)
		return secret, nil
	}
	var readers []*reader
	for i := range cfg.Others - len(p.writers) {
		t, err := mint(people[i%len(people)])
		if err != nil {
			return nil, "", func() {}, err
		}
		readers = append(readers, &reader{token: t, screens: screens(gid(client))})
	}
	h := analysts[0]
	hostile, err := mint(h)
	if err != nil {
		return nil, "", func() {}, err
	}
	// saved queries at the budget, each as long as a saved query may be
	owner := rule.WithViewer(context.Background(), &rule.Viewer{ID: h.ID, Name: h.Name, Role: h.Role})
	kept, err := c.SavedQuery.Query().Count(owner)
	if err != nil {
		return nil, "", func() {}, err
	}
	var made []int
	cleanup := func() {
		if len(made) > 0 {
			_, _ = c.SavedQuery.Delete().Where(savedquery.IDIn(made...)).Exec(owner)
		}
	}
	// quotes: the most bytes a saved query's text can take in an answer
	long := "# " + strings.Repeat(`"\`, (schema.MaxSavedQueryBytes-40)/2) + "\n{ viewer { id } }"
	for i := range rule.MaxSavedQueries - kept {
		q, err := c.SavedQuery.Create().SetOwnerID(h.ID).SetName(fmt.Sprintf("loadtest %03d", i)).SetQuery(long).Save(owner)
		if err != nil {
			return nil, "", cleanup, fmt.Errorf("the hostile viewer's saved queries: %w", err)
		}
		made = append(made, q.ID)
	}
	return readers, hostile, cleanup, nil
}

// errorCode finds the first error code at the start of an answer.
var errorCode = regexp.MustCompile(`"code":"([A-Z_]+)"`)

// hostilePost sends one hostile body and reads the answer's start: errors
// come first in an answer, and the data of one (the saved queries at their
// budget are some 8 MB) is read and thrown away, as a script would.
func hostilePost(ctx context.Context, c *http.Client, url, token string, body []byte) result {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
	if err != nil {
		return result{code: "REQUEST", message: err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := c.Do(req)
	if err != nil {
		return result{code: "TRANSPORT", message: err.Error(), took: time.Since(start)}
	}
	defer res.Body.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(bufio.NewReader(io.LimitReader(res.Body, int64(len(head)))), head)
	head = head[:n]
	_, _ = io.Copy(io.Discard, res.Body)
	took := time.Since(start)
	if bytes.HasPrefix(head, []byte(`{"errors"`)) {
		code := "HTTP_" + strconv.Itoa(res.StatusCode)
		if m := errorCode.FindSubmatch(head); m != nil {
			code = string(m[1])
		}
		msg := string(head)
		if i := bytes.Index(head, []byte(`"message":"`)); i >= 0 {
			msg = string(head[i+11:])
			if j := strings.Index(msg, `"`); j >= 0 {
				msg = msg[:j]
			}
		}
		return result{code: code, message: msg, took: took}
	}
	if res.StatusCode != http.StatusOK {
		return result{code: "HTTP_" + strconv.Itoa(res.StatusCode), message: string(head), took: took}
	}
	return result{code: "ok", took: took}
}

func healthz(ctx context.Context, c *http.Client, url string) result {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/healthz", nil)
	if err != nil {
		return result{code: "REQUEST", message: err.Error()}
	}
	res, err := c.Do(req)
	if err != nil {
		return result{code: "TRANSPORT", message: err.Error(), took: time.Since(start)}
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	r := result{code: "ok", took: time.Since(start)}
	if res.StatusCode != http.StatusOK {
		r.code = "HTTP_" + strconv.Itoa(res.StatusCode)
	}
	return r
}

// selfRSS is this process's resident memory, from /proc (Linux).
func selfRSS() (uint64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmRSS in /proc/self/status")
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
