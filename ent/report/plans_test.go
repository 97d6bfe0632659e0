package report_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/seed"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/store"
	"github.com/freightgraph/freightgraph/ent/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// The statements a write runs besides its own record (the rollups' deltas,
// a shipment's exceptions, its last status event, its feedback) are planned
// on the index that bounds them by the record written, with the planner's
// statistics missing (a bulk load autovacuum has not seen, as on this
// machine's cluster) and after ANALYZE, on both databases. On PostgreSQL
// sequential scans are switched off for the check: on a test-sized table a
// scan is cheapest and would hide which index the planner would pick for a
// large one, which is what went wrong before (the exception count planned on
// the carrier's index read every exception of the carrier).
func TestWritePathPlans(t *testing.T) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := storetest.Seeded(t, kind, 3000)
			s, err := st.Client.Shipment.Query().Where(shipment.CarrierIDNotNil()).Order(shipment.ByID()).First(rule.System(ctx, "test"))
			if err != nil {
				t.Fatal(err)
			}
			extremes, extremesArgs := report.ExtremesSQL(report.KeyOf(s))
			statements := []struct {
				name, query, index string
				args               []any
			}{
				// either index bounded by the shipment will do: which one a
				// planner without statistics prefers turns on the width it
				// guesses for the table's rows
				{"a shipment's exceptions by carrier", report.ExceptionsByCarrierSQL, "shipment_event_exceptions|shipmentevent_shipment_id_kind", []any{s.ID}},
				{"a rollup row's extremes", extremes, "shipment_rollup_key", extremesArgs},
				{"a shipment's last status event", `SELECT id, kind, at FROM shipment_events WHERE shipment_id = $1 AND kind IN ($2, $3, $4, $5) ORDER BY at DESC LIMIT 1`,
					"shipmentevent_shipment_id_", []any{s.ID, "BOOKED", "PICKED_UP", "DELIVERED", "CANCELLED"}},
				{"a shipment's feedback", `SELECT COUNT(*) FROM feedbacks WHERE shipment_id = $1`, "feedback_shipment_id", []any{s.ID}},
			}
			check := func(when string) {
				for _, c := range statements {
					plan := explain(t, st, c.query, c.args)
					if !slices.ContainsFunc(strings.Split(c.index, "|"), func(index string) bool { return strings.Contains(plan, index) }) {
						t.Errorf("%s, %s: planned without %s:\n%s", when, c.name, c.index, plan)
					}
				}
			}
			forgetStatistics(t, st)
			check("without statistics")
			if err := seed.Analyze(ctx, st.DB, st.Dialect); err != nil {
				t.Fatal(err)
			}
			check("after ANALYZE")
		})
	}
}

// explain returns the plan of query, with sequential scans off on
// PostgreSQL.
func explain(t *testing.T, st *store.Store, query string, args []any) string {
	t.Helper()
	ctx := context.Background()
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	prefix := "EXPLAIN QUERY PLAN "
	if st.Dialect == dialect.Postgres {
		prefix = "EXPLAIN "
		if _, err := conn.ExecContext(ctx, "SET enable_seqscan = off"); err != nil {
			t.Fatal(err)
		}
		defer conn.ExecContext(ctx, "RESET enable_seqscan") //nolint:errcheck // the connection is closed next
	}
	rows, err := conn.QueryContext(ctx, prefix+query, args...)
	if err != nil {
		t.Fatalf("explain %s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, vals[len(vals)-1].String)
	}
	return strings.Join(lines, "\n")
}

// forgetStatistics puts the tables in the state of a large bulk load
// nobody analyzed: no statistics of any column (SQLite: none at all); on
// PostgreSQL the tables' sizes are known, as CREATE INDEX and VACUUM leave
// them, and made to look a few hundred times larger (the planner scales the
// pages it finds by the rows per page pg_class says), so that it weighs
// indexes as it would on a million shipments rather than tie on a small
// table.
func forgetStatistics(t *testing.T, st *store.Store) {
	t.Helper()
	stmts := []string{"DROP TABLE IF EXISTS sqlite_stat1", "DROP TABLE IF EXISTS sqlite_stat4"}
	if st.Dialect == dialect.Postgres {
		tables := `('shipments'::regclass, 'shipment_events'::regclass, 'feedbacks'::regclass, 'shipment_totals'::regclass, 'client_months'::regclass)`
		stmts = []string{"DELETE FROM pg_statistic WHERE starelid IN " + tables,
			"UPDATE pg_class SET reltuples = 10000, relpages = 1, relallvisible = 0 WHERE oid IN " + tables}
	}
	for _, q := range stmts {
		if _, err := st.DB.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
