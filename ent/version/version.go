// Package version implements optimistic concurrency for every mutable record:
// each update increments the record's version, and a caller that names the
// version it read has its write refused when someone else wrote in between.
package version

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
)

// Field is the column every mutable record carries.
const Field = "version"

type expectKey struct{}

type expectation struct {
	id      int
	version int
}

// Expect returns a context under which an update of record id applies only
// while the record still carries version v. The check is part of the UPDATE's
// WHERE clause, so of many concurrent writers holding one version exactly one
// matches a row; the others update nothing and are told of the conflict.
func Expect(ctx context.Context, id, v int) context.Context {
	return context.WithValue(ctx, expectKey{}, expectation{id: id, version: v})
}

// Expected returns the version Expect set for record id, if any.
func Expected(ctx context.Context, id int) (int, bool) {
	e, ok := ctx.Value(expectKey{}).(expectation)
	return e.version, ok && e.id == id
}

// Hook increments the version on every update and applies the expectation
// set by Expect to the record it names.
func Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			if !m.Op().Is(ent.OpUpdate | ent.OpUpdateOne) {
				return next.Mutate(ctx, m)
			}
			if err := m.AddField(Field, 1); err != nil {
				return nil, err
			}
			if e, ok := ctx.Value(expectKey{}).(expectation); ok && m.Op().Is(ent.OpUpdateOne) {
				if idm, ok := m.(interface{ ID() (int, bool) }); ok {
					if id, ok := idm.ID(); ok && id == e.id {
						m.(interface{ WhereP(...func(*sql.Selector)) }).WhereP(sql.FieldEQ(Field, e.version))
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}
