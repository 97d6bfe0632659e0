package seed

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	entdialect "entgo.io/ent/dialect"
	"github.com/lib/pq"
)

// bulkLoad are tables' secondary indexes and foreign keys, taken off for a
// bulk load and put back after it: a million shipments and four million
// events written into tables with twenty indexes and six foreign keys cost
// a B-tree insertion per index and a key lookup per reference for every
// row, most of a million-shipment seed; one sorted build per index and one
// pass per key at the end cost a fraction of that. The definitions are
// read back from the database's own catalogue, so what is put back is
// exactly what the migration made, and the whole runs in the load's
// transaction: a failed load leaves the schema as it was.
type bulkLoad struct {
	drop, restore []string
	// resets are run on the load's connection after its transaction,
	// however it ended: settings a rollback does not undo
	resets []string
}

// startBulkLoad drops the secondary indexes (and, on PostgreSQL, the
// foreign keys) of the tables within tx and returns what puts them back.
// Primary keys and constraints' own indexes stay. SQLite's foreign keys
// cannot be dropped and stay checked; they are a look-up by primary key.
func startBulkLoad(ctx context.Context, tx *sql.Tx, dialect string, tables ...string) (*bulkLoad, error) {
	var l bulkLoad
	var queries []string
	switch dialect {
	case entdialect.Postgres:
		queries = []string{
			// foreign keys first: they are put back last, after the indexes
			// that make their check a join
			`SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', c.conrelid::regclass::text, c.conname),
			        format('ALTER TABLE %I ADD CONSTRAINT %I %s', c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid))
			   FROM pg_constraint c
			  WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)
			  ORDER BY c.conname`,
			`SELECT format('DROP INDEX %I.%I', i.schemaname, i.indexname), i.indexdef
			   FROM pg_indexes i
			  WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
			    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
			  ORDER BY i.indexname`,
		}
	case entdialect.SQLite:
		queries = []string{
			`SELECT 'DROP INDEX "' || replace(m.name, '"', '""') || '"', m.sql
			   FROM sqlite_master m, json_each($1) t
			  WHERE m.type = 'index' AND m.tbl_name = t.value AND m.sql IS NOT NULL
			  ORDER BY m.name`,
		}
	default:
		return &l, nil
	}
	arg := any(pq.Array(tables))
	if dialect == entdialect.SQLite {
		arg = jsonList(tables)
	}
	for _, q := range queries {
		if err := l.read(ctx, tx, q, arg); err != nil {
			return nil, err
		}
	}
	if dialect == entdialect.Postgres {
		// each index built in one sort in memory (4 MB by default: a
		// million shipments' keys spill to disk in runs)
		l.drop = append(l.drop, "SET LOCAL maintenance_work_mem = '128MB'")
	}
	if dialect == entdialect.SQLite {
		// the sorted index builds and the table's pages in memory rather
		// than spilled to the file and read back (the default 2 MB cache
		// made half of a load pread and pwrite); put back as it was on
		// the connection after the transaction, which a rollback would
		// not do
		var pages int
		if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&pages); err != nil {
			return nil, fmt.Errorf("read the cache size: %w", err)
		}
		l.drop = append(l.drop, fmt.Sprintf("PRAGMA cache_size = %d", -bulkCacheKiB))
		l.resets = append(l.resets, fmt.Sprintf("PRAGMA cache_size = %d", pages))
	}
	for _, q := range l.drop {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("take off the indexes for the load: %w", err)
		}
	}
	return &l, nil
}

func (l *bulkLoad) read(ctx context.Context, tx *sql.Tx, q string, arg any) error {
	rows, err := tx.QueryContext(ctx, q, arg)
	if err != nil {
		return fmt.Errorf("read the indexes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var drop, restore string
		if err := rows.Scan(&drop, &restore); err != nil {
			return err
		}
		l.drop = append(l.drop, drop)
		l.restore = append(l.restore, restore)
	}
	return rows.Err()
}

// putBack builds the indexes again, then checks and adds the foreign keys.
func (l *bulkLoad) putBack(ctx context.Context, tx *sql.Tx) error {
	for i := len(l.restore) - 1; i >= 0; i-- {
		if _, err := tx.ExecContext(ctx, l.restore[i]); err != nil {
			return fmt.Errorf("put the indexes back after the load: %w", err)
		}
	}
	return nil
}

// reset puts back on the load's connection what the load set on it.
func (l *bulkLoad) reset(ctx context.Context, conn *sql.Conn) error {
	for _, q := range l.resets {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("after the load: %w", err)
		}
	}
	return nil
}

// bulkCacheKiB is SQLite's page cache during a bulk load: enough for the
// B-tree pages a sorted index build and the appends touch, well inside the
// seed's memory budget.
const bulkCacheKiB = 32 << 10

// jsonList is a list of names as a JSON array, for SQLite's json_each.
func jsonList(names []string) string {
	b, _ := json.Marshal(names) // strings always marshal
	return string(b)
}
