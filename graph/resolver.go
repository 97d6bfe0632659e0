// Package graph is the GraphQL API: thin resolvers over ent and the domain
// rules in ent/rule. The generated executable schema is in graph/generated.
package graph

import (
	"context"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/carrier"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/predicate"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// Resolver holds the resolvers' dependencies. It is never regenerated.
type Resolver struct {
	client *ent.Client
}

// NewResolver returns the root resolver over client.
func NewResolver(client *ent.Client) *Resolver { return &Resolver{client: client} }

// db is the client to use: the mutation's transaction when there is one
// (a mutation must not reach past it: on SQLite that would wait on itself).
func (r *Resolver) db(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return r.client
}

// node loads any record by its global ID.
func node(ctx context.Context, c *ent.Client, id int) (ent.Noder, error) {
	n, err := c.Noder(ctx, id)
	if ent.IsNotFound(err) {
		return nil, rule.NotFound("record", id)
	}
	return n, err
}

// servesMode filters carriers by a mode in their JSON list of modes.
func servesMode(mode *enum.TransportMode) predicate.Carrier {
	return func(s *sql.Selector) {
		if mode != nil {
			s.Where(sqljson.ValueContains(s.C(carrier.FieldModes), string(*mode)))
		}
	}
}
