package rule

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/privacy"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/apitoken"
	"github.com/freightgraph/freightgraph/ent/audit"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/shipment"
	"github.com/freightgraph/freightgraph/ent/tender"
)

// The audit trail: every write through the rules leaves one entry per record
// it changed, in the same transaction, so an entry exists exactly when its
// change does. Sessions are not business data and are not recorded; neither
// is a token's last-use time.

// withID is what every generated mutation offers beside ent.Mutation.
type withID interface {
	ID() (int, bool)
	IDs(context.Context) ([]int, error)
	Client() *ent.Client
}

// auditTrail records the mutation after the rules and the write have run.
func auditTrail(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if !audited(m) {
			return next.Mutate(ctx, m)
		}
		var ids []int
		switch {
		case m.Op().Is(ent.OpUpdateOne):
			// the stored row is read once and kept by the mutation; read it
			// now, before the write changes it, so that every before-value
			// below is the stored one
			if f := firstField(m); f != "" {
				if _, err := m.OldField(ctx, f); err != nil {
					return nil, err
				}
			}
		case m.Op().Is(ent.OpUpdate | ent.OpDelete | ent.OpDeleteOne):
			var err error
			if ids, err = m.(withID).IDs(ctx); err != nil {
				return nil, err
			}
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		if id, ok := m.(withID).ID(); ok && len(ids) == 0 {
			ids = []int{id}
		}
		changes, err := changesOf(ctx, m)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if err := writeEntry(ctx, m, id, v, changes); err != nil {
				return nil, fmt.Errorf("audit %s %d: %w", m.Type(), id, err)
			}
		}
		return v, nil
	})
}

func audited(m ent.Mutation) bool {
	switch m.Type() {
	case "AuditEntry", "Session", "SavedQuery", "ShipmentTotal", "ClientMonth":
		return false
	case "APIToken":
		return !onlyFields(m, apitoken.FieldLastUsedAt)
	}
	return true
}

// firstField names a field the mutation touches, to read the stored row by.
func firstField(m ent.Mutation) string {
	if fs := append(m.Fields(), append(m.AddedFields(), m.ClearedFields()...)...); len(fs) > 0 {
		return fs[0]
	}
	return ""
}

// unrecorded fields: the entry's own time says when, a shipment's month is
// its planned pickup's, a search key is its names', and secrets never show.
var (
	unrecorded = []string{"updated_at", "created_at", shipment.FieldPickupMonth, shipment.FieldSearchKey}
	secrets    = []string{manager.FieldPasswordHash, apitoken.FieldTokenHash}
)

// changesOf lists each field the mutation set, added to or cleared, with
// its stored value before (for an update) and its value after.
func changesOf(ctx context.Context, m ent.Mutation) ([]audit.Change, error) {
	update := m.Op().Is(ent.OpUpdateOne)
	var out []audit.Change
	add := func(field string, before, after ent.Value) {
		c := audit.Change{Field: apiField(field), Before: asText(before), After: asText(after)}
		if slices.Contains(secrets, field) {
			// that it changed is recorded, never what it is
			r := audit.Redacted
			c.Before, c.After = nil, &r
			if before != nil && before != "" {
				c.Before = &r
			}
			out = append(out, c)
			return
		}
		if update && c.Before != nil && c.After != nil && *c.Before == *c.After {
			return
		}
		out = append(out, c)
	}
	old := func(f string) (ent.Value, error) {
		if !update {
			return nil, nil
		}
		return m.OldField(ctx, f)
	}
	for _, f := range m.Fields() {
		if slices.Contains(unrecorded, f) {
			continue
		}
		before, err := old(f)
		if err != nil {
			return nil, err
		}
		after, _ := m.Field(f)
		add(f, before, after)
	}
	for _, f := range m.AddedFields() {
		before, err := old(f)
		if err != nil {
			return nil, err
		}
		delta, _ := m.AddedField(f)
		add(f, before, sum(before, delta))
	}
	for _, f := range m.ClearedFields() {
		before, err := old(f)
		if err != nil {
			return nil, err
		}
		add(f, before, nil)
	}
	slices.SortFunc(out, func(a, b audit.Change) int {
		switch {
		case a.Field < b.Field:
			return -1
		case a.Field > b.Field:
			return 1
		}
		return 0
	})
	return out, nil
}

