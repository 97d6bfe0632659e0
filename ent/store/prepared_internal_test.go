package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// The prepared statements are kept by text up to their bound; one closed
// to make room while its rows are still being read reads on to the end.
func TestPreparedStatementsAreBounded(t *testing.T) {
	ctx := context.Background()
	db := numbers(t)
	for i := range 100 {
		if _, err := db.Exec("INSERT INTO n VALUES (?)", i); err != nil {
			t.Fatal(err)
		}
	}
	c := newStmtCache(db, 3)
	first, done, err := c.get(ctx, "SELECT v FROM n WHERE v >= ? ORDER BY v")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := first.QueryContext(ctx, 0)
	done()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 { // pushes the first out while its rows are open
		s, done, err := c.get(ctx, fmt.Sprintf("SELECT count(*) FROM n WHERE v < %d", i+1))
		if err != nil {
			t.Fatal(err)
		}
		var n int
		err = s.QueryRowContext(ctx).Scan(&n)
		done()
		if err != nil || n != i+1 {
			t.Fatalf("statement %d: %d %v", i, n, err)
		}
	}
	if c.order.Len() != 3 || len(c.byKey) != 3 {
		t.Fatalf("%d statements kept, %d by text; the bound is 3", c.order.Len(), len(c.byKey))
	}
	read := 0
	for rows.Next() {
		read++
	}
	if err := rows.Err(); err != nil || read != 100 {
		t.Fatalf("the evicted statement's rows: %d read, %v", read, err)
	}
	rows.Close()
	// the same text again is prepared anew and still answers
	again, done, err := c.get(ctx, "SELECT v FROM n WHERE v >= ? ORDER BY v")
	if err != nil || again == first {
		t.Fatalf("prepared again: %v (the same closed statement: %v)", err, again == first)
	}
	var v int
	err = again.QueryRowContext(ctx, 42).Scan(&v)
	done()
	if err != nil || v != 42 {
		t.Fatalf("after eviction: %d %v", v, err)
	}
	c.close()
	if c.order.Len() != 0 {
		t.Fatal("close kept statements")
	}
}

// Many readers at once over more texts than the cache keeps: a statement
// is never closed between its get and its use (that was "statement is
// closed", an INTERNAL answer for an innocent request).
func TestPreparedStatementsUnderChurn(t *testing.T) {
	ctx := context.Background()
	db := numbers(t)
	db.SetMaxOpenConns(4)
	c := newStmtCache(db, 2)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				s, done, err := c.get(ctx, fmt.Sprintf("SELECT %d", (w+i)%7))
				if err == nil {
					var n int
					err = s.QueryRowContext(ctx).Scan(&n)
					done()
					if err == nil && n != (w+i)%7 {
						err = fmt.Errorf("SELECT %d gave %d", (w+i)%7, n)
					}
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// numbers is a fresh SQLite database with an empty table n (v INTEGER),
// closed after the test.
func numbers(t *testing.T) *sql.DB {
	db, err := sql.Open("sqlite", SQLiteDSN(filepath.Join(t.TempDir(), "p.db")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec("CREATE TABLE n (v INTEGER)"); err != nil {
		t.Fatal(err)
	}
	return db
}
