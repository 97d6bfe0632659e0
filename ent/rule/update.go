package rule

import (
	"context"
	"fmt"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/version"
)

// Update runs save, an update of the record id of kind noun, under the
// caller's expected version if one is given. An update that matched no row
// is told apart here: the record is gone (NOT_FOUND) or someone else changed
// it first (CONFLICT).
func Update[T ent.Noder](ctx context.Context, c *ent.Client, noun string, id int, expected *int, save func(context.Context) (T, error)) (T, error) {
	if expected != nil {
		ctx = version.Expect(ctx, id, *expected)
	}
	v, err := save(ctx)
	if err == nil || !ent.IsNotFound(err) {
		return v, err
	}
	var zero T
	if expected != nil {
		if n, nerr := c.Noder(ctx, id); nerr == nil {
			if _, same := n.(T); same {
				return zero, Conflict("%s %d was changed by someone else since version %d: reload it and try again", noun, id, *expected)
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
