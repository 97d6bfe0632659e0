package live

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/contact"
	"github.com/freightgraph/freightgraph/ent/feedback"
	"github.com/freightgraph/freightgraph/ent/lane"
	"github.com/freightgraph/freightgraph/ent/rule"
	"github.com/freightgraph/freightgraph/ent/shipmentevent"
	"github.com/freightgraph/freightgraph/ent/tenderstagechange"
)

// Channel is the PostgreSQL notification channel the changes travel on.
const Channel = "freightgraph_changes"

// Install makes every write through c announce what it changed, after the
// access rules have let it through (install it after rule.Register).
func (h *Hub) Install(c *ent.Client) { c.Use(h.announce) }

// withID is what every generated mutation offers beside ent.Mutation.
type withID interface {
	ID() (int, bool)
	IDs(context.Context) ([]int, error)
	Client() *ent.Client
	Tx() (*ent.Tx, error)
}

// followed says which kind of record a written type belongs to, and for a
// part of a record (a tender's lane, a shipment's event) the column and
// table that name its owner.
var followed = map[string]struct {
	kind          Kind
	table, column string
}{
	"Tender":            {kind: Tender},
	"Lane":              {Tender, lane.Table, lane.FieldTenderID},
	"TenderStageChange": {Tender, tenderstagechange.Table, tenderstagechange.FieldTenderID},
	"Shipment":          {kind: Shipment},
	"ShipmentEvent":     {Shipment, shipmentevent.Table, shipmentevent.FieldShipmentID},
	"Customer":          {kind: Client},
	"Contact":           {Client, contact.Table, contact.FieldClientID},
	"Feedback":          {Client, feedback.Table, feedback.FieldClientID},
	"Manager":           {kind: Access},
	"APIToken":          {kind: Access},
	"Session":           {kind: Access},
}

func (h *Hub) announce(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		f, ok := followed[m.Type()]
		if !ok || (f.kind == Access && !takesAccess(m)) {
			return next.Mutate(ctx, m)
		}
		mw := m.(withID)
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		var owners []int
		if f.kind != Access && !m.Op().Is(ent.OpCreate|ent.OpUpdateOne) {
			// a change of many rows, or a deletion: which records they
			// are is known only before the write
			ids, err := mw.IDs(sys)
			if err != nil {
				return nil, err
			}
			if owners, err = h.owners(sys, mw.Client(), f.table, f.column, ids); err != nil {
				return nil, err
			}
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return v, err
		}
		switch {
		case f.kind == Access:
			if n, counted := v.(int); counted && n == 0 {
				return v, nil // nothing ended (no expired sessions)
			}
			// whose access changed matters not: each stream looks at its own
			owners = []int{0}
		case m.Op().Is(ent.OpCreate | ent.OpUpdateOne):
			owners = ownerOf(m, v, f.column)
		}
		action := Update
		switch {
		case f.column != "":
			// a lane added or a stage change recorded changes its tender
		case m.Op().Is(ent.OpCreate):
			action = Create
		case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
			action = Delete
		}
		by := 0
		if viewer := rule.ViewerFrom(ctx); viewer != nil {
			by = viewer.ID
		}
		at := time.Now().UnixMicro()
		changes := make([]Change, 0, len(owners))
		for _, id := range owners {
			changes = append(changes, Change{Kind: f.kind, ID: id, Action: action, Operation: rule.OperationOf(ctx), By: by, At: at})
		}
		if err := h.add(ctx, mw, changes); err != nil {
			return nil, err
		}
		return v, nil
	})
}

// takesAccess reports whether a write to managers, tokens or sessions may
// end someone's access: a sign-in, a new token or a token's last use does
// not.
func takesAccess(m ent.Mutation) bool {
	switch {
	case m.Op().Is(ent.OpCreate):
		return false
	case m.Type() == "APIToken":
		_, revoked := m.Field("revoked_at")
		return revoked || m.Op().Is(ent.OpDelete|ent.OpDeleteOne)
	}
	return true
}

