package rule

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/version"
)

// Update runs save, an update of the record id of kind noun, under the
// caller's expected version if one is given. An update that matched no row
// is told apart here: the record is gone (NOT_FOUND) or someone else changed
// it first (CONFLICT).
func Update[T ent.Noder](ctx context.Context, c *ent.Client, noun string, id int, expected *int, save func(context.Context) (T, error)) (T, error) {
	var zero T
	if expected != nil {
		if *expected < 1 {
			return zero, Invalid("expectedVersion", "versions start at 1, so %d was never a version", *expected)
		}
		ctx = version.Expect(ctx, id, *expected)
	}
	v, err := save(ctx)
	if err == nil || !ent.IsNotFound(err) {
		return v, err
	}
	if expected != nil {
		// a context of its own: the request's would make entgql load only
		// the fields the caller selected, and the version may not be one
		dctx, cancel := detached(ctx)
		defer cancel()
		if n, nerr := c.Noder(dctx, id); nerr == nil {
			if _, same := n.(T); same {
				return zero, staleVersion(noun, fmt.Sprint(id), versionOf(n), *expected)
			}
		}
	}
	return zero, NotFound(noun, id)
}

// Edit is Update for the generic update mutations (updateClient, ...): an
// edit that changes nothing writes nothing (see unchanged). The domain moves
// use Update, and always write.
func Edit[T ent.Noder](ctx context.Context, c *ent.Client, noun string, id int, expected *int, save func(context.Context) (T, error)) (T, error) {
	return Update(context.WithValue(ctx, genericUpdateKey{}, id), c, noun, id, expected, save)
}

// load fetches the record id of kind noun or says it does not exist; the
// query is the generated one for that kind (c.Tender.Get, ...).
func load[T any](ctx context.Context, get func(context.Context, int) (T, error), noun string, id int) (T, error) {
	v, err := get(ctx, id)
	if ent.IsNotFound(err) {
		return v, NotFound(noun, id)
	}
	if err != nil {
		return v, fmt.Errorf("load %s %d: %w", noun, id, err)
	}
	return v, nil
}

// ref checks that a referenced record exists, naming the input field that
// referred to it when it does not.
func ref[T any](ctx context.Context, get func(context.Context, int) (T, error), field, noun string, id int) (T, error) {
	v, err := load(ctx, get, noun, id)
	if e, ok := As(err); ok && e.Code == CodeNotFound {
		return v, Invalid(field, "no %s with ID %d", noun, id).Because(ReasonNoSuchRecord, "record", noun)
	}
	return v, err
}

// staleVersion refuses a write whose expected version is not the record's:
// a conflict when someone wrote in between, a mistake when the caller names a
// version the record never had.
func staleVersion(noun, name string, current, expected int) *Error {
	if expected > current || expected < 1 {
		return Invalid("expectedVersion", "%s %s is at version %d: version %d does not exist", noun, name, current, expected).
			Because(ReasonNoSuchVersion, "record", noun, "name", name, "current", current, "expected", expected)
	}
	return Conflict("%s %s was changed by someone else (now version %d, you had %d): reload it and try again", noun, name, current, expected).
		Because(ReasonChangedMeanwhile, "record", noun, "name", name, "current", current, "expected", expected)
}

// versionOf reads the version of any versioned record; every mutable type
// has the field through the Versioned mixin.
func versionOf(n any) int {
	v := reflect.Indirect(reflect.ValueOf(n)).FieldByName("Version")
	if !v.IsValid() || !v.CanInt() {
		return 0
	}
	return int(v.Int())
}

// detached is a context with ctx's deadline and access (carryAccess) but
// none of its other values: no GraphQL field context for entgql to shape
// queries by. The client passed along still carries the transaction.
func detached(ctx context.Context) (context.Context, context.CancelFunc) {
	base := carryAccess(ctx, context.Background())
	if d, ok := ctx.Deadline(); ok {
		return context.WithDeadline(base, d)
	}
	return context.WithCancel(base)
}

// genericUpdateKey marks the record a generic update (Update) is about.
type genericUpdateKey struct{}

// unchanged answers a generic update that would change nothing (every field
// it sets already holds that value) with the record as it is: no write, no
// new version, no audit entry, so that saving an untouched form does not make
// everyone else's expectedVersion stale. An expectedVersion given with it is
// still checked. The domain moves always write: their new version is part of
// how they serialise.
func unchanged(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if !m.Op().Is(ent.OpUpdateOne) || len(m.AddedFields()) > 0 || !fieldBacked(m) {
			return next.Mutate(ctx, m)
		}
		if target, ok := ctx.Value(genericUpdateKey{}).(int); !ok {
			return next.Mutate(ctx, m)
		} else if id, _ := m.(withID).ID(); id != target {
			return next.Mutate(ctx, m)
		}
		for _, f := range append(m.Fields(), m.ClearedFields()...) {
			if f == "updated_at" {
				continue
			}
			old, err := m.OldField(ctx, f)
			if err != nil {
				return nil, err
			}
			now, _ := m.Field(f) // nil for a cleared field
			if !sameText(asText(old), asText(now)) {
				return next.Mutate(ctx, m)
			}
		}
		r := m.(withID)
		id, _ := r.ID()
		// the whole record, not only the fields the caller selected
		dctx, cancel := detached(ctx)
		defer cancel()
		n, err := r.Client().Noder(dctx, id)
		if err != nil {
			return nil, err
		}
		if !sameType(n, m) {
			// the ID belongs to a record of another kind
			return nil, NotFound(strings.ToLower(graphQLType(m.Type())), id)
		}
		if want, ok := version.Expected(ctx, id); ok && versionOf(n) != want {
			return nil, staleVersion(strings.ToLower(graphQLType(m.Type())), fmt.Sprint(id), versionOf(n), want)
		}
		return n, nil
	})
}

func sameText(a, b *string) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// sameType reports whether record n is of the mutation's type.
func sameType(n ent.Noder, m ent.Mutation) bool {
	return reflect.Indirect(reflect.ValueOf(n)).Type().Name() == m.Type()
}

// fieldBacked reports whether every edge the mutation sets or clears is
// also one of its fields (client and client_id): the field comparison then
// covers it. ent reports an edge set to its present value as added.
func fieldBacked(m ent.Mutation) bool {
	fields := append(m.Fields(), m.ClearedFields()...)
	for _, e := range append(m.AddedEdges(), m.ClearedEdges()...) {
		if !slices.Contains(fields, e+"_id") {
			return false
		}
	}
	return true
}
