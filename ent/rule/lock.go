package rule

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/lib/pq"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/apitoken"
	"github.com/freightgraph/freightgraph/ent/carrier"
	"github.com/freightgraph/freightgraph/ent/contact"
	"github.com/freightgraph/freightgraph/ent/customer"
	"github.com/freightgraph/freightgraph/ent/feedback"
	"github.com/freightgraph/freightgraph/ent/lane"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/savedquery"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/tender"
)

// Row locks: how the rules hold under READ COMMITTED (ent/store Writes).
//
// A rule that reads one record to decide about a write (a manager's role
// before a client is given to them, a tender's stage before a shipment
// joins it, a shipment's status before an event moves it) locks what it
// read for the rest of its transaction, and the write that would change
// what it read locks the same row exclusively. The two then take turns: the
// second waits for the first to commit and, since every statement under
// READ COMMITTED reads what is committed when it starts, reads the first's
// result. Reads that decide lock with FOR SHARE, so that many writers who
// read the same manager or carrier do not wait for each other; the record
// being updated, and a move's record from the moment it is loaded, is
// locked FOR UPDATE.
//
// Rows are locked only where the database needs it (PostgreSQL; see
// WithTxScope). On SQLite one write transaction runs at a time, and a
// FOR clause is a syntax error.

// txScope is what the rules remember for the length of one write
// transaction: the rows it has locked (a lock held is not asked for
// again), and the shipments it has written, as written (a shipment it
// wrote is locked by it, so nobody else can have changed it since: the
// tracking event, its access check and its audit entry read it from here
// instead of from the database).
type txScope struct {
	locks bool // rows must be locked (PostgreSQL)

	mu        sync.Mutex
	held      map[heldRow]Strength
	shipments map[int]*ent.Shipment
}

type heldRow struct {
	table string
	id    int
}

type txScopeKey struct{}

// WithTxScope is the context of one write transaction (ent/store Writes
// begins each under one); locks says that its isolation (READ COMMITTED)
// needs the rules to lock the rows they read.
func WithTxScope(ctx context.Context, locks bool) context.Context {
	return context.WithValue(ctx, txScopeKey{}, &txScope{locks: locks, held: map[heldRow]Strength{}, shipments: map[int]*ent.Shipment{}})
}

func scopeOf(ctx context.Context) *txScope {
	s, _ := ctx.Value(txScopeKey{}).(*txScope)
	return s
}

func rowLocks(ctx context.Context) bool {
	s := scopeOf(ctx)
	return s != nil && s.locks
}

// wrote remembers a shipment this transaction wrote (and holds locked).
func wrote(ctx context.Context, s *ent.Shipment) {
	if sc := scopeOf(ctx); sc != nil && s != nil {
		sc.mu.Lock()
		sc.shipments[s.ID] = s
		sc.mu.Unlock()
	}
}

// writtenShipment is shipment id as this transaction wrote it, or nil.
func writtenShipment(ctx context.Context, id int) *ent.Shipment {
	if sc := scopeOf(ctx); sc != nil {
		sc.mu.Lock()
		defer sc.mu.Unlock()
		return sc.shipments[id]
	}
	return nil
}

// shipmentOf is shipment id as this transaction last wrote it, or as
// stored.
func shipmentOf(ctx context.Context, c *ent.Client, id int) (*ent.Shipment, error) {
	if s := writtenShipment(ctx, id); s != nil {
		return s, nil
	}
	return c.Shipment.Get(ctx, id)
}

// Strength is how a row is locked.
type Strength string

// The strengths the rules use.
const (
	// Share keeps a row from changing; others may share it.
	Share Strength = "SHARE"
	// Exclusive is held by the transaction that changes the row.
	Exclusive Strength = "UPDATE"
)