// ownerOf is the record a created or updated row belongs to: itself, or the
// owner its column names.
func ownerOf(m ent.Mutation, v ent.Value, column string) []int {
	if column == "" {
		if id, ok := m.(withID).ID(); ok {
			return []int{id}
		}
		return nil
	}
	if x, ok := m.Field(column); ok {
		if id, ok := x.(int); ok {
			return []int{id}
		}
	}
	switch x := v.(type) {
	case *ent.Lane:
		return []int{x.TenderID}
	case *ent.TenderStageChange:
		return []int{x.TenderID}
	case *ent.ShipmentEvent:
		return []int{x.ShipmentID}
	case *ent.Contact:
		return []int{x.ClientID}
	case *ent.Feedback:
		return []int{x.ClientID}
	}
	return nil
}

// owners are the records that rows ids of a part's table belong to; for a
// record's own table, the rows themselves.
func (h *Hub) owners(ctx context.Context, c *ent.Client, table, column string, ids []int) ([]int, error) {
	if column == "" || len(ids) == 0 {
		return ids, nil
	}
	d := dialect.SQLite
	if h.postgres {
		d = dialect.Postgres
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	q, qargs := sql.Dialect(d).Select(column).Distinct().From(sql.Table(table)).Where(sql.In("id", args...)).Query()
	rows, err := c.QueryContext(ctx, q, qargs...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// batch is one transaction's changes, announced when it commits.
type batch struct {
	mu      sync.Mutex
	order   []key
	changes map[key]Change
}

type key struct {
	kind Kind
	id   int
}

func (b *batch) add(changes []Change) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, c := range changes {
		k := key{c.Kind, c.ID}
		if was, ok := b.changes[k]; ok {
			b.changes[k] = merge(was, c)
			continue
		}
		b.order = append(b.order, k)
		b.changes[k] = c
	}
}

func (b *batch) list() []Change {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]Change, 0, len(b.order))
	for _, k := range b.order {
		out = append(out, b.changes[k])
	}
	return out
}

type batchKey struct{}

// Begin gathers the changes of the transaction tx, which ctx carries (the
// store's write transactions call it), and announces them once, merged per
// record, as it commits: on PostgreSQL by NOTIFY inside it, just before
// COMMIT, so that they travel exactly when it commits; on SQLite to this
// process's subscribers after it has committed. A rollback announces
// nothing.
func (h *Hub) Begin(ctx context.Context, tx *ent.Tx) context.Context {
	b := h.watch(tx)
	return context.WithValue(ctx, batchKey{}, b)
}

func (h *Hub) watch(tx *ent.Tx) *batch {
	b := &batch{changes: map[key]Change{}}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			changes := b.list()
			if h.postgres && len(changes) > 0 {
				if err := notify(ctx, tx.Client(), changes); err != nil {
					return err
				}
			}
			if err := next.Commit(ctx, tx); err != nil {
				return err
			}
			if !h.postgres && len(changes) > 0 {
				h.deliver(changes)
			}
			return nil
		})
	})
	return b
}

// add announces changes: with the transaction they are part of, or at once
// when the write was a statement of its own.
func (h *Hub) add(ctx context.Context, m withID, changes []Change) error {
	if len(changes) == 0 {
		return nil
	}
	if b, ok := ctx.Value(batchKey{}).(*batch); ok {
		b.add(changes)
		return nil
	}
	if tx, err := m.Tx(); err == nil {
		// a transaction the store did not begin (a command's, a test's)
		h.watch(tx).add(changes)
		return nil
	}
	if h.postgres {
		return notify(ctx, m.Client(), changes)
	}
	h.deliver(changes)
	return nil
}

// maxPayload keeps a notification under PostgreSQL's 8000-byte limit.
const maxPayload = 7000

// notify sends changes on Channel through c (a transaction's client: the
// notifications leave at its commit), as JSON arrays of at most maxPayload
// bytes.
func notify(ctx context.Context, c *ent.Client, changes []Change) error {
	var chunk []Change
	size := 2
	send := func() error {
		if len(chunk) == 0 {
			return nil
		}
		payload, err := json.Marshal(chunk)
		if err != nil {
			return err
		}
		if _, err := c.ExecContext(ctx, "SELECT pg_notify($1, $2)", Channel, string(payload)); err != nil {
			return fmt.Errorf("announcing changes: %w", err)
		}
		chunk, size = chunk[:0], 2
		return nil
	}
	for _, ch := range changes {
		b, err := json.Marshal(ch)
		if err != nil {
			return err
		}
		if size+len(b)+1 > maxPayload {
			if err := send(); err != nil {
				return err
			}
		}
		chunk = append(chunk, ch)
		size += len(b) + 1
	}
	return send()
}
