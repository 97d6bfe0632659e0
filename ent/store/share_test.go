package store

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/freightgraph/freightgraph/ent/rule"
)

// The fair share, below everything else: a viewer holds at most PerViewer
// slots, all viewers together at most the pool less the reserve, work for
// nobody takes none, a viewer over their share waits (for nothing of
// anyone else's) until a slot of theirs comes back or their deadline
// passes, and a transaction holds one slot for all its statements.
func TestShares(t *testing.T) {
	sh := newShares(8, Share{PerViewer: 2, Reserve: 3}) // 5 for all viewers
	bg := context.Background()
	take := func(ctx context.Context) func() {
		t.Helper()
		release, err := sh.acquire(ctx)
		if err != nil || release == nil {
			t.Fatalf("acquire: %t %v", release != nil, err)
		}
		return release
	}
	// fails reports whether acquiring for ctx waits past a short deadline
	fails := func(ctx context.Context) bool {
		ctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		release, err := sh.acquire(ctx)
		if err == nil {
			release()
			return false
		}
		return errors.Is(err, context.DeadlineExceeded)
	}
	anna, oleg, irina := WithShare(bg, "anna"), WithShare(bg, "oleg"), WithShare(bg, "irina")

	if r, err := sh.acquire(bg); r != nil || err != nil {
		t.Fatalf("work for nobody took a slot: %v", err)
	}
	a1, a2 := take(anna), take(anna)
	if !fails(anna) {
		t.Fatal("a third statement of one viewer ran beside their two")
	}
	o1, o2 := take(oleg), take(oleg)
	i1 := take(irina)
	// five viewers' slots are out: the pool's reserve stays for the rest
	if !fails(irina) {
		t.Fatal("viewers took the reserve")
	}
	if r, err := sh.acquire(bg); r != nil || err != nil {
		t.Fatalf("work for nobody waited: %v", err)
	}
	// a waiting viewer gets a slot as soon as one of theirs comes back
	got := make(chan func(), 1)
	go func() {
		r, err := sh.acquire(anna)
		if err != nil {
			t.Error(err)
		}
		got <- r
	}()
	a1()
	a1() // giving back twice gives back once
	a3 := <-got
	for _, r := range []func(){a2, a3, o1, o2, i1} {
		r()
	}
	// a transaction holds one slot for all of its statements; it takes
	// the shared one only once what comes between (SQLite's write turn)
	// is done, and gives back what that took
	var between, undone bool
	txCtx, release, err := sh.hold(anna, func(ctx context.Context) (func(), error) {
		if len(sh.all) != 0 || len(sh.viewers["anna"].slots) != 1 {
			t.Errorf("before the turn: %d shared slots taken, %d of anna's", len(sh.all), len(sh.viewers["anna"].slots))
		}
		between = true
		return func() { undone = true }, nil
	})
	if err != nil || !between || len(sh.all) != 1 {
		t.Fatal(err, between, len(sh.all))
	}
	for range 5 {
		if r, err := sh.acquire(txCtx); r != nil || err != nil {
			t.Fatalf("a statement inside a held transaction took another slot: %v", err)
		}
	}
	release()
	release() // twice is once
	if !undone {
		t.Fatal("what came between was not undone")
	}
	sh.mu.Lock()
	left := len(sh.viewers)
	sh.mu.Unlock()
	if left != 0 || len(sh.all) != 0 {
		t.Fatalf("slots left behind: %d viewers, %d taken", left, len(sh.all))
	}
}

// Many viewers at once never hold more than their share, whatever the
// order they come and go in (run it under -race).
func TestSharesUnderLoad(t *testing.T) {
	sh := newShares(20, Share{PerViewer: 4, Reserve: 4})
	var mu sync.Mutex
	per := map[string]int{}
	total, most := 0, 0
	var wg sync.WaitGroup
	for v := range 10 {
		for range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				key := string(rune('a' + v))
				release, err := sh.acquire(WithShare(context.Background(), key))
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				per[key]++
				total++
				if per[key] > 4 || total > 16 {
					t.Errorf("%d of viewer %s, %d in all", per[key], key, total)
				}
				most = max(most, total)
				mu.Unlock()
				time.Sleep(time.Millisecond)
				mu.Lock()
				per[key]--
				total--
				mu.Unlock()
				release()
			}()
		}
	}
	wg.Wait()
	if most == 0 {
		t.Fatal("nothing ran")
	}
}

