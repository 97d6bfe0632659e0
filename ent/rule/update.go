package rule

import (
	"context"
	"fmt"
	"reflect"

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
		return v, Invalid(field, "no %s with ID %d", noun, id)
	}
	return v, err
}

// staleVersion refuses a write whose expected version is not the record's:
// a conflict when someone wrote in between, a mistake when the caller names a
// version the record never had.
func staleVersion(noun, name string, current, expected int) *Error {
	if expected > current || expected < 1 {
		return Invalid("expectedVersion", "%s %s is at version %d: version %d does not exist", noun, name, current, expected)
	}
	return Conflict("%s %s was changed by someone else (now version %d, you had %d): reload it and try again", noun, name, current, expected)
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
