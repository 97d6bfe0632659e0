package server

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// The schedule, below HTTP: at most half the slots for one viewer; a slot
// that frees goes to the waiting viewer who runs the fewest; a wait ends
// with the request's deadline and takes nothing; every slot comes back.
func TestSchedule(t *testing.T) {
	s := newSchedule(4, 0) // two a viewer
	bg := context.Background()
	take := func(viewer int) func() {
		t.Helper()
		leave, err := s.enter(bg, viewer)
		if err != nil {
			t.Fatal(err)
		}
		return leave
	}
	// waitFor starts viewer's request and returns where its slot arrives
	waitFor := func(viewer int) chan func() {
		got := make(chan func(), 1)
		go func() {
			leave, err := s.enter(bg, viewer)
			if err != nil {
				t.Error(err)
			}
			got <- leave
		}()
		return got
	}
	waiting := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
			s.mu.Lock()
			w := len(s.waiting)
			s.mu.Unlock()
			if w == n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d waiting, want %d", w, n)
			}
		}
	}
	const anna, oleg, irina = 1, 2, 3
	a1, a2 := take(anna), take(anna)
	// a third of anna's waits though slots are free: half is hers at most
	a3 := waitFor(anna)
	waiting(1)
	o1, o2 := take(oleg), take(oleg)
	i1 := waitFor(irina)
	waiting(2)
	// anna's slot goes to irina, who runs none, before anna's own third
	a1()
	i1leave := <-i1
	waiting(1)
	// oleg's slot goes to anna's third now: irina has one, anna one
	o1()
	a3leave := <-a3
	waiting(0)
	// a wait past its deadline takes nothing
	ctx, cancel := context.WithTimeout(bg, 20*time.Millisecond)
	defer cancel()
	if _, err := s.enter(ctx, oleg); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a wait past its deadline: %v", err)
	}
	for _, leave := range []func(){a2, a3leave, o2, i1leave, i1leave} {
		leave()
	}
	if s.free != 4 || len(s.running) != 0 || len(s.waiting) != 0 {
		t.Fatalf("after all left: %d free, %v running, %d waiting", s.free, s.running, len(s.waiting))
	}
}

// Many viewers at once: never more than the slots run, nor more than half
// of them for one viewer (run it under -race).
func TestScheduleUnderLoad(t *testing.T) {
	s := newSchedule(6, 0)
	var mu sync.Mutex
	total, most := 0, 0
	per := map[int]int{}
	var wg sync.WaitGroup
	for v := range 8 {
		for range 12 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				leave, err := s.enter(context.Background(), v)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				total++
				per[v]++
				if total > 6 || per[v] > 3 {
					t.Errorf("%d running, %d of viewer %d", total, per[v], v)
				}
				most = max(most, total)
				mu.Unlock()
				time.Sleep(time.Millisecond)
				mu.Lock()
				total--
				per[v]--
				mu.Unlock()
				leave()
			}()
		}
	}
	wg.Wait()
	if most != 6 {
		t.Errorf("at most %d ran at once, want all 6 slots used", most)
	}
}