// On PostgreSQL every connection of the pool runs with jit off (a JIT
// compilation cannot be cancelled: it kept a statement running for a
// minute past its deadline) and, when the store is opened with one, the
// statement timeout, which stops a statement however it was sent. Settings
// the DSN names itself are left alone.
func TestPostgresSessionSettings(t *testing.T) {
	dsn, _ := postgres(t)
	ctx := context.Background()
	st, err := Open(ctx, dsn, StatementTimeout(300*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var jit, timeout, plans string
	if err := st.DB.QueryRowContext(ctx, "SELECT current_setting('plan_cache_mode')").Scan(&plans); err != nil || plans != "force_custom_plan" {
		t.Fatalf("plan_cache_mode %s (%v): prepared reads must be planned for their values", plans, err)
	}
	if err := st.DB.QueryRowContext(ctx, "SELECT current_setting('jit'), current_setting('statement_timeout')").Scan(&jit, &timeout); err != nil {
		t.Fatal(err)
	}
	if jit != "off" || timeout != "300ms" {
		t.Fatalf("jit %s, statement_timeout %s", jit, timeout)
	}
	start := time.Now()
	_, err = st.DB.ExecContext(ctx, "SELECT pg_sleep(5)")
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) || pqErr.Code != "57014" || !Cancelled(err) || Transient(err) {
		t.Fatalf("a statement past the timeout: %v", err)
	}
	if took := time.Since(start); took > 4*time.Second {
		t.Fatalf("the statement ran on for %s", took)
	}

	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("jit", "on")
	u.RawQuery = q.Encode()
	own, err := Open(ctx, u.String(), Migrated())
	if err != nil {
		t.Fatal(err)
	}
	defer own.Close()
	if err := own.DB.QueryRowContext(ctx, "SELECT current_setting('jit'), current_setting('statement_timeout')").Scan(&jit, &timeout); err != nil {
		t.Fatal(err)
	}
	if jit != "on" || timeout != "0" {
		t.Fatalf("the DSN's own settings: jit %s, statement_timeout %s", jit, timeout)
	}
}

// SQLite's interrupt is a cancellation too.
func TestSQLiteInterruptIsCancelled(t *testing.T) {
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "fg.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = st.DB.ExecContext(ctx, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n")
	if err == nil {
		t.Fatal("an endless statement ended")
	}
	if !Cancelled(err) && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%T %v", err, err)
	}
}

// A rollup row written before sums were kept in two parts holds its whole
// sum in the low part; opening the store splits it, keeping the sum.
func TestOpenSplitsOldRollupSums(t *testing.T) {
	check := func(t *testing.T, dsn string) {
		ctx := rule.System(context.Background(), "test")
		st, err := Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		r, err := st.Client.ShipmentTotal.Create().SetMonth(24000).SetCarrierID(0).SetOperationsManagerID(1).SetMode("ROAD").
			SetStatus("PLANNED").SetCurrency("RUB").SetOrigin("Москва").SetDestination("Казань").SetShipments(3).
			SetPriceSum(12_345_678_901_234).SetCostCount(3).SetCostSum(-5_000_000_007).SetMarginSum(999_999_999).
			SetMarginRatioCount(0).SetMarginRatioSum(0).SetDelivered(0).SetOnTime(0).SetDelayHours(0).SetExceptions(0).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		if st, err = Open(ctx, dsn); err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		got, err := st.Client.ShipmentTotal.Get(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.PriceSumHigh != 12_345 || got.PriceSum != 678_901_234 || got.CostSumHigh != -5 || got.CostSum != -7 ||
			got.MarginSumHigh != 0 || got.MarginSum != 999_999_999 {
			t.Fatalf("after opening: %+v", got)
		}
	}
	onBothDatabases(t, "fg_split_", check)
}
