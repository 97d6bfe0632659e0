package rule

import (
	"context"

	"entgo.io/ent/privacy"

	"github.com/freightgraph/freightgraph/ent/enum"
)

// Viewer is the manager a request acts for, as the server found them when
// the request arrived (through a session or an API token).
type Viewer struct {
	ID   int
	Name string
	Role enum.ManagerRole
	// SessionHash is the stored hash of the session the request came
	// through; empty for an API token.
	SessionHash string
}

// Is reports whether the viewer holds one of roles.
func (v *Viewer) Is(roles ...enum.ManagerRole) bool {
	for _, r := range roles {
		if v.Role == r {
			return true
		}
	}
	return false
}

// actorID is the viewer's ID, or nil for the server's own work.
func actorID(ctx context.Context) *int {
	if v := ViewerFrom(ctx); v != nil {
		return &v.ID
	}
	return nil
}

type (
	viewerKey    struct{}
	operationKey struct{}
	requestKey   struct{}
)

// WithViewer returns ctx acting for v.
func WithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerFrom returns the viewer ctx acts for, or nil.
func ViewerFrom(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey{}).(*Viewer)
	return v
}

// System returns ctx for the server's own work, named by operation (a
// command, seeding, signing in): the access rules do not apply and the audit
// trail records the operation without an actor. It is never reachable from a
// request's input.
func System(ctx context.Context, operation string) context.Context {
	return privacy.DecisionContext(WithOperation(ctx, operation), privacy.Allow)
}

// WithOperation names what the changes made with ctx are part of: a GraphQL
// mutation's field name, or a command.
func WithOperation(ctx context.Context, operation string) context.Context {
	return context.WithValue(ctx, operationKey{}, operation)
}

// FindingViewer is the operation that finds whom a request acts for
// (SessionViewer, TokenViewer).
const FindingViewer = "auth:viewer"

// OperationOf names the operation ctx is part of ("" for none).
func OperationOf(ctx context.Context) string { return operationFrom(ctx) }

func operationFrom(ctx context.Context) string {
	op, _ := ctx.Value(operationKey{}).(string)
	return op
}

// WithRequestID attaches the request's correlation id, written with every
// audit entry and log line of the request.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestKey{}, id)
}

// RequestID returns the correlation id attached to ctx, if any.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestKey{}).(string)
	return id
}

// carryAccess gives to, a context without ctx's values, the viewer, decision
// and names of ctx: a detached query still acts for the same person.
func carryAccess(ctx, to context.Context) context.Context {
	if v := ViewerFrom(ctx); v != nil {
		to = WithViewer(to, v)
	}
	if d, ok := privacy.DecisionFromContext(ctx); ok {
		if d == nil {
			d = privacy.Allow
		}
		to = privacy.DecisionContext(to, d)
	}
	to = WithOperation(to, operationFrom(ctx))
	return WithRequestID(to, RequestID(ctx))
}
