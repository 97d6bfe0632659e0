package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/freightgraph/freightgraph/ent/carrier"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/tender"
	"github.com/freightgraph/freightgraph/ent/text"
)

// searchable are the tables whose records keep a search key, and the
// columns it is made of (as their ent schemas' Searchable say).
var searchable = []struct {
	table   string
	sources []string
}{
	{customer.Table, []string{customer.FieldName}},
	{carrier.Table, []string{carrier.FieldName}},
	{tender.Table, []string{tender.FieldReference, tender.FieldTitle}},
	{shipment.Table, []string{shipment.FieldReference}},
}

// backfillSearchKeys gives the records written before search keys existed
// theirs, a thousand at a time, by plain statements: a key is no change of
// the record (no version, no audit entry). Once done, it reads nothing but
// the key's index.
func backfillSearchKeys(ctx context.Context, db *sql.DB, dialect string) error {
	for _, s := range searchable {
		for {
			n, err := backfillBatch(ctx, db, dialect, s.table, s.sources)
			if err != nil {
				return fmt.Errorf("search keys of %s: %w", s.table, err)
			}
			if n == 0 {
				break
			}
		}
	}
	return nil
}

func backfillBatch(ctx context.Context, db *sql.DB, dialect, table string, sources []string) (int, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, fmt.Sprintf("SELECT id, %s FROM %s WHERE search_key = '' ORDER BY id LIMIT 1000", strings.Join(sources, ", "), table))
	if err != nil {
		return 0, err
	}
	type row struct {
		id  int
		key string
	}
	var todo []row
	for rows.Next() {
		vals := make([]string, len(sources))
		ptrs := []any{new(int)}
		for i := range vals {
			ptrs = append(ptrs, &vals[i])
		}
		if err := rows.Scan(ptrs...); err != nil {
			rows.Close()
			return 0, err
		}
		key := text.SearchKey(vals...)
		if key == "" {
			key = " " // nothing to search by, and nothing to do again
		}
		todo = append(todo, row{*ptrs[0].(*int), key})
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	update := fmt.Sprintf("UPDATE %s SET search_key = %s WHERE id = %s", table, arg(dialect, 1), arg(dialect, 2))
	for _, r := range todo {
		if _, err := tx.ExecContext(ctx, update, r.key, r.id); err != nil {
			return 0, err
		}
	}
	return len(todo), tx.Commit()
}

// arg is the n-th argument's placeholder in a plain statement of the
// upkeep: $n on PostgreSQL, ? on SQLite.
func arg(dialect string, n int) string {
	if dialect == "postgres" {
		return fmt.Sprintf("$%d", n)
	}
	return "?"
}