// apiField is the API's name of a stored field: client_id is clientID,
// weight_kg weightKg; a secret's hash is named for the secret.
func apiField(column string) string {
	switch column {
	case manager.FieldPasswordHash:
		return "password"
	case apitoken.FieldTokenHash:
		return "token"
	}
	parts := strings.Split(column, "_")
	for i, p := range parts {
		switch {
		case i > 0 && p == "id":
			parts[i] = "ID"
		case i > 0 && p != "":
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "")
}

// sum is a numeric field after an increment (the version).
func sum(before, delta ent.Value) ent.Value {
	b, ok1 := before.(int)
	d, ok2 := delta.(int)
	if ok1 && ok2 {
		return b + d
	}
	return delta
}

// asText writes a field's value as the trail shows it; an empty pointer
// (an optional field without a value) is no value.
func asText(v ent.Value) *string {
	if rv := reflect.ValueOf(v); !rv.IsValid() || rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil
	} else if rv.Kind() == reflect.Pointer {
		v = rv.Elem().Interface()
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		s := rv.String() // enums too, unquoted
		return &s
	}
	var s string
	switch x := v.(type) {
	case time.Time:
		s = stampExact(x)
	case string:
		s = x
	case fmt.Stringer:
		s = x.String()
	case int, int64, float64, bool:
		s = fmt.Sprint(x)
	default:
		if b, err := json.Marshal(x); err == nil {
			s = string(b)
		} else {
			s = fmt.Sprint(x)
		}
	}
	return &s
}

func stampExact(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// graphQLType is the API's name of an ent type.
func graphQLType(t string) string {
	if t == "Customer" {
		return "Client"
	}
	return t
}

func writeEntry(ctx context.Context, m ent.Mutation, id int, v ent.Value, changes []audit.Change) error {
	c := m.(withID).Client()
	sys := privacy.DecisionContext(ctx, privacy.Allow) // the trail is written by the server
	client, err := clientOfRecord(sys, c, m.Type(), id, v)
	if err != nil {
		return err
	}
	action := enum.AuditUpdate
	switch {
	case m.Op().Is(ent.OpCreate):
		action = enum.AuditCreate
	case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
		action = enum.AuditDelete
	}
	if changes == nil {
		changes = []audit.Change{}
	}
	var former *int
	if _, moved := m.Field("client_id"); moved && m.Op().Is(ent.OpUpdateOne) {
		// read from the row the mutation kept from before the write
		if was, err := m.OldField(ctx, "client_id"); err == nil {
			if id, ok := was.(int); ok && (client == nil || *client != id) {
				former = &id
			}
		}
	}
	e := c.AuditEntry.Create().
		SetOperation(operationFrom(ctx)).
		SetAction(action).
		SetRecordType(graphQLType(m.Type())).
		SetRecordID(id).
		SetNillableClientID(client).
		SetNillableFormerClientID(former).
		SetChanges(changes).
		SetRequestID(RequestID(ctx))
	if viewer := ViewerFrom(ctx); viewer != nil {
		e.SetActorID(viewer.ID)
	}
	return e.Exec(sys)
}

// clientOfRecord is the client a record belongs to, which decides who
// besides ADMIN and ANALYST reads its entries.
func clientOfRecord(ctx context.Context, c *ent.Client, typ string, id int, v ent.Value) (*int, error) {
	switch x := v.(type) {
	case *ent.Customer:
		return &x.ID, nil
	case *ent.Contact:
		return &x.ClientID, nil
	case *ent.Feedback:
		return &x.ClientID, nil
	case *ent.Tender:
		return &x.ClientID, nil
	case *ent.Shipment:
		return &x.ClientID, nil
	case *ent.Lane:
		return tenderClient(ctx, c, x.TenderID)
	case *ent.TenderStageChange:
		return tenderClient(ctx, c, x.TenderID)
	case *ent.ShipmentEvent:
		if s := writtenShipment(ctx, x.ShipmentID); s != nil {
			return &s.ClientID, nil
		}
		ids, err := c.Shipment.Query().Where(shipment.ID(x.ShipmentID)).Select(shipment.FieldClientID).Ints(ctx)
		if err != nil || len(ids) == 0 {
			return nil, err
		}
		return &ids[0], nil
	}
	if typ == "Customer" { // a bulk change returns no record
		return &id, nil
	}
	return nil, nil
}

func tenderClient(ctx context.Context, c *ent.Client, tenderID int) (*int, error) {
	ids, err := c.Tender.Query().Where(tender.ID(tenderID)).Select(tender.FieldClientID).Ints(ctx)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	return &ids[0], nil
}

// appendOnly refuses to change or delete an audit entry, whoever asks:
// System context included.
func appendOnly(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if !m.Op().Is(ent.OpCreate) {
			return nil, Forbidden("the audit trail is append-only: entries are never changed or deleted").Because(ReasonNotThisWay)
		}
		return next.Mutate(ctx, m)
	})
}