// Lock locks the rows ids of table until the transaction ends, in the
// order of their IDs (so that two transactions locking the same rows never
// wait for each other in a circle), and does nothing where rows are not
// locked (WithRowLocks). A missing row locks nothing: the read that follows
// says it is missing.
func Lock(ctx context.Context, c *ent.Client, strength Strength, table string, ids ...int) error {
	if !rowLocks(ctx) || len(ids) == 0 {
		return nil
	}
	sc := scopeOf(ctx)
	sc.mu.Lock()
	ids = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(ids))), func(id int) bool {
		held, ok := sc.held[heldRow{table, id}]
		return ok && (held == Exclusive || strength == Share)
	})
	for _, id := range ids {
		sc.held[heldRow{table, id}] = strength
	}
	sc.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	q := fmt.Sprintf("SELECT id FROM %s WHERE id = ANY($1) ORDER BY id FOR %s", pq.QuoteIdentifier(table), strength)
	rows, err := c.QueryContext(ctx, q, pq.Array(ids))
	if err != nil {
		return fmt.Errorf("lock %s: %w", table, err)
	}
	for rows.Next() {
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return fmt.Errorf("lock %s: %w", table, err)
	}
	return rows.Close()
}

// tables are the tables of the records people write, by ent type.
var tables = map[string]string{
	ent.TypeAPIToken: apitoken.Table, ent.TypeCarrier: carrier.Table, ent.TypeContact: contact.Table,
	ent.TypeCustomer: customer.Table, ent.TypeFeedback: feedback.Table, ent.TypeLane: lane.Table,
	ent.TypeManager: manager.Table, ent.TypeSavedQuery: savedquery.Table, ent.TypeShipment: shipment.Table,
	ent.TypeTender: tender.Table,
}

// parents are the references whose records the rules read before a write
// that sets them: a client's pair, a tender's stage, a shipment's status, a
// carrier's modes and whether it is active, a manager's role.
var parents = map[string]string{
	"client_id": customer.Table, "tender_id": tender.Table, "shipment_id": shipment.Table, "carrier_id": carrier.Table,
	"account_manager_id": manager.Table, "operations_manager_id": manager.Table, "owner_id": manager.Table,
}

// lockWritten is the first hook of every write: it locks the record an
// update changes (FOR UPDATE) before any rule reads its stored values, and
// the records a create or an update refers to (FOR SHARE) before any rule
// reads them. The rollups, the audit trail and sessions are written by
// the server itself and lock nothing here.
func lockWritten(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		table, mine := tables[m.Type()]
		if !rowLocks(ctx) || (!mine && !isChild(m.Type())) {
			return next.Mutate(ctx, m)
		}
		c := clientOf(m)
		if mine && m.Op().Is(ent.OpUpdateOne) {
			if id, ok := m.(withID).ID(); ok {
				if err := Lock(ctx, c, Exclusive, table, id); err != nil {
					return nil, err
				}
			}
		}
		byTable := map[string][]int{}
		for _, f := range m.Fields() {
			if m.Type() == ent.TypeShipmentEvent && f != "shipment_id" {
				// an event's carrier is its shipment's, not a rule's choice
				continue
			}
			if t, ok := parents[f]; ok {
				if v, ok := m.Field(f); ok {
					if id, ok := v.(int); ok {
						byTable[t] = append(byTable[t], id)
					}
				}
			}
		}
		for _, t := range slices.Sorted(maps.Keys(byTable)) {
			if err := Lock(ctx, c, Share, t, byTable[t]...); err != nil {
				return nil, err
			}
		}
		return next.Mutate(ctx, m)
	})
}

// isChild reports the types that are written only with a parent whose
// state the rules read: tracking events (their shipment), stage changes
// (their tender).
func isChild(typ string) bool {
	return typ == ent.TypeShipmentEvent || typ == ent.TypeTenderStageChange
}

// clientOf is the client a mutation writes through (its transaction's).
func clientOf(m ent.Mutation) *ent.Client {
	if cm, ok := m.(interface{ Client() *ent.Client }); ok {
		return cm.Client()
	}
	return nil
}

// lockedQuery makes q, a query of the rows ids of table, lock them with
// strength where rows are locked, and notes them held: one statement for
// what Lock and a read would take two. It reports whether q locks.
func lockedQuery(ctx context.Context, strength Strength, table string, ids []int, forUpdate, forShare func()) bool {
	if !rowLocks(ctx) {
		return false
	}
	sc := scopeOf(ctx)
	sc.mu.Lock()
	defer sc.mu.Unlock()
	for _, id := range ids {
		if held, ok := sc.held[heldRow{table, id}]; !ok || (held == Share && strength == Exclusive) {
			sc.held[heldRow{table, id}] = strength
		}
	}
	if strength == Exclusive {
		forUpdate()
	} else {
		forShare()
	}
	return true
}
