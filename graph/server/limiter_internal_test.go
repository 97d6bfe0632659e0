package server

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestAttempts(t *testing.T) {
	a := newAttempts(SignInLimits{PerAccountAddress: 2, PerAddress: 4, PerAccount: 5, Window: time.Minute})
	from := func(addr string) context.Context { return withAddress(context.Background(), addr) }
	try := func(addr, account string, right bool) error {
		end, err := a.Begin(from(addr), account)
		if err == nil {
			end(right)
		}
		return err
	}
	limited := func(err error) bool { var l *limitError; return errors.As(err, &l) && l.Wait > 0 }

	// one account from one address: two wrong, then refused
	for range 2 {
		if try("10.0.0.1", "anna", false) != nil {
			t.Fatal("the pair limit came early")
		}
	}
	if !limited(try("10.0.0.1", "anna", true)) {
		t.Fatal("the pair limit")
	}
	// the same account from elsewhere still signs in: nobody locks a
	// colleague out from one place
	if try("10.0.0.2", "anna", true) != nil {
		t.Fatal("another address was locked out by the first")
	}
	// one account over many addresses: limited at PerAccount
	for i := range 5 {
		if err := try("10.0.1."+string(rune('0'+i)), "oleg", false); err != nil {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	// over it, an address that has not failed on the account gets one try,
	// the owner's included; one that has failed gets none
	if try("10.0.2.1", "oleg", false) != nil || !limited(try("10.0.2.1", "oleg", true)) {
		t.Fatal("the account limit over many addresses")
	}
	if try("10.0.3.1", "oleg", true) != nil {
		t.Fatal("the owner, from an address that never failed, was locked out")
	}
	// however many places a flood comes from, it has a ceiling: ten times
	// the account limit stops even addresses that never failed
	for i := range 50 { // the owner's success above cleared the count
		_ = try(fmt.Sprintf("10.1.%d.1", i), "oleg", false)
	}
	if !limited(try("10.0.3.2", "oleg", true)) {
		t.Fatal("no ceiling on a flood from many places")
	}
	// an IPv6 /64 is one place
	for i := range 2 {
		if try(fmt.Sprintf("2001:db8::%x", i+1), "ivan", false) != nil {
			t.Fatal("the pair limit came early")
		}
	}
	if !limited(try("2001:db8::ffff:1", "ivan", true)) || try("2001:db8:0:1::1", "ivan", true) != nil {
		t.Fatal("addresses of one /64 count as one place, and only they")
	}
	// an address is limited over every account it tries
	for _, acc := range []string{"a", "b", "c", "d"} {
		if try("10.9.9.9", acc, false) != nil {
			t.Fatal("the address limit came early")
		}
	}
	if !limited(try("10.9.9.9", "e", true)) {
		t.Fatal("the address limit")
	}

	// a parallel burst reserves no more than the limit
	b := newAttempts(SignInLimits{PerAccountAddress: 3, PerAddress: 100, PerAccount: 100, Window: time.Minute})
	var wg sync.WaitGroup
	var mu sync.Mutex
	passed := 0
	start := make(chan struct{})
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			end, err := b.Begin(from("10.0.0.1"), "irina")
			if err == nil {
				mu.Lock()
				passed++
				mu.Unlock()
				time.Sleep(time.Millisecond)
				end(false)
			}
		}()
	}
	close(start)
	wg.Wait()
	if passed != 3 {
		t.Fatalf("%d of a burst of 50 were checked, want 3", passed)
	}
}

// An attempt given up before its password was checked counts for nothing,
// and an attempt of a window that has passed takes nothing back from the
// next one.
func TestAttemptsUndo(t *testing.T) {
	a := newAttempts(SignInLimits{PerAccountAddress: 2, PerAddress: 100, PerAccount: 3, Window: 50 * time.Millisecond})
	from := func(addr string) context.Context { return withAddress(context.Background(), addr) }
	// all hashing slots busy; the owner's attempt is cancelled
	var ends []func(bool)
	for i := range 4 {
		end, err := a.Begin(from(fmt.Sprintf("10.9.0.%d", i)), "x")
		if err != nil {
			t.Fatal(err)
		}
		ends = append(ends, end)
	}
	ctx, cancel := context.WithCancel(from("10.0.0.1"))
	cancel()
	if _, err := a.Begin(ctx, "anna"); err == nil {
		t.Fatal("a cancelled attempt went ahead")
	}
	for _, end := range ends {
		end(false)
	}
	// a flood elsewhere passes the account limit; the owner has not failed
	for i := range 3 {
		end, err := a.Begin(from(fmt.Sprintf("10.8.0.%d", i)), "anna")
		if err != nil {
			t.Fatal(err)
		}
		end(false)
	}
	if end, err := a.Begin(from("10.0.0.1"), "anna"); err != nil {
		t.Fatalf("the owner, whose only attempt was cancelled, is refused: %v", err)
	} else {
		end(true)
	}

	// a reservation undone after its window passed leaves the new window alone
	b := newAttempts(SignInLimits{PerAccountAddress: 2, PerAddress: 100, PerAccount: 100, Window: 30 * time.Millisecond})
	stale, err := b.Begin(from("10.0.0.1"), "irina")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(40 * time.Millisecond)
	for range 2 {
		end, err := b.Begin(from("10.0.0.1"), "irina")
		if err != nil {
			t.Fatal(err)
		}
		end(false)
	}
	stale(true) // the old window's attempt succeeds late
	if _, err := b.Begin(from("10.0.0.1"), "irina"); err == nil {
		t.Fatal("a late success erased the new window's failures")
	}
}
