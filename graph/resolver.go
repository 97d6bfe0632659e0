// Package graph is the GraphQL API: thin resolvers over ent and the domain
// rules in ent/rule. The generated executable schema is in graph/generated.
package graph

import (
	"context"
	"errors"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/carrier"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/live"
	"github.com/freightgraph/freightgraph/ent/predicate"
	"github.com/freightgraph/freightgraph/ent/report"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// Resolver holds the resolvers' dependencies. It is never regenerated.
type Resolver struct {
	client *ent.Client
	// attempts limits password checks, as sign-in does.
	attempts rule.Attempts
	// settings are the company's definitions of the figures.
	settings report.Settings
	// live hands the subscriptions what each write committed.
	live *live.Hub
	// streams counts each viewer's open subscriptions.
	streams *PerViewer
}

// NewResolver returns the root resolver over client, its company settings
// and hub; a nil hub serves no subscriptions.
func NewResolver(client *ent.Client, attempts rule.Attempts, settings report.Settings, hub *live.Hub) *Resolver {
	return &Resolver{client: client, attempts: attempts, settings: settings, live: hub, streams: NewPerViewer(MaxStreamsPerViewer, "live updates")}
}

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

// nodes loads records by their global IDs, batched by type. entgql's
// Noders reports a missing or failed ID by adding an error to the response
// itself, past the error classification that resolver errors go through; it
// runs here against a private response context, and its errors come back as
// NOT_FOUND per missing ID or fail the field (then classified) for anything
// else.
func nodes(ctx context.Context, c *ent.Client, ids []int) ([]ent.Noder, error) {
	type added struct {
		index int
		err   error
	}
	var errs []added
	private := graphql.WithResponseContext(ctx, func(ctx context.Context, err error) *gqlerror.Error {
		i := -1
		if p := graphql.GetPath(ctx); len(p) > 0 {
			if idx, ok := p[len(p)-1].(ast.PathIndex); ok {
				i = int(idx)
			}
		}
		errs = append(errs, added{index: i, err: err})
		return nil
	}, graphql.DefaultRecover)
	ns, err := c.Noders(private, ids)
	if err != nil {
		return nil, err
	}
	for _, a := range errs {
		if a.index < 0 || a.index >= len(ids) || !ent.IsNotFound(a.err) && !isNodeNotFound(a.err) {
			return nil, a.err
		}
		graphql.AddError(graphql.WithPathContext(ctx, graphql.NewPathWithIndex(a.index)), rule.NotFound("record", ids[a.index]))
	}
	return ns, nil
}

// isNodeNotFound recognises entgql's own not-found error for an ID that no
// table's range holds.
func isNodeNotFound(err error) bool {
	var gqlErr *gqlerror.Error
	return errors.As(err, &gqlErr) && gqlErr.Extensions["code"] == "NOT_FOUND"
}

// servesMode filters carriers by a mode in their JSON list of modes.
func servesMode(mode *enum.TransportMode) predicate.Carrier {
	return func(s *sql.Selector) {
		if mode != nil {
			s.Where(sqljson.ValueContains(s.C(carrier.FieldModes), string(*mode)))
		}
	}
}

// newestFirst is the audit trail's order when the caller gives none.
func newestFirst(o []*ent.AuditEntryOrder) []*ent.AuditEntryOrder {
	if len(o) > 0 {
		return o
	}
	return []*ent.AuditEntryOrder{{Field: ent.AuditEntryOrderFieldAt, Direction: entgql.OrderDirectionDesc}}
}
