package server_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/freightgraph/freightgraph/ent/calendar"
)

// A tender created with an empty reference is numbered by the server: the
// year's next after the highest (T-2026-9999 is followed by T-2026-10000),
// and creations at once each get their own.
func TestTendersNumberedByTheServer(t *testing.T) {
	eachDB(t, func(t *testing.T, e *env) {
		f := e.fixture()
		year := calendar.Now().UTC().Year()
		deadline := calendar.Now().Add(14 * 24 * time.Hour).UTC().Format(time.RFC3339)
		create := func(ref string) (string, []gqlError) {
			r := e.post(`mutation($in: CreateTenderInput!) { createTender(input: $in) { reference } }`,
				map[string]any{"in": map[string]any{"reference": ref, "title": "Годовой контракт", "clientID": f.client, "ownerID": f.am,
					"estimatedValue": "1000000", "currency": "RUB", "submissionDeadline": deadline}})
			var out struct{ CreateTender struct{ Reference string } }
			if len(r.Errors) == 0 {
				if err := json.Unmarshal(r.Data, &out); err != nil {
					t.Error(err)
				}
			}
			return out.CreateTender.Reference, r.Errors
		}
		first, errs := create("")
		if len(errs) > 0 || first != fmt.Sprintf("T-%d-0001", year) {
			t.Fatalf("the first numbered tender is %q (%v)", first, errs)
		}
		if got, _ := create("  "); got != fmt.Sprintf("T-%d-0002", year) {
			t.Fatalf("the second is %q", got)
		}
		if _, errs := create(fmt.Sprintf("T-%d-9999", year)); len(errs) > 0 {
			t.Fatal(errs)
		}
		create(fmt.Sprintf("T-%d-заявка", year)) // typed by hand, no number
		if got, _ := create(""); got != fmt.Sprintf("T-%d-10000", year) {
			t.Fatalf("after 9999 comes %q", got)
		}
		// at once: each its own number, none refused
		var mu sync.Mutex
		var got []string
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ref, errs := create("")
				mu.Lock()
				defer mu.Unlock()
				if len(errs) > 0 {
					t.Errorf("a creation at once was refused: %v", errs)
				}
				got = append(got, ref)
			}()
		}
		wg.Wait()
		slices.Sort(got)
		if len(slices.Compact(slices.Clone(got))) != 6 || got[0] != fmt.Sprintf("T-%d-10001", year) {
			t.Fatalf("creations at once got %v", got)
		}
	})
}
