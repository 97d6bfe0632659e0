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
